import type { Skeleton } from '../formats/swc';
import type { TeasarOptions } from '../skeleton/teasar';
import type { IdTable } from '../volume/idTable';
import type { Vec3 } from '../volume/types';

export type TodoKind = 'split' | 'merge';

/** One likely error for the proofreader to look at. */
export interface TodoItem {
  /** 'split': segments that should be one (merge them); 'merge': a segment to cut. */
  readonly kind: TodoKind;
  /** Higher = more likely an error; in [0, 1]. */
  readonly score: number;
  readonly segmentIds: readonly bigint[];
  /** Where to jump the views, voxel [z, y, x]. */
  readonly voxel: Vec3;
  /** Human-readable evidence, e.g. 'ends face each other 80 nm apart, calibre 0.9x'. */
  readonly reason: string;
}

export interface TodoInput {
  /** Dense segment indices (IdTable), C-order zyx; index 0 (id 0) is ignored. */
  readonly labels: Uint32Array;
  readonly ids: IdTable;
  readonly shape: Vec3;
  /** nm per voxel, zyx. */
  readonly resolution: Vec3;
  /** Optional EM image (uint8, same shape): a missing membrane across a contact supports a split. */
  readonly image?: Uint8Array;
  /** Skeletons by dense index when already computed (else they are computed here). */
  readonly skeletons?: ReadonlyMap<number, Skeleton>;
}

export interface TodoOptions {
  /** Segments with fewer voxels are ignored (default 300). */
  readonly minVoxels?: number;
  /** Largest gap (nm) between two ends that may still be one neurite (default 500). */
  readonly maxGapNm?: number;
  /** Ends within this many voxels of a volume face leave the volume (default 2.5). */
  readonly borderVoxels?: number;
  /**
   * Length (nm) from which a skeleton counts as a neurite running through rather than a compact
   * cell; merge evidence is weighted by it (default 2000).
   */
  readonly minAxonLengthNm?: number;
  /** Items of the same kind closer than this (nm) and sharing a segment are one (default 400). */
  readonly dedupeNm?: number;
  /** Items scoring below this are dropped (default 0.05). */
  readonly minScore?: number;
  /** Keep at most this many items (default 200). */
  readonly maxItems?: number;
  readonly teasar?: TeasarOptions;
  readonly progress?: (done: number, total: number) => void;
  readonly signal?: { readonly aborted: boolean };
}

/** Every numeric option, resolved. */
export type ResolvedTodoOptions = {
  readonly [
    K in 'minVoxels' | 'maxGapNm' | 'borderVoxels' | 'minAxonLengthNm' | 'dedupeNm' | 'minScore' | 'maxItems'
  ]: number;
};

export const TODO_DEFAULTS: ResolvedTodoOptions = {
  minVoxels: 300,
  maxGapNm: 500,
  borderVoxels: 2.5,
  minAxonLengthNm: 2000,
  dedupeNm: 400,
  minScore: 0.05,
  maxItems: 200,
};

/** nm position to the voxel that contains it (node positions are voxel centres). */
export function nmToVoxel(pos: Vec3, resolution: Vec3, shape: Vec3): Vec3 {
  const v = [0, 1, 2].map((a) => Math.min(shape[a]! - 1, Math.max(0, Math.floor(pos[a]! / resolution[a]!))));
  return [v[0]!, v[1]!, v[2]!];
}
