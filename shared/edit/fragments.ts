import type { Vec3 } from '../volume/types';
import type { GraphBuilder } from './boundaryGraph';
import { type MaskRuns, type PaddedGrid, paddedGrid } from './padding';

/** A masked box cut into watershed fragments: small regions whose borders follow cost ridges. */
export interface Fragments {
  readonly grid: PaddedGrid;
  /** Per padded cell: the fragment id, 1..count, or 0 outside the mask. */
  readonly labels: Int32Array;
  readonly count: number;
}

/** [1 2 1] passes that smooth the cost before descent: fewer, larger fragments from noise. */
const DESCENT_BLUR = 2;
/** Depth (cost x 64) outside the mask: the highest there is, so nothing drains out. */
const OUTSIDE_DEPTH = 255 * 64;
/**
 * Per padded cell before labelling: OUTSIDE the mask, 1 + k when the voxel drains to its
 * neighbour at `grid.offsets[k]` (k = 0..5), ROOT, STUCK (for a while), and LABELLED once its
 * fragment id is in `labels`. One byte a cell keeps the label walks in cache.
 */
const OUTSIDE = 0;
const ROOT = 7;
const STUCK = 8;
const LABELLED = 9;

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
 * their roots first. The faces between fragments go into `faces` in the same pass as the labels
 * (voxels are labelled in scan order, so the -x, -y and -z neighbours of each already are).
 */
export function watershedFragments(
  size: Vec3,
  runs: MaskRuns,
  cost: Uint8Array,
  markers: readonly number[],
  planar: boolean,
  faces: GraphBuilder,
): Fragments {
  const grid = paddedGrid(size);
  // The blur's second buffer borrows the memory of `labels`, which is cleared before use.
  const labels = new Int32Array(grid.length);
  const depth = blurredDepth(grid, runs, cost, planar, new Uint16Array(labels.buffer, 0, grid.length));
  labels.fill(0);
  const dir = new Uint8Array(grid.length);
  const neighbours = planar ? 4 : 6;
  const stuck = descend(grid, runs, depth, dir, neighbours);
  for (const m of markers) {
    const v = grid.toPadded(m);
    if (dir[v] !== OUTSIDE) dir[v] = ROOT;
  }
  drainPlateaus(grid, depth, dir, stuck, neighbours);
  const count = labelRoots(size, grid, runs, dir, labels, cost, faces);
  return { grid, labels, count };
}

/**
 * The cost x 64 (sub-level precision) after DESCENT_BLUR [1 2 1] passes; 255 x 64 outside the
 * mask. The passes alternate between `spare` and the returned array.
 */
function blurredDepth(
  grid: PaddedGrid,
  runs: MaskRuns,
  cost: Uint8Array,
  planar: boolean,
  spare: Uint16Array,
): Uint16Array {
  const steps = [grid.offsets[2]!, grid.offsets[4]!].slice(0, planar ? 1 : 2);
  const out = new Uint16Array(grid.length).fill(OUTSIDE_DEPTH);
  let a: Uint16Array = spare.fill(OUTSIDE_DEPTH);
  let b: Uint16Array = out;
  blurCostX(cost, a, runs);
  for (let pass = 0; pass < DESCENT_BLUR; pass++) {
    if (pass > 0) {
      blurRunsX(a, b, runs);
      [a, b] = [b, a];
    }
    for (const o of steps) {
      blurRuns(a, b, runs, o);
      [a, b] = [b, a];
    }
  }
  if (a !== out) out.set(a);
  return out;
}

/** The first x pass, straight from the cost (x 64) of the voxels in each run; outside is 255 x 64. */
function blurCostX(cost: Uint8Array, dst: Uint16Array, runs: MaskRuns): void {
  for (let r = 0; r < runs.count; r++) {
    let v = runs.padded[r]!;
    let i = runs.box[r]!;
    const end = v + runs.length[r]!;
    let prev = OUTSIDE_DEPTH;
    let here = cost[i]! * 64;
    for (; v < end - 1; v++, i++) {
      const next = cost[i + 1]! * 64;
      dst[v] = (prev + 2 * here + next + 2) >> 2;
      prev = here;
      here = next;
    }
    dst[v] = (prev + 2 * here + OUTSIDE_DEPTH + 2) >> 2;
  }
}

