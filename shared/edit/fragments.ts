import type { Vec3 } from '../volume/types';
import { LevelQueues } from './levelQueues';
import { type PaddedGrid, paddedGrid } from './padding';

/** Label states while fragments are built (fragment ids are positive). */
const OUTSIDE = -1;
const FREE = 0;
/** Free, in a plateau of minima that holds a marker: flooded from the marker, not a fragment. */
const RESERVED = -2;

/** A masked box cut into watershed fragments: small regions whose borders follow cost ridges. */
export interface Fragments {
  readonly grid: PaddedGrid;
  /** Per padded voxel: fragment id 1..count, 0 outside the mask. */
  readonly labels: Int32Array;
  readonly count: number;
  /** Per padded voxel: the flooding cost (0 outside the mask). */
  readonly cost: Uint8Array;
}

/**
 * Over-segment the voxels where `mask` is 1 by a watershed on `cost` from every local minimum
 * (and from each voxel in `markers`, which always gets a fragment of its own, so that seeds of
 * different sides never share one). With `planar`, neighbours are in-slice only and every
 * fragment lies in one z slice: in anisotropic EM the in-slice membranes are sharp, the
 * boundaries between slices are not, so fragments should not reach across them.
 */
export function watershedFragments(
  size: Vec3,
  mask: Uint8Array,
  cost: Uint8Array,
  markers: readonly number[],
  planar: boolean,
  markerBlur = MARKER_BLUR,
): Fragments {
  const grid = paddedGrid(size);
  const sx = size[2];
  const pc = new Uint8Array(grid.length);
  const labels = new Int32Array(grid.length).fill(OUTSIDE);
  grid.forRows((row, prow) => {
    for (let x = 0; x < sx; x++) {
      if (mask[row + x] !== 1) continue;
      labels[prow + x] = FREE;
      pc[prow + x] = cost[row + x]!;
    }
  });
  const queues = new LevelQueues();
  let count = 0;
  for (const m of markers) {
    const v = grid.toPadded(m);
    if (labels[v] !== FREE) continue;
    labels[v] = ++count;
    queues.push(pc[v]!, v);
  }
  const neighbours = planar ? 4 : 6;
  const depth = markerDepth(grid, pc, labels, planar, markerBlur);
  count = labelMinima(grid, depth, pc, labels, queues, neighbours, count);
  flood(grid, pc, labels, queues, neighbours);
  for (let v = 0; v < labels.length; v++) if (labels[v] === OUTSIDE) labels[v] = 0;
  return { grid, labels, count, cost: pc };
}

/**
 * [1 2 1] blur passes (in-slice when planar) of the cost where minima are looked for: noise
 * makes a minimum every few voxels, and fragments that small make the boundary graph large and
 * slow; smoothed, one minimum remains per blob of cell interior. Outside the mask counts as 255
 * (the segment's outer membrane). The flood itself still follows the unblurred cost.
 */
const MARKER_BLUR = 2;

function markerDepth(
  grid: PaddedGrid,
  pc: Uint8Array,
  labels: Int32Array,
  planar: boolean,
  passes: number,
): Float32Array {
  let a = new Float32Array(pc.length).fill(255);
  for (let v = 0; v < pc.length; v++) if (labels[v] !== OUTSIDE) a[v] = pc[v]!;
  let b = Float32Array.from(a);
  const axes = planar ? 2 : 3;
  const [dx, , dy, , dz] = grid.offsets;
  const steps = [dx!, dy!, dz!];
  for (let pass = 0; pass < passes; pass++) {
    for (let s = 0; s < axes; s++) {
      const o = steps[s]!;
      for (let v = 0; v < pc.length; v++) {
        if (labels[v] !== OUTSIDE) b[v] = (a[v - o]! + 2 * a[v]! + a[v + o]!) * 0.25;
      }
      [a, b] = [b, a];
    }
  }
  return a;
}

/**
 * Give each plateau of local minima of `depth` (no neighbour strictly lower) a new id and queue
 * it at its cost; a
 * plateau that touches a marker at its level is left to that marker's flood instead (so with a
 * flat cost, no image, the markers split the mask by distance). Returns the last id used.
 */
function labelMinima(
  grid: PaddedGrid,
  depth: Float32Array,
  pc: Uint8Array,
  labels: Int32Array,
  queues: LevelQueues,
  neighbours: number,
  markerCount: number,
): number {
  const offsets = grid.offsets;
  const plateau: number[] = [];
  let count = markerCount;
  for (let v = 0; v < labels.length; v++) {
    if (labels[v] !== FREE) continue;
    const c = depth[v]!;
    let minimum = true;
    for (let k = 0; k < neighbours && minimum; k++) {
      const u = v + offsets[k]!;
      minimum = labels[u] === OUTSIDE || depth[u]! >= c;
    }
    if (!minimum) continue;
    const id = count + 1;
    let marked = false;
    labels[v] = id;
    plateau.push(v);
    for (let at = 0; at < plateau.length; at++) {
      const w = plateau[at]!;
      for (let k = 0; k < neighbours; k++) {
        const u = w + offsets[k]!;
        const l = labels[u]!;
        if (depth[u] !== c || l === OUTSIDE || l === id) continue;
        if (l === FREE) {
          labels[u] = id;
          plateau.push(u);
        } else if (l > 0 && l <= markerCount) marked = true;
      }
    }
    for (const w of plateau) {
      if (marked) labels[w] = RESERVED;
      else queues.push(pc[w]!, w);
    }
    if (!marked) count = id;
    plateau.length = 0;
  }
  return count;
}

/** Grow the queued fragments over the unlabelled voxels, lowest cost first (FIFO within a level). */
function flood(
  grid: PaddedGrid,
  pc: Uint8Array,
  labels: Int32Array,
  queues: LevelQueues,
  neighbours: number,
): void {
  const offsets = grid.offsets;
  for (let level = 0; level < 256; level++) {
    // Pushes at this level append to the queue being walked, so they are handled in this pass.
    for (let at = 0; at < queues.length[level]!; at++) {
      const v = queues.items[level]![at]!;
      const id = labels[v]!;
      for (let k = 0; k < neighbours; k++) {
        const u = v + offsets[k]!;
        const l = labels[u]!;
        if (l !== FREE && l !== RESERVED) continue;
        labels[u] = id;
        const c = pc[u]!;
        queues.push(c > level ? c : level, u);
      }
    }
    queues.release(level);
  }
}
