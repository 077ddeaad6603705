import { words } from '../../../shared/edit/overrides';
import { type ChunkOverrides, type EditState, NO_OVERRIDE } from '../../../shared/edit/types';
import type { Box3, Vec3 } from '../../../shared/volume/types';

/** Voxels of one chunk whose override differs between two edit states. */
export interface OverrideChange {
  readonly chunk: Vec3;
  /** Local voxel indices in the chunk (strides of the full chunk shape), increasing. */
  readonly local: Uint32Array;
  /** Override before / after per listed voxel; NO_OVERRIDE where there was / is none. */
  readonly before: BigUint64Array;
  readonly after: BigUint64Array;
}

/**
 * Every voxel whose override differs between `prev` and `next`. Edit states are immutable and
 * copy chunks on write, so only chunks whose entry object changed are compared: the cost is what
 * the edits touched, never the volume. Merges are not voxel changes and are not listed.
 */
export function overrideChanges(prev: EditState, next: EditState): OverrideChange[] {
  if (prev.overrides === next.overrides) return [];
  const out: OverrideChange[] = [];
  const keys = new Set([...prev.overrides.keys(), ...next.overrides.keys()]);
  for (const key of keys) {
    const a = prev.overrides.get(key);
    const b = next.overrides.get(key);
    if (a === b) continue;
    const change = diffChunk(a, b, parseKey(key));
    if (change) out.push(change);
  }
  return out;
}

const EMPTY: ChunkOverrides = { index: new Uint32Array(0), values: new BigUint64Array(0) };

function diffChunk(
  a: ChunkOverrides = EMPTY,
  b: ChunkOverrides = EMPTY,
  chunk: Vec3,
): OverrideChange | undefined {
  const local: number[] = [];
  const before: bigint[] = [];
  const after: bigint[] = [];
  const aw = words(a.values);
  const bw = words(b.values);
  let i = 0;
  let j = 0;
  while (i < a.index.length || j < b.index.length) {
    const ia = i < a.index.length ? a.index[i]! : Infinity;
    const ib = j < b.index.length ? b.index[j]! : Infinity;
    if (ia === ib) {
      if (aw[2 * i] !== bw[2 * j] || aw[2 * i + 1] !== bw[2 * j + 1]) {
        local.push(ia);
        before.push(a.values[i]!);
        after.push(b.values[j]!);
      }
      i++;
      j++;
    } else if (ia < ib) {
      local.push(ia);
      before.push(a.values[i++]!);
      after.push(NO_OVERRIDE);
    } else {
      local.push(ib);
      before.push(NO_OVERRIDE);
      after.push(b.values[j++]!);
    }
  }
  if (local.length === 0) return undefined;
  return {
    chunk,
    local: Uint32Array.from(local),
    before: BigUint64Array.from(before),
    after: BigUint64Array.from(after),
  };
}

function parseKey(key: string): Vec3 {
  const [z, y, x] = key.split(',').map(Number);
  return [z!, y!, x!];
}

/** The volume voxel (z, y, x) of a local chunk index. */
export function localToVoxel(chunk: Vec3, chunkShape: Vec3, local: number): Vec3 {
  const [cz, cy, cx] = chunkShape;
  const lx = local % cx;
  const rest = (local - lx) / cx;
  const ly = rest % cy;
  const lz = (rest - ly) / cy;
  return [chunk[0] * cz + lz, chunk[1] * cy + ly, chunk[2] * cx + lx];
}

/** Bounding box of a change's voxels. */
export function changeBox(change: OverrideChange, chunkShape: Vec3): Box3 {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-1, -1, -1];
  for (const local of change.local) {
    const v = localToVoxel(change.chunk, chunkShape, local);
    for (let d = 0; d < 3; d++) {
      lo[d] = Math.min(lo[d]!, v[d]!);
      hi[d] = Math.max(hi[d]!, v[d]!);
    }
  }
  return {
    start: [lo[0]!, lo[1]!, lo[2]!],
    size: [hi[0]! - lo[0]! + 1, hi[1]! - lo[1]! + 1, hi[2]! - lo[2]! + 1],
  };
}
