import { chunksInBox } from '../volume/box';
import type { Box3, Vec3 } from '../volume/types';
import { type ChunkDelta, type ChunkOverrides, EditError, type EditState } from './types';

/** Either 32-bit word of NO_OVERRIDE (both halves are all ones). */
const NONE = 0xffffffff;

/** (lo, hi) 32-bit words of each uint64 (little-endian, as on every platform we run on). */
export function words(a: BigUint64Array): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
}

export function chunkKey(chunk: Vec3): string {
  return `${chunk[0]},${chunk[1]},${chunk[2]}`;
}

/** First position in the sorted `index` whose value is >= `value`. */
export function lowerBound(index: Uint32Array, value: number): number {
  let lo = 0;
  let hi = index.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The override of voxel (z, y, x), or undefined. */
export function overrideAt(state: EditState, z: number, y: number, x: number): bigint | undefined {
  const [cz, cy, cx] = state.chunkShape;
  const chunk = state.overrides.get(chunkKey([Math.floor(z / cz), Math.floor(y / cy), Math.floor(x / cx)]));
  if (!chunk) return undefined;
  const local = ((z % cz) * cy + (y % cy)) * cx + (x % cx);
  const at = lowerBound(chunk.index, local);
  return chunk.index[at] === local ? chunk.values[at] : undefined;
}

/** Write the overrides that fall inside `box` into `out` (raw ids of `box`, C-order zyx). */
export function writeOverrides(state: EditState, box: Box3, out: BigUint64Array): void {
  if (state.overrides.size === 0) return;
  const [cz, cy, cx] = state.chunkShape;
  const [bz, by, bx] = box.start;
  const [sz, sy, sx] = box.size;
  const out32 = words(out);
  for (const chunk of chunksInBox(box, state.chunkShape)) {
    const entry = state.overrides.get(chunkKey(chunk));
    if (!entry) continue;
    const oz = chunk[0] * cz;
    const oy = chunk[1] * cy;
    const ox = chunk[2] * cx;
    // Indices are z-major, so the planes inside the box are one contiguous range.
    const z0 = Math.max(0, bz - oz);
    const z1 = Math.min(cz, bz + sz - oz);
    const from = lowerBound(entry.index, z0 * cy * cx);
    const to = lowerBound(entry.index, z1 * cy * cx);
    const values32 = words(entry.values);
    for (let k = from; k < to; k++) {
      const local = entry.index[k]!;
      const lx = local % cx;
      const rest = (local - lx) / cx;
      const ly = rest % cy;
      const lz = (rest - ly) / cy;
      const y = oy + ly - by;
      const x = ox + lx - bx;
      if (y < 0 || y >= sy || x < 0 || x >= sx) continue;
      const o = ((oz + lz - bz) * sy + y) * sx + x;
      out32[2 * o] = values32[2 * k]!;
      out32[2 * o + 1] = values32[2 * k + 1]!;
    }
  }
}

/** Merge one chunk's delta into its overrides; throws when `before` does not match. */
function applyChunkDelta(current: ChunkOverrides | undefined, delta: ChunkDelta): ChunkOverrides | undefined {
  const oldIndex = current?.index ?? new Uint32Array(0);
  const oldValues = current ? words(current.values) : new Uint32Array(0);
  const before = words(delta.before);
  const after = words(delta.after);
  const index = new Uint32Array(oldIndex.length + delta.index.length);
  const values = new Uint32Array(2 * index.length);
  let n = 0;
  let i = 0;
  for (let k = 0; k < delta.index.length; k++) {
    const local = delta.index[k]!;
    for (; i < oldIndex.length && oldIndex[i]! < local; i++, n++) {
      index[n] = oldIndex[i]!;
      values[2 * n] = oldValues[2 * i]!;
      values[2 * n + 1] = oldValues[2 * i + 1]!;
    }
    const present = i < oldIndex.length && oldIndex[i] === local;
    const nowLo = present ? oldValues[2 * i]! : NONE;
    const nowHi = present ? oldValues[2 * i + 1]! : NONE;
    if (nowLo !== before[2 * k] || nowHi !== before[2 * k + 1]) {
      throw new EditError(
        'stale-delta',
        `delta does not apply: voxel ${local} of chunk ${chunkKey(delta.chunk)}`,
      );
    }
    if (present) i++;
    if (after[2 * k] !== NONE || after[2 * k + 1] !== NONE) {
      index[n] = local;
      values[2 * n] = after[2 * k]!;
      values[2 * n + 1] = after[2 * k + 1]!;
      n++;
    }
  }
  index.set(oldIndex.subarray(i), n);
  values.set(oldValues.subarray(2 * i), 2 * n);
  n += oldIndex.length - i;
  if (n === 0) return undefined;
  return { index: index.slice(0, n), values: new BigUint64Array(values.buffer.slice(0, 8 * n)) };
}

/** New override map with `deltas` applied (copy-on-write per chunk). */
export function applyVoxelDeltas(
  overrides: ReadonlyMap<string, ChunkOverrides>,
  deltas: readonly ChunkDelta[],
): ReadonlyMap<string, ChunkOverrides> {
  if (deltas.length === 0) return overrides;
  const next = new Map(overrides);
  for (const delta of deltas) {
    const key = chunkKey(delta.chunk);
    const chunk = applyChunkDelta(next.get(key), delta);
    if (chunk) next.set(key, chunk);
    else next.delete(key);
  }
  return next;
}

/**
 * Per-voxel assignment over `box`: `assign[i] = k > 0` sets voxel i to `palette[k - 1]`. With
 * `base` (raw base labels of `box`), a voxel set back to its base id loses its override instead.
 */
export interface Assignment {
  readonly box: Box3;
  readonly assign: Uint8Array | Uint16Array | Uint32Array;
  readonly palette: readonly bigint[];
  readonly base?: BigUint64Array;
}

/** The chunk deltas that carry out `a`; voxels whose override would not change are left out. */
export function buildVoxelDelta(state: EditState, a: Assignment): ChunkDelta[] {
  const out: ChunkDelta[] = [];
  for (const chunk of chunksInBox(a.box, state.chunkShape)) {
    const delta = chunkDeltaFor(state, a, chunk);
    if (delta) out.push(delta);
  }
  return out;
}

/** Hot loop on 32-bit words (lo, hi) so that no bigint is created per voxel. */
function chunkDeltaFor(state: EditState, a: Assignment, chunk: Vec3): ChunkDelta | undefined {
  const [cz, cy, cx] = state.chunkShape;
  const [bz, by, bx] = a.box.start;
  const [, sy, sx] = a.box.size;
  const origin = [chunk[0] * cz, chunk[1] * cy, chunk[2] * cx] as const;
  const lo = [0, 1, 2].map((d) => Math.max(a.box.start[d]!, origin[d]!));
  const hi = [0, 1, 2].map((d) =>
    Math.min(a.box.start[d]! + a.box.size[d]!, origin[d]! + state.chunkShape[d]!),
  );
  const capacity = (hi[0]! - lo[0]!) * (hi[1]! - lo[1]!) * (hi[2]! - lo[2]!);
  if (capacity <= 0) return undefined;
  const palette = words(BigUint64Array.from(a.palette));
  const base = a.base ? words(a.base) : undefined;
  const existing = state.overrides.get(chunkKey(chunk));
  const oldIndex = existing?.index ?? new Uint32Array(0);
  const oldValues = existing ? words(existing.values) : new Uint32Array(0);
  const index = new Uint32Array(capacity);
  const before = new Uint32Array(2 * capacity);
  const after = new Uint32Array(2 * capacity);
  let n = 0;
  let cursor = 0;
  for (let z = lo[0]!; z < hi[0]!; z++) {
    for (let y = lo[1]!; y < hi[1]!; y++) {
      const row = ((z - bz) * sy + (y - by)) * sx - bx;
      const localRow = ((z - origin[0]) * cy + (y - origin[1])) * cx - origin[2];
      for (let x = lo[2]!; x < hi[2]!; x++) {
        const k = a.assign[row + x]!;
        if (k === 0) continue;
        const local = localRow + x;
        // Visited in increasing local order, so the cursor only moves forward.
        while (cursor < oldIndex.length && oldIndex[cursor]! < local) cursor++;
        const present = oldIndex[cursor] === local;
        const nowLo = present ? oldValues[2 * cursor]! : NONE;
        const nowHi = present ? oldValues[2 * cursor + 1]! : NONE;
        let newLo = palette[2 * k - 2]!;
        let newHi = palette[2 * k - 1]!;
        const v = row + x;
        if (base !== undefined && base[2 * v] === newLo && base[2 * v + 1] === newHi) {
          newLo = NONE;
          newHi = NONE;
        }
        if (newLo === nowLo && newHi === nowHi) continue;
        index[n] = local;
        before[2 * n] = nowLo;
        before[2 * n + 1] = nowHi;
        after[2 * n] = newLo;
        after[2 * n + 1] = newHi;
        n++;
      }
    }
  }
  if (n === 0) return undefined;
  return {
    chunk,
    index: index.slice(0, n),
    before: new BigUint64Array(before.buffer.slice(0, 8 * n)),
    after: new BigUint64Array(after.buffer.slice(0, 8 * n)),
  };
}
