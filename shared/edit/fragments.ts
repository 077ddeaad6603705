import type { Vec3 } from '../volume/types';
import type { GraphBuilder } from './boundaryGraph';
import { descentDepth } from './descentDepth';
import { ROOT, labelFragments } from './labelFragments';
import { type MaskRuns, type PaddedGrid, paddedGrid } from './padding';

/** A masked box cut into watershed fragments: small regions whose borders follow cost ridges. */
export interface Fragments {
  readonly grid: PaddedGrid;
  /** Per padded cell: the fragment id, 1..count, or 0 outside the mask. */
  readonly labels: Int32Array;
  readonly count: number;
}

/**
 * Voxels whose fragment is given up front (say regions decided already): per voxel of the box
 * its id, 1..count, or 0. They drain nowhere; voxels that drain into them join them.
 */
export interface FixedFragments {
  readonly count: number;
  readonly ids: Uint8Array;
}

export interface FragmentOptions {
  readonly fixed?: FixedFragments;
  /** Smooth the cost before descent (see descentDepth); default true. */
  readonly smooth?: boolean;
}

/**
 * Per padded cell of `labels` before labelling: OUTSIDE the mask, -1 - k when the voxel drains
 * to its neighbour at `grid.offsets[k]` (k = 0..5), ROOT or STUCK (for a while); labelling
 * replaces the codes by fragment ids (positive), so a label walk reads one array.
 */
const OUTSIDE = 0;
const STUCK = -8;

/**
 * Over-segment the voxels of `runs` into watershed basins by steepest descent: every
 * voxel drains to its lowest neighbour, plateaus drain by breadth-first search towards their
 * exits, and each regional minimum with the voxels draining to it is one fragment. Each voxel in
 * `markers` is a fragment root of its own, so seeds of different sides never share a fragment
 * (and with a flat cost, no image, the markers split the mask by distance). With `planar`,
 * neighbours are in-slice only and every fragment lies in one z slice: in anisotropic EM the
 * in-slice membranes are sharp, the boundaries between slices are not. Descent is a few linear
 * passes over runs of voxels, much cheaper than a priority flood, and as good for fragments that
 * an agglomeration merges afterwards. Fragment ids follow scan order of the voxels that reach
 * their roots first, after the `options.fixed` ones. The faces between fragments go into `faces` in the
 * same pass as the labels (voxels are labelled in scan order, so the -x, -y and -z neighbours of
 * each already are).
 */
export function watershedFragments(
  size: Vec3,
  runs: MaskRuns,
  cost: Uint8Array,
  markers: readonly number[],
  planar: boolean,
  faces: GraphBuilder,
  options: FragmentOptions = {},
): Fragments {
  const { fixed, smooth = true } = options;
  const smoothing = !smooth ? 'none' : planar ? 'planar' : 'volume';
  const grid = paddedGrid(size);
  // The blur's second buffer borrows the memory of `labels`, which is cleared before use.
  const labels = new Int32Array(grid.length);
  const spare = new Uint16Array(labels.buffer, 0, grid.length);
  const depth = descentDepth(grid, runs, cost, smoothing, new Uint16Array(grid.length), spare);
  labels.fill(OUTSIDE);
  const neighbours = planar ? 4 : 6;
  const stuck = descend(grid, runs, depth, labels, neighbours);
  for (const m of markers) {
    const v = grid.toPadded(m);
    if (labels[v] !== OUTSIDE) labels[v] = ROOT;
  }
  if (fixed) fixFragments(runs, fixed.ids, labels);
  drainPlateaus(grid, depth, labels, stuck, neighbours);
  const count = labelFragments(size, grid, runs, labels, cost, faces, fixed?.count ?? 0);
  return { grid, labels, count };
}

/** Give the fixed voxels of `runs` their ids in `cells`. */
function fixFragments(runs: MaskRuns, ids: Uint8Array, cells: Int32Array): void {
  for (let r = 0; r < runs.count; r++) {
    const p = runs.padded[r]!;
    const i = runs.box[r]!;
    for (let j = 0; j < runs.length[r]!; j++) if (ids[i + j] !== 0) cells[p + j] = ids[i + j]!;
  }
}

