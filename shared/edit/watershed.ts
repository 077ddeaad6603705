import type { Vec3 } from '../volume/types';
import { agglomerateSeeded } from './agglomerate';
import { type BoundaryRule, boundaryGraph } from './boundaryGraph';
import { watershedFragments } from './fragments';

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

/** Cost units a face between two sections adds to its score when sections are thick. */
const Z_PENALTY = 20;

/**
 * How to score boundaries for a volume of this voxel size: sections thicker than twice the
 * finest voxel size count as anisotropic (serial-section EM).
 */
export function boundaryRule(resolution: Vec3): BoundaryRule {
  const finest = Math.min(...resolution);
  const anisotropic = resolution[0] > 2 * finest;
  return { anisotropic, zPenalty: anisotropic ? Z_PENALTY : 0 };
}

/**
 * Split the voxels where `mask` is 1 between the seeds' two sides: watershed fragments (per
 * slice when anisotropic) merged by seeded mean-boundary agglomeration, so the cut runs along
 * the membrane that separates the seeds best on average, not through its weakest point.
 * Returns per voxel SIDE_OUTSIDE, SIDE_SOURCE, SIDE_SINK or SIDE_UNREACHED.
 */
export function seededWatershed(
  size: Vec3,
  mask: Uint8Array,
  cost: Uint8Array,
  seeds: readonly Seed[],
  rule: BoundaryRule = { anisotropic: false, zPenalty: 0 },
): Uint8Array {
  const fragments = watershedFragments(
    size,
    mask,
    cost,
    seeds.map((s) => s.index),
    rule.anisotropic,
  );
  const { grid, cells } = fragments;
  const seeded = new Uint8Array(fragments.count + 1);
  for (const seed of seeds) {
    const f = cells[grid.toPadded(seed.index)]! >> 8;
    if (f > 0) seeded[f] = seed.side;
  }
  const sideOf = agglomerateSeeded(fragments.count, boundaryGraph(fragments, rule), seeded);
  const side = new Uint8Array(mask.length);
  const { voxels, boxIndex } = fragments;
  for (let i = 0; i < voxels.length; i++)
    side[boxIndex[i]!] = sideOf[cells[voxels[i]!]! >> 8]! || SIDE_UNREACHED;
  return side;
}
