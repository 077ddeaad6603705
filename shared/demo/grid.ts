import type { Vec3 } from '../volume/types';

/**
 * The voxel grid the generator draws into. Geometry is computed in "path units": x and y in
 * voxels, z scaled by `kappa` (z spacing / xy spacing, 3.75 for 30 x 8 x 8 nm) so that
 * distances are isotropic in physical space.
 */
export interface Grid {
  readonly nz: number;
  readonly ny: number;
  readonly nx: number;
  readonly kappa: number;
}

export type Axis = 0 | 1 | 2;

export function makeGrid(shape: Vec3, resolution: Vec3): Grid {
  if (resolution[1] !== resolution[2]) throw new RangeError('the demo expects equal x and y voxel sizes');
  return { nz: shape[0], ny: shape[1], nx: shape[2], kappa: resolution[0] / resolution[2] };
}

/** Largest coordinate of a voxel centre along `axis`, in path units. */
export function extent(grid: Grid, axis: Axis): number {
  if (axis === 0) return (grid.nz - 1) * grid.kappa;
  return axis === 1 ? grid.ny - 1 : grid.nx - 1;
}

export function otherAxes(axis: Axis): [Axis, Axis] {
  if (axis === 0) return [1, 2];
  return axis === 1 ? [0, 2] : [0, 1];
}

/** Voxel index range [lo, hi) covering path-unit coordinates [a, b] along `axis`. */
export function voxelRange(grid: Grid, axis: Axis, a: number, b: number): [number, number] {
  const scale = axis === 0 ? grid.kappa : 1;
  const n = axis === 0 ? grid.nz : axis === 1 ? grid.ny : grid.nx;
  const lo = Math.max(0, Math.ceil(a / scale));
  const hi = Math.min(n, Math.floor(b / scale) + 1);
  return [lo, hi];
}

/**
 * A tube (axon or dendrite) as a polyline monotone along its main axis, with a radius per point.
 * Points are [z, y, x] in path units.
 */
export interface Tube {
  readonly id: number;
  readonly kind: 'axon' | 'dendrite';
  readonly axis: Axis;
  readonly points: Float64Array;
  readonly radii: Float64Array;
  /** GT id of the axon this one runs alongside (touching), 0 when none. */
  readonly partner: number;
}

export function pointCount(tube: Tube): number {
  return tube.radii.length;
}

/** Voxel bounds [lo, hi) per axis (z, y, x) of the voxels within `pad` of points i and j. */
export function segmentBox(
  grid: Grid,
  points: Float64Array,
  i: number,
  j: number,
  pad: number,
  out: Int32Array,
): boolean {
  for (let a = 0; a < 3; a++) {
    const p = points[3 * i + a]!;
    const q = points[3 * j + a]!;
    const [lo, hi] = voxelRange(grid, a as Axis, Math.min(p, q) - pad, Math.max(p, q) + pad);
    if (hi <= lo) return false;
    out[2 * a] = lo;
    out[2 * a + 1] = hi;
  }
  return true;
}

/**
 * The x range [out[0], out[1]) of the voxels in row (z, y) that can lie within r of the segment
 * from a along d (path units): the segment parameters whose (z, y) is within r of the row give
 * an interval, and x stays within r of the segment's x over it. Far tighter than a bounding box
 * for oblique segments. Returns false when the row misses the segment.
 */
export function rowSpan(
  grid: Grid,
  a: Float64Array,
  d: Float64Array,
  r: number,
  z: number,
  y: number,
  out: Int32Array,
): boolean {
  const qz = z * grid.kappa - a[0]!;
  const qy = y - a[1]!;
  const A = d[0]! * d[0]! + d[1]! * d[1]!;
  const B = qz * d[0]! + qy * d[1]!;
  const C = qz * qz + qy * qy - r * r;
  let t0 = 0;
  let t1 = 1;
  if (A < 1e-12) {
    if (C > 0) return false;
  } else {
    const disc = B * B - A * C;
    if (disc < 0) return false;
    const root = Math.sqrt(disc);
    t0 = Math.max(0, (B - root) / A);
    t1 = Math.min(1, (B + root) / A);
    if (t0 > t1) return false;
  }
  const xa = a[2]! + t0 * d[2]!;
  const xb = a[2]! + t1 * d[2]!;
  out[0] = Math.max(0, Math.ceil(Math.min(xa, xb) - r));
  out[1] = Math.min(grid.nx, Math.floor(Math.max(xa, xb) + r) + 1);
  return out[0] < out[1];
}
