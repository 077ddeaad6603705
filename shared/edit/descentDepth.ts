import type { MaskRuns, PaddedGrid } from './padding';

/** Depth (cost x 64, sub-level precision) outside the mask: the highest, so nothing drains out. */
export const OUTSIDE_DEPTH = 255 * 64;

/** A symmetric smoothing kernel: weights of the centre and of offsets 1..3 on each side. */
interface Kernel {
  readonly w0: number;
  readonly w1: number;
  readonly w2: number;
  readonly w3: number;
  /** log2 of the weights' sum. */
  readonly shift: number;
}

/**
 * In-slice smoothing when sections are thick: [1 4 6 4 1] / 16, the two [1 2 1] passes that
 * thin, in-plane axons stand.
 */
const PLANAR: Kernel = { w0: 6, w1: 4, w2: 1, w3: 0, shift: 4 };
/**
 * Smoothing in 3D: [1 2 3 4 3 2 1] / 16 (a box of 4 twice), as wide as five [1 2 1] passes but
 * in one. 3D fragments of one diameter hold far more voxels than in-plane ones: two [1 2 1]
 * passes left a fragment per 126 voxels of a 1.6 Mvoxel segment, whose faces and merges cost
 * most of a split; this leaves one per 380, and still keeps tubes of 7 voxels radius and
 * membranes with 3-voxel gaps apart (test/shared/edit).
 */
const VOLUME: Kernel = { w0: 4, w1: 3, w2: 2, w3: 1, shift: 4 };
const REACH = 3;

/**
 * How descent smooths the cost: in-slice only (thick sections), in 3D, or not at all (a cost
 * that is smooth already at its scale, as that of a halved volume is).
 */
export type Smoothing = 'planar' | 'volume' | 'none';

/**
 * What steepest descent runs on: the cost x 64 smoothed along x and y (and z for 'volume'), one
 * pass per axis over the runs of the mask, and OUTSIDE_DEPTH outside it, which the kernel reads
 * as a wall (voxels near the segment's border drain inwards). Fewer noise minima make fewer,
 * larger fragments. Returns `depth`, `grid.length` long; `spare` (as long) is scratch.
 */
export function descentDepth(
  grid: PaddedGrid,
  runs: MaskRuns,
  cost: Uint8Array,
  smoothing: Smoothing,
  depth: Uint16Array,
  spare: Uint16Array,
): Uint16Array {
  if (smoothing === 'none') return unsmoothed(runs, cost, depth.fill(OUTSIDE_DEPTH, 0, grid.length));
  const planar = smoothing === 'planar';
  const kernel = planar ? PLANAR : VOLUME;
  const py = grid.offsets[2]!;
  const pz = grid.offsets[4]!;
  // The x pass writes into the array the last pass does not, so the result lands in `depth`.
  const first = planar ? spare : depth;
  const second = planar ? depth : spare;
  first.fill(OUTSIDE_DEPTH, 0, grid.length);
  second.fill(OUTSIDE_DEPTH, 0, grid.length);
  blurCostX(cost, first, runs, py - 2, kernel);
  const ny = pz / py - 2;
  const nz = grid.length / pz - 2;
  blurAlong(first, second, runs, py, ny, (v) => Math.floor((v % pz) / py) - 1, kernel);
  if (!planar) blurAlong(second, first, runs, pz, nz, (v) => Math.floor(v / pz) - 1, kernel);
  return depth;
}

function unsmoothed(runs: MaskRuns, cost: Uint8Array, depth: Uint16Array): Uint16Array {
  for (let r = 0; r < runs.count; r++) {
    const p = runs.padded[r]!;
    const i = runs.box[r]!;
    for (let j = 0; j < runs.length[r]!; j++) depth[p + j] = cost[i + j]! * 64;
  }
  return depth;
}

/**
 * The x pass, from the cost (x 64) of each run's voxels; beyond a run's ends is outside. Each
 * run is copied into `row` between walls of outside first, so the taps need no bounds checks.
 */
function blurCostX(cost: Uint8Array, dst: Uint16Array, runs: MaskRuns, rowLength: number, k: Kernel): void {
  const { w0, w1, w2, w3, shift } = k;
  const round = 1 << (shift - 1);
  const wall = OUTSIDE_DEPTH / 64;
  const row = new Int32Array(rowLength + 2 * REACH).fill(wall);
  for (let r = 0; r < runs.count; r++) {
    const v0 = runs.padded[r]! - REACH;
    const i0 = runs.box[r]! - REACH;
    const end = REACH + runs.length[r]!;
    for (let j = REACH; j < end; j++) row[j] = cost[i0 + j]!;
    row.fill(wall, end, end + REACH);
    for (let j = REACH; j < end; j++) {
      const s =
        w0 * row[j]! +
        w1 * (row[j - 1]! + row[j + 1]!) +
        w2 * (row[j - 2]! + row[j + 2]!) +
        w3 * (row[j - 3]! + row[j + 3]!);
      dst[v0 + j] = (s * 64 + round) >> shift;
    }
  }
}

/**
 * A pass along the axis of padded step `step` and `axisLength` voxels over the runs; taps beyond
 * the padding layer read the padding (outside) instead. `coordinate` gives a padded index's
 * 0-based coordinate along the axis.
 */
function blurAlong(
  src: Uint16Array,
  dst: Uint16Array,
  runs: MaskRuns,
  step: number,
  axisLength: number,
  coordinate: (v: number) => number,
  k: Kernel,
): void {
  const { w0, w1, w2, w3, shift } = k;
  const round = 1 << (shift - 1);
  for (let r = 0; r < runs.count; r++) {
    const start = runs.padded[r]!;
    const c = coordinate(start);
    const back = c + 1;
    const ahead = axisLength - c;
    const m1 = step;
    const m2 = Math.min(2, back) * step;
    const m3 = Math.min(3, back) * step;
    const p1 = step;
    const p2 = Math.min(2, ahead) * step;
    const p3 = Math.min(3, ahead) * step;
    for (let v = start, end = start + runs.length[r]!; v < end; v++) {
      const s =
        w0 * src[v]! +
        w1 * (src[v - m1]! + src[v + p1]!) +
        w2 * (src[v - m2]! + src[v + p2]!) +
        w3 * (src[v - m3]! + src[v + p3]!);
      dst[v] = (s + round) >> shift;
    }
  }
}
