import { clampBox } from '../volume/box';
import { type Box3, type LabelArray, type Vec3, boxVoxels } from '../volume/types';
import { applyMergeChanges, remapBlock, resolveId } from './equivalence';
import { applyVoxelDeltas, overrideAt, words, writeOverrides } from './overrides';
import { type EditDelta, EditError, type EditState, type LabelReader } from './types';

export const DEFAULT_CHUNK_SHAPE: Vec3 = [64, 64, 64];

/** No edits yet on top of `reader`'s volume. */
export function createEditState(
  reader: Pick<LabelReader, 'maxId'>,
  chunkShape: Vec3 = DEFAULT_CHUNK_SHAPE,
): EditState {
  if (chunkShape.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new RangeError(`bad chunk shape ${chunkShape.join('x')}`);
  }
  return {
    chunkShape,
    overrides: new Map(),
    merges: new Map(),
    firstNewId: reader.maxId + 1n,
    nextId: reader.maxId + 1n,
  };
}

export function hasEdits(state: EditState): boolean {
  return state.overrides.size > 0 || state.merges.size > 0;
}

/** The current id of raw id `rawId` (a base id or an override value) after merges. */
export function resolve(state: EditState, rawId: bigint): bigint {
  return resolveId(state.merges, rawId);
}

/** The current label of voxel (z, y, x) whose base id is `baseId`. */
export function labelAt(state: EditState, z: number, y: number, x: number, baseId: bigint): bigint {
  return resolveId(state.merges, overrideAt(state, z, y, x) ?? baseId);
}

/** Whether `id` names a segment: a non-zero base id or an id allocated by an edit. */
export function idExists(state: EditState, reader: LabelReader, id: bigint): boolean {
  if (id <= 0n) return false;
  if (id >= state.firstNewId) return id < state.nextId;
  return reader.hasId(id);
}

/**
 * Corrected labels of `box` from its raw base labels: overrides, then merges. The base block is
 * not modified. This is what slices, meshes, metrics and export read.
 */
export function applyToBlock(state: EditState, box: Box3, base: LabelArray): BigUint64Array {
  if (base.length !== boxVoxels(box)) {
    throw new RangeError(`block of ${base.length} voxels for a box of ${boxVoxels(box)}`);
  }
  return correctInPlace(state, box, toUint64(base));
}

/** Overrides, then merges, written into `labels` (a block of `box`'s base labels). */
function correctInPlace(state: EditState, box: Box3, labels: BigUint64Array): BigUint64Array {
  writeOverrides(state, box, labels);
  remapBlock(labels, state.merges);
  return labels;
}

/** A fresh uint64 copy of a label block (int64 is taken bit for bit). */
function toUint64(base: LabelArray): BigUint64Array {
  if (base instanceof BigUint64Array) return base.slice();
  if (base instanceof BigInt64Array) return new BigUint64Array(base.slice().buffer);
  const out = new BigUint64Array(base.length);
  const w = words(out);
  for (let i = 0; i < base.length; i++) {
    const v = base[i]!;
    if (v < 0) throw new RangeError(`negative label ${v} at voxel ${i}`);
    w[2 * i] = v;
  }
  return out;
}

/** Read `box` from `reader` and correct it (in the reader's new array: no second copy). */
export function readCorrected(state: EditState, reader: LabelReader, box: Box3): BigUint64Array {
  const base = reader.readLabels(box);
  if (base.length !== boxVoxels(box)) {
    throw new RangeError(`block of ${base.length} voxels for a box of ${boxVoxels(box)}`);
  }
  return correctInPlace(state, box, base);
}

/** 1 where `labels` equals `id`, else 0 (compares 32-bit words; no bigint per voxel). */
export function segmentMask(labels: BigUint64Array, id: bigint): Uint8Array {
  const w = words(labels);
  const lo = Number(id & 0xffffffffn);
  const hi = Number(id >> 32n);
  const mask = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) if (w[2 * i] === lo && w[2 * i + 1] === hi) mask[i] = 1;
  return mask;
}

/**
 * Bounding box of `segment`'s voxels inside `within` (default: the whole volume), or null when it
 * has none there. Reads slabs of `slab` planes so memory stays bounded.
 */
