import type { Vec3 } from '../volume/types';
import { type PaddedGrid, paddedGrid } from './padding';

/**
 * A masked box cut into watershed fragments: small regions whose borders follow cost ridges.
 * Each padded voxel is one int32 cell, fragment id << 8 | cost (id 0 outside the mask).
 */
export interface Fragments {
  readonly grid: PaddedGrid;
  readonly cells: Int32Array;
  readonly count: number;
  /** The padded index of every voxel in the mask (passes walk these, not the whole box). */
  readonly voxels: Int32Array;
  /** The same voxels' indices in the (unpadded) box. */
  readonly boxIndex: Int32Array;
}

/** Cell ids while fragments are built (0 = outside the mask); fragment ids stay below them. */
const UNLABELLED = 0x7fffff;
const MARKER = 0x7ffffe;
const MAX_FRAGMENTS = 0x7ffffd;
/** [1 2 1] passes that smooth the cost before descent: fewer, larger fragments from noise. */
const DESCENT_BLUR = 2;

/**
 * Over-segment the voxels where `mask` is 1 into watershed basins by steepest descent: every
 * voxel drains to its lowest neighbour, plateaus drain by breadth-first search towards their
 * exits, and each regional minimum with the voxels draining to it is one fragment. Each voxel in
 * `markers` is a fragment root of its own, so seeds of different sides never share a fragment
 * (and with a flat cost, no image, the markers split the mask by distance). With `planar`,
 * neighbours are in-slice only and every fragment lies in one z slice: in anisotropic EM the
 * in-slice membranes are sharp, the boundaries between slices are not. Descent is a few linear
 * passes, much cheaper than a priority flood, and as good for fragments that an agglomeration
 * merges afterwards.
 */
export function watershedFragments(
  size: Vec3,
  mask: Uint8Array,
  cost: Uint8Array,
  markers: readonly number[],
  planar: boolean,
): Fragments {
  const grid = paddedGrid(size);
  const sx = size[2];
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i] === 1 ? 1 : 0;
  const voxels = new Int32Array(n);
  const boxIndex = new Int32Array(n);
  const cells = new Int32Array(grid.length);
  let k = 0;
  grid.forRows((row, prow) => {
    for (let x = 0; x < sx; x++) {
      if (mask[row + x] !== 1) continue;
      cells[prow + x] = (UNLABELLED << 8) | cost[row + x]!;
      voxels[k] = prow + x;
      boxIndex[k++] = row + x;
    }
  });
  for (const m of markers) {
    const v = grid.toPadded(m);
    if (cells[v]! >> 8 === UNLABELLED) cells[v] = (MARKER << 8) | (cells[v]! & 255);
  }
  const neighbours = planar ? 4 : 6;
  const depth = blurredDepth(grid, cells, voxels, planar);
  const down = descend(grid, cells, voxels, depth, neighbours);
  drainPlateaus(grid, cells, voxels, depth, down, neighbours);
  const count = labelRoots(cells, voxels, down);
  return { grid, cells, count, voxels, boxIndex };
}

/** The cost x 64 (sub-level precision) after DESCENT_BLUR [1 2 1] passes; 255 outside the mask. */
function blurredDepth(grid: PaddedGrid, cells: Int32Array, voxels: Int32Array, planar: boolean): Uint16Array {
  let a = new Uint16Array(cells.length).fill(255 * 64);
  for (const v of voxels) a[v] = (cells[v]! & 255) * 64;
  let b = Uint16Array.from(a);
  const steps = [grid.offsets[0]!, grid.offsets[2]!, grid.offsets[4]!].slice(0, planar ? 2 : 3);
  for (let pass = 0; pass < DESCENT_BLUR; pass++) {
    for (const o of steps) {
      for (let i = 0; i < voxels.length; i++) {
        const v = voxels[i]!;
        b[v] = (a[v - o]! + 2 * a[v]! + a[v + o]! + 2) >> 2;
      }
      [a, b] = [b, a];
    }
  }
  return a;
}

