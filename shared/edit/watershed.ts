import type { Vec3 } from '../volume/types';
import { paddedGrid } from './padding';

/** Labels written by `seededWatershed`. */
export const SIDE_OUTSIDE = 0;
export const SIDE_SOURCE = 1;
export const SIDE_SINK = 2;
/** Inside the mask but not connected to any seed. */
export const SIDE_UNREACHED = 3;

/**
 * Flooding cost per voxel from the EM image: membranes are dark, so cost = 255 - intensity,
 * after a [1 2 1] blur along each axis whose voxel size is within twice the finest (thin,
 * noisy membranes stay closed; anisotropic z is not blurred across sections). Without an image
 * the cost is flat and the split follows geometry alone.
 */
export function membraneCost(image: Uint8Array | undefined, size: Vec3, resolution: Vec3): Uint8Array {
  const n = size[0] * size[1] * size[2];
  if (!image) return new Uint8Array(n);
  const finest = Math.min(...resolution);
  let a = Uint8Array.from(image);
  let b = new Uint8Array(n);
  const strides = [size[1] * size[2], size[2], 1];
  for (let axis = 0; axis < 3; axis++) {
    if (size[axis]! < 3 || resolution[axis]! > 2 * finest) continue;
    blurAxis(a, b, size, axis, strides[axis]!);
    [a, b] = [b, a];
  }
  for (let i = 0; i < n; i++) a[i] = 255 - a[i]!;
  return a;
}

function blurAxis(src: Uint8Array, dst: Uint8Array, size: Vec3, axis: number, stride: number): void {
  const len = size[axis]!;
  const span = len * stride;
  for (let o = 0; o < src.length; o += span) {
    for (let c = 0; c < len; c++) {
      const prev = c > 0 ? -stride : 0;
      const next = c < len - 1 ? stride : 0;
      for (let i = o + c * stride, end = i + stride; i < end; i++) {
        dst[i] = (src[i + prev]! + 2 * src[i]! + src[i + next]! + 2) >> 2;
      }
    }
  }
}

export interface Seed {
  /** Voxel index inside the box. */
  readonly index: number;
  readonly side: typeof SIDE_SOURCE | typeof SIDE_SINK;
}

/**
 * Seeded watershed over the voxels where `mask` is 1 (6-connected): each voxel takes the side
 * of the seed it can be reached from with the lowest maximum cost on the way (the flood fills
 * bright cell interiors first and meets at dark membranes). A bucket queue over the 256 cost
 * levels, FIFO within a level, keeps it linear in the voxel count.
 * Returns per voxel SIDE_OUTSIDE, SIDE_SOURCE, SIDE_SINK or SIDE_UNREACHED.
 */
export function seededWatershed(
  size: Vec3,
  mask: Uint8Array,
  cost: Uint8Array,
  seeds: readonly Seed[],
): Uint8Array {
  // Side and cost packed in one 16-bit cell (side << 8 | cost; side 0 = free, 255 = outside) of a
  // padded grid: one memory access per neighbour and no bounds checks.
  const grid = paddedGrid(size);
  const sx = size[2];
  const cell = new Uint16Array(grid.length).fill(0xff00);
  grid.forRows((row, prow) => {
    for (let x = 0; x < sx; x++) if (mask[row + x] === 1) cell[prow + x] = cost[row + x]!;
  });
  const queues = new LevelQueues();
  for (const seed of seeds) {
    const v = grid.toPadded(seed.index);
    if (cell[v]! >= 256) continue;
    cell[v] = (seed.side << 8) | (cell[v]! & 255);
    queues.push(0, v);
  }
  const offsets = grid.offsets;
  for (let level = 0; level < 256; level++) {
    // Pushes at this level append to the queue being walked, so they are handled in this pass.
    for (let at = 0; at < queues.length[level]!; at++) {
      const v = queues.items[level]![at]!;
      const s = cell[v]! & 0xff00;
      for (let k = 0; k < 6; k++) {
        const u = v + offsets[k]!;
        const c = cell[u]!;
        if (c >= 256) continue;
        cell[u] = s | c;
        queues.push(c > level ? c : level, u);
      }
    }
    queues.release(level);
  }
  const side = new Uint8Array(mask.length);
  grid.forRows((row, prow) => {
    for (let x = 0; x < sx; x++) {
      const s = cell[prow + x]! >> 8;
      side[row + x] = s === 255 ? SIDE_OUTSIDE : s === 0 ? SIDE_UNREACHED : s;
    }
  });
  return side;
}

/** One growable FIFO per cost level: pushes and pops run through contiguous memory. */
class LevelQueues {
  readonly items: Int32Array[] = Array.from({ length: 256 }, () => new Int32Array(256));
  readonly length = new Int32Array(256);

  push(level: number, v: number): void {
    let q = this.items[level]!;
    const n = this.length[level]!;
    if (n === q.length) {
      const grown = new Int32Array(Math.max(256, 2 * n));
      grown.set(q);
      this.items[level] = q = grown;
    }
    q[n] = v;
    this.length[level] = n + 1;
  }

  /** Free a level's memory once the flood has passed it (nothing is pushed below the level). */
  release(level: number): void {
    this.items[level] = new Int32Array(0);
    this.length[level] = 0;
  }
}