export function findSegmentBox(
  state: EditState,
  reader: LabelReader,
  segment: bigint,
  within: Box3 = { start: [0, 0, 0], size: reader.shape },
  slab = 16,
): Box3 | null {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-1, -1, -1];
  const [, sy, sx] = within.size;
  const idLo = Number(segment & 0xffffffffn);
  const idHi = Number(segment >> 32n);
  for (let z0 = within.start[0]; z0 < within.start[0] + within.size[0]; z0 += slab) {
    const box = clampBox(
      { start: [z0, within.start[1], within.start[2]], size: [slab, sy, sx] },
      reader.shape,
    );
    const w = words(readCorrected(state, reader, box));
    for (let z = 0, i = 0; z < box.size[0]; z++) {
      for (let y = 0; y < sy; y++) {
        let first = -1;
        let last = -1;
        for (let x = 0; x < sx; x++, i++) {
          if (w[2 * i] !== idLo || w[2 * i + 1] !== idHi) continue;
          if (first === -1) first = x;
          last = x;
        }
        if (first === -1) continue;
        const at = [box.start[0] + z, box.start[1] + y, box.start[2] + first, box.start[2] + last];
        lo[0] = Math.min(lo[0]!, at[0]!);
        hi[0] = Math.max(hi[0]!, at[0]!);
        lo[1] = Math.min(lo[1]!, at[1]!);
        hi[1] = Math.max(hi[1]!, at[1]!);
        lo[2] = Math.min(lo[2]!, at[2]!);
        hi[2] = Math.max(hi[2]!, at[3]!);
      }
    }
  }
  if (hi[0]! < 0) return null;
  return {
    start: [lo[0]!, lo[1]!, lo[2]!],
    size: [hi[0]! - lo[0]! + 1, hi[1]! - lo[1]! + 1, hi[2]! - lo[2]! + 1],
  };
}

/** The delta that undoes `delta` (shares its arrays; nothing is copied). */
export function invertDelta(delta: EditDelta): EditDelta {
  return {
    voxels: delta.voxels.map((c) => ({ chunk: c.chunk, index: c.index, before: c.after, after: c.before })),
    merges: delta.merges.map((m) => ({ id: m.id, before: m.after, after: m.before })),
    nextId: { before: delta.nextId.after, after: delta.nextId.before },
  };
}

/** Apply a delta (redo, or undo with an inverse). Throws 'stale-delta' if it does not fit. */
export function applyDelta(state: EditState, delta: EditDelta): EditState {
  if (state.nextId !== delta.nextId.before) {
    throw new EditError(
      'stale-delta',
      `delta does not apply: next id is ${state.nextId}, not ${delta.nextId.before}`,
    );
  }
  return {
    chunkShape: state.chunkShape,
    overrides: applyVoxelDeltas(state.overrides, delta.voxels),
    merges: applyMergeChanges(state.merges, delta.merges),
    firstNewId: state.firstNewId,
    nextId: delta.nextId.after,
  };
}

export function isEmptyDelta(delta: EditDelta): boolean {
  return delta.voxels.length === 0 && delta.merges.length === 0 && delta.nextId.before === delta.nextId.after;
}

/** Bounding box of the voxels a delta changes (null when it changes none, e.g. a merge). */
export function deltaBox(delta: EditDelta, chunkShape: Vec3): Box3 | null {
  const [cz, cy, cx] = chunkShape;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-1, -1, -1];
  for (const c of delta.voxels) {
    for (const local of c.index) {
      const lx = local % cx;
      const ly = ((local - lx) / cx) % cy;
      const lz = (local - lx - ly * cx) / (cx * cy);
      const at = [c.chunk[0] * cz + lz, c.chunk[1] * cy + ly, c.chunk[2] * cx + lx];
      for (let d = 0; d < 3; d++) {
        lo[d] = Math.min(lo[d]!, at[d]!);
        hi[d] = Math.max(hi[d]!, at[d]!);
      }
    }
  }
  if (hi[0]! < 0) return null;
  return {
    start: [lo[0]!, lo[1]!, lo[2]!],
    size: [hi[0]! - lo[0]! + 1, hi[1]! - lo[1]! + 1, hi[2]! - lo[2]! + 1],
  };
}
