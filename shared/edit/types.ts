import type { Box3, Vec3 } from '../volume/types';

/*
 * The proofreading edit model. The loaded segmentation is never modified: an EditState holds
 * voxel overrides (sparse, per chunk) and a flat merge map on top of it. Commands (plain data)
 * are performed by `applyCommand`, which returns the new state and a delta holding old and new
 * values side by side; the delta inverts by swapping them, so undo and redo are exact and cost
 * what the edit touched, never a volume snapshot. New ids start above the base volume's largest
 * id; `nextId` is part of the state, so undoing an edit frees its ids and replaying the log of
 * the edits still applied gives the same ids again.
 */

/**
 * The base segmentation as the edit model sees it: read-only, synchronous, C-order zyx blocks.
 * The backend supplies it from memory or its chunk cache; `memoryReader` builds one from arrays.
 * `readLabels` and `readImage` return a new array on every call, which the caller owns: the model
 * corrects a label block in place instead of copying it again (a split's box can hold millions
 * of voxels).
 */
export interface LabelReader {
  readonly shape: Vec3;
  /** Voxel size in nm, zyx (the split uses it to decide which axes to smooth along). */
  readonly resolution: Vec3;
  /** Largest id in the base volume; new ids are allocated above it. */
  readonly maxId: bigint;
  /** Whether `id` occurs in the base volume. */
  hasId(id: bigint): boolean;
  /** Raw base labels of `box` (inside the volume), C-order zyx. */
  /** Base labels of `box`, in a new array the caller may modify. */
  readLabels(box: Box3): BigUint64Array;
  /** EM image of `box`, uint8; when absent, splits follow geometry only. */
  readImage?(box: Box3): Uint8Array;
}

/**
 * Voxel overrides of one chunk: local voxel indices `(lz * cy + ly) * cx + lx` (strides of the
 * full chunk shape, also for edge chunks), strictly increasing, and the raw id each one now has.
 */
export interface ChunkOverrides {
  readonly index: Uint32Array;
  readonly values: BigUint64Array;
}

/**
 * The edits on top of an unmodified base segmentation. A voxel's label is
 * `resolve(override ?? base)`, where `resolve` follows `merges` (already flattened: every key
 * maps straight to its representative, which is never itself a key).
 */
export interface EditState {
  readonly chunkShape: Vec3;
  /** Keyed by `chunkKey` ("cz,cy,cx"); chunks without overrides have no entry. */
  readonly overrides: ReadonlyMap<string, ChunkOverrides>;
  readonly merges: ReadonlyMap<bigint, bigint>;
  /** Base max id + 1: ids from here up to `nextId` were allocated by edits. */
  readonly firstNewId: bigint;
  /** Next id to allocate. Part of the state, so undo gives an undone edit's ids back. */
  readonly nextId: bigint;
}

/** Marks "no override" in delta arrays; the largest uint64 is therefore not a usable id. */
export const NO_OVERRIDE = 0xffff_ffff_ffff_ffffn;

/** Override changes of one chunk: `before` / `after` per listed voxel (NO_OVERRIDE = none). */
export interface ChunkDelta {
  readonly chunk: Vec3;
  readonly index: Uint32Array;
  readonly before: BigUint64Array;
  readonly after: BigUint64Array;
}

/** A change of one id's representative; null means the id is its own representative. */
export interface MergeChange {
  readonly id: bigint;
  readonly before: bigint | null;
  readonly after: bigint | null;
}

/** Everything an edit changed, old and new values side by side, so it inverts by swapping. */
export interface EditDelta {
  readonly voxels: readonly ChunkDelta[];
  readonly merges: readonly MergeChange[];
  readonly nextId: { readonly before: bigint; readonly after: bigint };
}

/**
 * A brush stroke: a disc in the named plane (or a ball) stamped at each centre and at every voxel
 * step on the straight line between consecutive centres; radius in voxels.
 */
export interface Brush {
  readonly centers: readonly Vec3[];
  readonly radius: number;
  readonly plane: 'xy' | 'xz' | 'yz' | 'ball';
}

export type PaintRegion = { readonly voxels: readonly Vec3[] } | { readonly brush: Brush };

/** Commands are plain data (serialisable with `commandToJson`); `applyCommand` performs them. */
export type EditCommand =
  /** Merge `source`'s segment into `target`'s: everything takes target's representative. */
  | { readonly kind: 'merge'; readonly target: bigint; readonly source: bigint }
  /**
   * Split `segment` inside `box` (default: the segment's bounding box) along membranes; the side
   * reached from `sinks` becomes a new segment.
   */
  | {
      readonly kind: 'split';
      readonly segment: bigint;
      readonly sources: readonly Vec3[];
      readonly sinks: readonly Vec3[];
      readonly box?: Box3;
    }
  /** Every 6-connected piece of `segment` but the largest gets a new id. */
  | { readonly kind: 'splitComponents'; readonly segment: bigint; readonly box?: Box3 }
  /**
   * Set voxels to `id` ('new' allocates one). With `onlyOver`, only voxels currently labelled
   * `onlyOver` change.
   */
  | {
      readonly kind: 'paint';
      readonly id: bigint | 'new';
      readonly region: PaintRegion;
      readonly onlyOver?: bigint;
    }
  /** Set voxels to background 0 (Paintera's eraser). */
  | { readonly kind: 'erase'; readonly region: PaintRegion; readonly onlyOver?: bigint };

export type EditKind = EditCommand['kind'];

export interface EditSummary {
  readonly kind: EditKind;
  /** One line for the UI and the log. */
  readonly text: string;
  /** Ids allocated by this edit. */
  readonly newIds: readonly bigint[];
  /** Segments whose voxels or identity changed (for mesh and metrics invalidation). */
  readonly segments: readonly bigint[];
  /** Voxels whose override changed. */
  readonly changedVoxels: number;
}

export interface EditResult {
  readonly state: EditState;
  readonly delta: EditDelta;
  /** `invertDelta(delta)`: apply it to `state` to get the previous state back exactly. */
  readonly inverse: EditDelta;
  readonly summary: EditSummary;
}

export type EditErrorCode =
  | 'bad-input'
  | 'unknown-id'
  | 'same-segment'
  | 'seed-outside'
  | 'empty-segment'
  | 'no-change'
  | 'stale-delta';

/** Thrown for edits that cannot apply; the state passed in is never changed. */
export class EditError extends Error {
  constructor(
    readonly code: EditErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EditError';
  }
}