/** Per voxel, its strictly lowest neighbour in the mask, or itself (minimum, plateau, marker). */
function descend(
  grid: PaddedGrid,
  cells: Int32Array,
  voxels: Int32Array,
  depth: Uint16Array,
  neighbours: number,
): Int32Array {
  const offsets = grid.offsets;
  const down = new Int32Array(cells.length);
  for (let i = 0; i < voxels.length; i++) {
    const v = voxels[i]!;
    let best = v;
    if (cells[v]! >> 8 === UNLABELLED) {
      let lowest = depth[v]!;
      for (let k = 0; k < neighbours; k++) {
        const u = v + offsets[k]!;
        if (depth[u]! < lowest && cells[u] !== 0) {
          best = u;
          lowest = depth[u]!;
        }
      }
    }
    down[v] = best;
  }
  return down;
}

/**
 * Voxels that drain nowhere (no lower neighbour, not a marker) sit on plateaus: breadth-first
 * from each plateau's exits (equal-depth neighbours that drain, or markers) they drain towards
 * the nearest exit. What remains are plateaus without exits, regional minima: each becomes one
 * tree whose root is its first voxel.
 */
function drainPlateaus(
  grid: PaddedGrid,
  cells: Int32Array,
  voxels: Int32Array,
  depth: Uint16Array,
  down: Int32Array,
  neighbours: number,
): void {
  const offsets = grid.offsets;
  const stuck = (v: number): boolean => down[v] === v && cells[v]! >> 8 === UNLABELLED;
  // First the voxels next to an exit, all found before any drains, so that the search below
  // runs outwards from every exit at once (a plateau splits by distance to its exits).
  const queue: number[] = [];
  const exits: number[] = [];
  for (const v of voxels) {
    if (!stuck(v)) continue;
    for (let k = 0; k < neighbours; k++) {
      const u = v + offsets[k]!;
      if (depth[u] === depth[v] && cells[u] !== 0 && !stuck(u)) {
        queue.push(v);
        exits.push(u);
        break;
      }
    }
  }
  for (let i = 0; i < queue.length; i++) down[queue[i]!] = exits[i]!;
  spread(queue, offsets, neighbours, depth, down, stuck);
  for (const v of voxels) {
    if (!stuck(v)) continue;
    // A regional minimum: v becomes its root (a marker cell), the rest of it drains to v.
    cells[v] = (MARKER << 8) | (cells[v]! & 255);
    queue.push(v);
    spread(queue, offsets, neighbours, depth, down, stuck);
  }
}

/** Breadth-first over stuck equal-depth voxels from the queued ones, each draining to its finder. */
function spread(
  queue: number[],
  offsets: Int32Array,
  neighbours: number,
  depth: Uint16Array,
  down: Int32Array,
  stuck: (v: number) => boolean,
): void {
  for (let at = 0; at < queue.length; at++) {
    const w = queue[at]!;
    for (let k = 0; k < neighbours; k++) {
      const u = w + offsets[k]!;
      if (depth[u] !== depth[w] || !stuck(u)) continue;
      down[u] = w;
      queue.push(u);
    }
  }
  queue.length = 0;
}

/** Follow each voxel down to its root (compressing paths); each root gets the next fragment id. */
function labelRoots(cells: Int32Array, voxels: Int32Array, down: Int32Array): number {
  let count = 0;
  for (const v of voxels) {
    let root = v;
    while (down[root] !== root) root = down[root]!;
    for (let w = v; down[w] !== root && w !== root;) {
      const next = down[w]!;
      down[w] = root;
      w = next;
    }
    let rootId = cells[root]! >> 8;
    if (rootId === UNLABELLED || rootId === MARKER) {
      if (count === MAX_FRAGMENTS) throw new RangeError('too many watershed fragments in the split box');
      rootId = ++count;
      cells[root] = (rootId << 8) | (cells[root]! & 255);
    }
    cells[v] = (rootId << 8) | (cells[v]! & 255);
  }
  return count;
}
