import type { Vec3 } from '../volume/types';

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
  for (let i = 0; i < src.length; i++) {
    const c = Math.floor(i / stride) % len;
    const prev = c > 0 ? src[i - stride]! : src[i]!;
    const next = c < len - 1 ? src[i + stride]! : src[i]!;
    dst[i] = (prev + 2 * src[i]! + next + 2) >> 2;
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
export function seededWatershed(size: Vec3, mask: Uint8Array, cost: Uint8Array, seeds: readonly Seed[]): Uint8Array {
  const [sz, sy, sx] = size;
  const plane = sy * sx;
  const n = sz * plane;
  const side = new Uint8Array(n);
  const next = new Int32Array(n);
  const head = new Int32Array(256).fill(-1);
  const tail = new Int32Array(256).fill(-1);
  const push = (v: number, level: number): void => {
    next[v] = -1;
    if (tail[level] === -1) head[level] = v;
    else next[tail[level]!] = v;
    tail[level] = v;
  };
  for (const seed of seeds) {
    if (side[seed.index] !== 0) continue;
    side[seed.index] = seed.side;
    push(seed.index, 0);
  }
  let s = 0;
  let level = 0;
  const visit = (u: number): void => {
    if (mask[u] !== 1 || side[u] !== 0) return;
    side[u] = s;
    const c = cost[u]!;
    push(u, c > level ? c : level);
  };
  for (; level < 256; level++) {
    // Pushes at this level append to the list being walked, so they are handled in this pass.
    for (let v = head[level]!; v !== -1; v = next[v]!) {
      s = side[v]!;
      const x = v % sx;
      const y = ((v - x) / sx) % sy;
      const z = (v - x - y * sx) / plane;
      if (x > 0) visit(v - 1);
      if (x < sx - 1) visit(v + 1);
      if (y > 0) visit(v - sx);
      if (y < sy - 1) visit(v + sx);
      if (z > 0) visit(v - plane);
      if (z < sz - 1) visit(v + plane);
    }
  }
  for (let i = 0; i < n; i++) if (mask[i] === 1 && side[i] === 0) side[i] = SIDE_UNREACHED;
  return side;
}