function blurRunsX(src: Uint16Array, dst: Uint16Array, runs: MaskRuns): void {
  for (let r = 0; r < runs.count; r++) {
    let v = runs.padded[r]!;
    const end = v + runs.length[r]!;
    let prev = src[v - 1]!;
    let here = src[v]!;
    for (; v < end; v++) {
      const next = src[v + 1]!;
      dst[v] = (prev + 2 * here + next + 2) >> 2;
      prev = here;
      here = next;
    }
  }
}

function blurRuns(src: Uint16Array, dst: Uint16Array, runs: MaskRuns, o: number): void {
  for (let r = 0; r < runs.count; r++) {
    const start = runs.padded[r]!;
    const end = start + runs.length[r]!;
    for (let v = start; v < end; v++) dst[v] = (src[v - o]! + 2 * src[v]! + src[v + o]! + 2) >> 2;
  }
}

/**
 * Point each voxel at its strictly lowest neighbour, the first in offset order among equals;
 * voxels with none are STUCK and returned in scan order. Cells outside the mask have the
 * highest depth, so no voxel drains out.
 */
function descend(
  grid: PaddedGrid,
  runs: MaskRuns,
  depth: Uint16Array,
  dir: Uint8Array,
  neighbours: number,
): Int32Array {
  const px = grid.offsets[2]!;
  // In-slice only: the z neighbours are the voxel itself, never lower.
  const plane = neighbours === 6 ? grid.offsets[4]! : 0;
  let stuck: Int32Array = new Int32Array(1024);
  let count = 0;
  for (let r = 0; r < runs.count; r++) {
    const start = runs.padded[r]!;
    const end = start + runs.length[r]!;
    let here = depth[start]!;
    let before = depth[start - 1]!;
    for (let v = start; v < end; v++) {
      const after = depth[v + 1]!;
      let lowest = here;
      let code = STUCK;
      if (after < lowest) {
        lowest = after;
        code = 1;
      }
      if (before < lowest) {
        lowest = before;
        code = 2;
      }
      let d = depth[v + px]!;
      if (d < lowest) {
        lowest = d;
        code = 3;
      }
      d = depth[v - px]!;
      if (d < lowest) {
        lowest = d;
        code = 4;
      }
      d = depth[v + plane]!;
      if (d < lowest) {
        lowest = d;
        code = 5;
      }
      if (depth[v - plane]! < lowest) code = 6;
      before = here;
      here = after;
      dir[v] = code;
      if (code !== STUCK) continue;
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
  dir: Uint8Array,
  stuck: Int32Array,
  neighbours: number,
): void {
  const offsets = grid.offsets;
  // Every stuck voxel is queued at most once.
  const queue = new Int32Array(stuck.length);
  const exits = new Uint8Array(stuck.length);
  // First the voxels next to an exit, all found before any drains, so that the search below
  // runs outwards from every exit at once (a plateau splits by distance to its exits).
  let tail = 0;
  for (const v of stuck) {
    if (dir[v] !== STUCK) continue; // a marker
    const dv = depth[v]!;
    for (let k = 0; k < neighbours; k++) {
      const u = v + offsets[k]!;
      const c = dir[u]!;
      if (depth[u] === dv && c !== OUTSIDE && c !== STUCK) {
        queue[tail] = v;
        exits[tail++] = 1 + k;
        break;
      }
    }
  }
  for (let i = 0; i < tail; i++) dir[queue[i]!] = exits[i]!;
  spread(queue, tail, offsets, neighbours, depth, dir);
  for (const v of stuck) {
    if (dir[v] !== STUCK) continue;
    // A regional minimum: v becomes its root, the rest of it drains to v.
    dir[v] = ROOT;
    queue[0] = v;
    spread(queue, 1, offsets, neighbours, depth, dir);
  }
}

/** Breadth-first over stuck equal-depth voxels from the queued ones, each draining to its finder. */
function spread(
  queue: Int32Array,
  tail: number,
  offsets: Int32Array,
  neighbours: number,
  depth: Uint16Array,
  dir: Uint8Array,
): void {
  for (let at = 0; at < tail; at++) {
    const w = queue[at]!;
    const dw = depth[w]!;
    for (let k = 0; k < neighbours; k++) {
      const u = w + offsets[k]!;
      if (dir[u] !== STUCK || depth[u] !== dw) continue;
      dir[u] = 1 + (k ^ 1);
      queue[tail++] = u;
    }
  }
}

/**
 * Label each voxel with its root's fragment id, in scan order: an unlabelled voxel walks down
 * to a labelled voxel or a root (which takes the next id), then labels the path it walked, so
 * every voxel is walked from once. Then the faces towards its -x, -y and -z neighbours (all
 * labelled by then) that separate two fragments go into the boundary graph. Returns the number
 * of fragments.
 */
function labelRoots(
  size: Vec3,
  grid: PaddedGrid,
  runs: MaskRuns,
  dir: Uint8Array,
  labels: Int32Array,
  cost: Uint8Array,
  faces: GraphBuilder,
): number {
  const pass = new LabelPass(size, grid, dir, labels, cost, faces);
  for (let r = 0; r < runs.count; r++) pass.run(runs.padded[r]!, runs.box[r]!, runs.length[r]!);
  return pass.count;
}

/** `labelRoots`, one run at a time. */
class LabelPass {
  count = 0;
  /** The step of each drain code. */
  private readonly step: Int32Array;
  private readonly px: number;
  private readonly plane: number;
  private readonly row: number;
  private readonly slice: number;

  constructor(
    size: Vec3,
    grid: PaddedGrid,
    private readonly dir: Uint8Array,
    private readonly labels: Int32Array,
    private readonly cost: Uint8Array,
    private readonly faces: GraphBuilder,
  ) {
    this.step = Int32Array.of(0, ...grid.offsets);
    this.px = grid.offsets[2]!;
    this.plane = grid.offsets[4]!;
    this.row = size[2];
    this.slice = size[1] * size[2];
  }

  /** Label the run of n voxels from padded index v (box index i) and add its faces. */
  run(v: number, i: number, n: number): void {
    const { dir, labels, cost, faces, step, px, plane, row, slice } = this;
    const { zMean, penalty } = faces;
    // The voxel before (-x) in this run: none at its start.
    let before = 0;
    let beforeCost = 0;
    // The streak of -y faces (fragments, edge, sums) and of -z faces.
    let yId = 0,
      yLu = 0,
      yEdge = 0,
      ySum = 0,
      yFaces = 0;
    let zId = 0,
      zLu = 0,
      zEdge = 0,
      zSum = 0,
      zFaces = 0;
    for (const end = v + n; v < end; v++, i++) {
      let code = dir[v]!;
      let id: number;
      if (code === LABELLED) {
        id = labels[v]!;
      } else {
        let w = v;
        while (code < ROOT) {
          w += step[code]!;
          code = dir[w]!;
        }
        if (code === ROOT) {
          id = this.newFragment();
          dir[w] = LABELLED;
          labels[w] = id;
        } else {
          id = labels[w]!;
        }
        for (let u = v; u !== w;) {
          const c = dir[u]!;
          dir[u] = LABELLED;
          labels[u] = id;
          u += step[c]!;
        }
      }
      const cv = cost[i]!;
      if (before !== id && before !== 0) {
        faces.add(faces.edge(id, before), cv > beforeCost ? cv : beforeCost);
      }
      // Faces along a run towards one neighbouring fragment come in streaks: one lookup each.
      let lu = labels[v - px]!;
      if (lu !== id && lu !== 0) {
        const cu = cost[i - row]!;
        const score = cv > cu ? cv : cu;
        if (id === yId && lu === yLu) {
          ySum += score;
          yFaces++;
        } else {
          if (yFaces > 0) faces.add(yEdge, ySum, yFaces);
          yId = id;
          yLu = lu;
          yEdge = faces.edge(id, lu);
          ySum = score;
          yFaces = 1;
        }
      }
      lu = labels[v - plane]!;
      if (lu !== id && lu !== 0) {
        const cu = cost[i - slice]!;
        const score = zMean ? (cv + cu) / 2 + penalty : cv > cu ? cv : cu;
        if (id === zId && lu === zLu) {
          zSum += score;
          zFaces++;
        } else {
          if (zFaces > 0) faces.add(zEdge, zSum, zFaces);
          zId = id;
          zLu = lu;
          zEdge = faces.edge(id, lu);
          zSum = score;
          zFaces = 1;
        }
      }
      before = id;
      beforeCost = cv;
    }
    if (yFaces > 0) faces.add(yEdge, ySum, yFaces);
    if (zFaces > 0) faces.add(zEdge, zSum, zFaces);
  }

  private newFragment(): number {
    this.faces.reserve(++this.count);
    return this.count;
  }
}

function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}
