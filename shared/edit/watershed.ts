import type { Vec3 } from '../volume/types';
import { agglomerateSeeded } from './agglomerate';
import { type BoundaryRule, GraphBuilder } from './boundaryGraph';
import { watershedFragments } from './fragments';
import { type MaskRuns, maskRuns } from './padding';

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
  const strides = [size[1] * size[2], size[2], 1];
  const axes = [0, 1, 2].filter((axis) => size[axis]! >= 3 && resolution[axis]! <= 2 * finest);
  if (axes.length === 0) return image.map((v) => 255 - v);
  // The first pass reads the image (which is not ours to change), the last one also inverts.
  const buffers = [new Uint8Array(n), new Uint8Array(axes.length > 1 ? n : 0)];
  let src = image;
  for (const [k, axis] of axes.entries()) {
    const dst = buffers[k & 1]!;
    const invert = k === axes.length - 1;
    if (axis === 2) blurRows(src, dst, size[2], invert);
    else blurAxis(src, dst, size, axis, strides[axis]!, invert);
    src = dst;
  }
  return src;
}

/** [1 2 1] along x, row by row (clamped at the row ends); `invert` writes 255 - the result. */
function blurRows(src: Uint8Array, dst: Uint8Array, sx: number, invert: boolean): void {
  const flip = invert ? 255 : 0;
  const sign = invert ? -1 : 1;
  for (let row = 0; row < src.length; row += sx) {
    const end = row + sx - 1;
    let prev = src[row]!;
    let here = prev;
    for (let i = row; i < end; i++) {
      const next = src[i + 1]!;
      dst[i] = flip + sign * ((prev + 2 * here + next + 2) >> 2);
      prev = here;
      here = next;
    }
    dst[end] = flip + sign * ((prev + 3 * here + 2) >> 2);
  }
}

/** [1 2 1] along an outer axis (clamped at its ends); `invert` writes 255 - the result. */
function blurAxis(
  src: Uint8Array,
  dst: Uint8Array,
  size: Vec3,
  axis: number,
  stride: number,
  invert: boolean,
): void {
  const flip = invert ? 255 : 0;
  const sign = invert ? -1 : 1;
  const len = size[axis]!;
  const span = len * stride;
  for (let o = 0; o < src.length; o += span) {
    for (let c = 0; c < len; c++) {
      const prev = c > 0 ? -stride : 0;
      const next = c < len - 1 ? stride : 0;
      for (let i = o + c * stride, end = i + stride; i < end; i++) {
        dst[i] = flip + sign * ((src[i + prev]! + 2 * src[i]! + src[i + next]! + 2) >> 2);
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
  const inMask = seeds.filter((s) => mask[s.index] === 1);
  return seededSides(size, maskRuns(size, mask), cost, inMask, rule).sides;
}

/** Per voxel of a box SIDE_*, and the voxel count of each side (indexed by SIDE_*). */
export interface Sides {
  readonly sides: Uint8Array;
  readonly counts: Int32Array;
}

/**
 * `seededWatershed` of the voxels in `runs` (every seed among them); `smooth` false leaves the
 * cost unsmoothed before descent (see descentDepth).
 */
export function seededSides(
  size: Vec3,
  runs: MaskRuns,
  cost: Uint8Array,
  seeds: readonly Seed[],
  rule: BoundaryRule,
  smooth = true,
): Sides {
  const faces = new GraphBuilder(rule, runs.voxels >> (rule.anisotropic ? 6 : 8));
  const fragments = watershedFragments(
    size,
    runs,
    cost,
    seeds.map((s) => s.index),
    rule.anisotropic,
    faces,
    { smooth },
  );
  const { grid, labels } = fragments;
  const seeded = new Uint8Array(fragments.count + 1);
  for (const seed of seeds) {
    const f = labels[grid.toPadded(seed.index)]!;
    if (f > 0) seeded[f] = seed.side;
  }
  const sideOf = agglomerateSeeded(fragments.count, faces.graph(), seeded);
  for (let f = 1; f <= fragments.count; f++) sideOf[f] ||= SIDE_UNREACHED;
  const sides = new Uint8Array(size[0] * size[1] * size[2]);
  // Sides are 1, 2 or 3 here: counting their two bits in registers gives all three counts.
  let low = 0;
  let high = 0;
  for (let r = 0; r < runs.count; r++) {
    const p = runs.padded[r]!;
    const i = runs.box[r]!;
    const n = runs.length[r]!;
    for (let j = 0; j < n; j++) {
      const side = sideOf[labels[p + j]!]!;
      sides[i + j] = side;
      low += side & 1;
      high += side >> 1;
    }
  }
  const counts = new Int32Array(4);
  counts[SIDE_UNREACHED] = low + high - runs.voxels;
  counts[SIDE_SOURCE] = low - counts[SIDE_UNREACHED];
  counts[SIDE_SINK] = high - counts[SIDE_UNREACHED];
  return { sides, counts };
}