/**
 * Point each voxel at its strictly lowest neighbour, the first in offset order among equals;
 * voxels with none are STUCK and returned in scan order. Cells outside the mask have the
 * highest depth, so no voxel drains out. The lowest is found without branches (noise makes
 * them unpredictable): each neighbour's key is its depth x 8 + its drain code (the voxel's own
 * key has code 0, so it wins ties), and the smallest key is kept with a sign mask.
 */
function descend(
  grid: PaddedGrid,
  runs: MaskRuns,
  depth: Uint16Array,
  cells: Int32Array,
  neighbours: number,
): Int32Array {
  const px = grid.offsets[2]!;
  // In-slice only: the z neighbours are the voxel itself, never lower.
  const plane = neighbours === 6 ? grid.offsets[4]! : 0;
  let stuck: Int32Array = new Int32Array(1024);
  let count = 0;
  for (let r = 0; r < runs.count; r++) {
    const start = runs.padded[r]!;
    for (let v = start, end = start + runs.length[r]!; v < end; v++) {
      let m = depth[v]! << 3;
      let d = ((depth[v + 1]! << 3) | 1) - m;
      m += d & (d >> 31);
      d = ((depth[v - 1]! << 3) | 2) - m;
      m += d & (d >> 31);
      d = ((depth[v + px]! << 3) | 3) - m;
      m += d & (d >> 31);
      d = ((depth[v - px]! << 3) | 4) - m;
      m += d & (d >> 31);
      d = ((depth[v + plane]! << 3) | 5) - m;
      m += d & (d >> 31);
      d = ((depth[v - plane]! << 3) | 6) - m;
      m += d & (d >> 31);
      const code = m & 7;
      if (code !== 0) {
        cells[v] = -code;
        continue;
      }
      cells[v] = STUCK;
      if (count === stuck.length) stuck = grown(stuck);
      stuck[count++] = v;
    }
  }
  return stuck.subarray(0, count);
}

/**
 * Stuck voxels sit on plateaus: breadth-first from each plateau's exits (equal-depth neighbours
 * that drain, or roots) they drain towards the nearest exit. What remains are plateaus without
 * exits, regional minima: each becomes one tree whose root is its first voxel.
 */
function drainPlateaus(
  grid: PaddedGrid,
  depth: Uint16Array,
  cells: Int32Array,
  stuck: Int32Array,
  neighbours: number,
): void {
  const offsets = grid.offsets;
  // Every stuck voxel is queued at most once.
  const queue = new Int32Array(stuck.length);
  const exits = new Int8Array(stuck.length);
  // First the voxels next to an exit, all found before any drains, so that the search below
  // runs outwards from every exit at once (a plateau splits by distance to its exits).
  let tail = 0;
  for (const v of stuck) {
    if (cells[v] !== STUCK) continue; // a marker
    const dv = depth[v]!;
    for (let k = 0; k < neighbours; k++) {
      const u = v + offsets[k]!;
      const c = cells[u]!;
      if (depth[u] === dv && c !== OUTSIDE && c !== STUCK) {
        queue[tail] = v;
        exits[tail++] = -1 - k;
        break;
      }
    }
  }
  for (let i = 0; i < tail; i++) cells[queue[i]!] = exits[i]!;
  spread(queue, tail, offsets, neighbours, depth, cells);
  for (const v of stuck) {
    if (cells[v] !== STUCK) continue;
    // A regional minimum: v becomes its root, the rest of it drains to v.
    cells[v] = ROOT;
    queue[0] = v;
    spread(queue, 1, offsets, neighbours, depth, cells);
  }
}

/** Breadth-first over stuck equal-depth voxels from the queued ones, each draining to its finder. */
function spread(
  queue: Int32Array,
  tail: number,
  offsets: Int32Array,
  neighbours: number,
  depth: Uint16Array,
  cells: Int32Array,
): void {
  for (let at = 0; at < tail; at++) {
    const w = queue[at]!;
    const dw = depth[w]!;
    for (let k = 0; k < neighbours; k++) {
      const u = w + offsets[k]!;
      if (cells[u] !== STUCK || depth[u] !== dw) continue;
      cells[u] = -1 - (k ^ 1);
      queue[tail++] = u;
    }
  }
}

function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}
