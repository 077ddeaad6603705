import { type Grid, type Tube, rowSpan, segmentBox } from './grid';

/** Scratch for one segment: start, direction, row span (reused: no allocation per segment). */
class SegmentScratch {
  readonly box = new Int32Array(6);
  readonly span = new Int32Array(2);
  readonly a = new Float64Array(3);
  readonly d = new Float64Array(3);

  /** Load segment i -> j of `points`; false when its box (grown by pad) misses the volume. */
  load(grid: Grid, points: Float64Array, i: number, j: number, pad: number): boolean {
    for (let k = 0; k < 3; k++) {
      this.a[k] = points[3 * i + k]!;
      this.d[k] = points[3 * j + k]! - points[3 * i + k]!;
    }
    return segmentBox(grid, points, i, j, pad, this.box);
  }
}

/**
 * Draw the piece of a tube between path points i and j: a voxel joins the tube whose surface
 * it is relatively deepest inside (smallest distance / radius), so touching tubes share a
 * smooth contact face.
 */
function rasterSegment(
  grid: Grid,
  tube: Tube,
  i: number,
  j: number,
  labels: Uint32Array,
  depth: Float32Array,
  sc: SegmentScratch,
): void {
  const r0 = tube.radii[i]!;
  const dr = tube.radii[j]! - r0;
  const rMax = Math.max(r0, r0 + dr);
  if (!sc.load(grid, tube.points, i, j, rMax)) return;
  const { box, span, a, d } = sc;
  const dz = d[0]!;
  const dy = d[1]!;
  const dx = d[2]!;
  const len2 = dz * dz + dy * dy + dx * dx;
  const inv = len2 > 0 ? 1 / len2 : 0;
  const { ny, nx, kappa } = grid;
  const id = tube.id;
  for (let z = box[0]!; z < box[1]!; z++) {
    const vz = z * kappa - a[0]!;
    for (let y = box[2]!; y < box[3]!; y++) {
      if (!rowSpan(grid, a, d, rMax, z, y, span)) continue;
      const vy = y - a[1]!;
      const row = (z * ny + y) * nx;
      for (let x = span[0]!; x < span[1]!; x++) {
        const vx = x - a[2]!;
        let t = (vz * dz + vy * dy + vx * dx) * inv;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ez = vz - t * dz;
        const ey = vy - t * dy;
        const ex = vx - t * dx;
        const r = r0 + t * dr;
        const dist = (ez * ez + ey * ey + ex * ex) / (r * r);
        const k = row + x;
        if (dist < 1 && dist < depth[k]!) {
          depth[k] = dist;
          labels[k] = id;
        }
      }
    }
  }
}

/**
 * Path points a tube is drawn through: every point for thin axons, fewer for thick dendrites
 * (segments about a third of the radius long keep the surface smooth; shorter ones would
 * revisit the same voxels many times).
 */
export function rasterStride(tube: Tube): number {
  let mean = 0;
  for (let i = 0; i < tube.radii.length; i++) mean += tube.radii[i]!;
  mean /= tube.radii.length;
  return Math.max(1, Math.round(mean / 6));
}

/** A voxel on the tube's centre line (from the middle outwards) that the tube won, or -1. */
function centreVoxel(grid: Grid, tube: Tube, labels: Uint32Array): number {
  const n = tube.radii.length;
  for (let step = 0; step < n; step++) {
    const i = Math.floor(n / 2) + (step % 2 ? (step + 1) / 2 : -step / 2);
    if (i < 0 || i >= n) continue;
    const z = Math.round(tube.points[3 * i]! / grid.kappa);
    const y = Math.round(tube.points[3 * i + 1]!);
    const x = Math.round(tube.points[3 * i + 2]!);
    if (z < 0 || z >= grid.nz || y < 0 || y >= grid.ny || x < 0 || x >= grid.nx) continue;
    const k = (z * grid.ny + y) * grid.nx + x;
    if (labels[k] === tube.id) return k;
  }
  return -1;
}

/** Mark (in `reached`) the 6-connected piece of label `id` that holds voxel `start`. */
function flood(
  grid: Grid,
  labels: Uint32Array,
  id: number,
  start: number,
  reached: Uint8Array,
  queue: Int32Array,
): void {
  const { nz, ny, nx } = grid;
  const plane = ny * nx;
  let head = 0;
  let tail = 0;
  reached[start] = 1;
  queue[tail++] = start;
  while (head < tail) {
    const k = queue[head++]!;
    const x = k % nx;
    const y = Math.floor(k / nx) % ny;
    const z = Math.floor(k / plane);
    for (let n = 0; n < 6; n++) {
      let m = -1;
      if (n === 0 && x > 0) m = k - 1;
      else if (n === 1 && x < nx - 1) m = k + 1;
      else if (n === 2 && y > 0) m = k - nx;
      else if (n === 3 && y < ny - 1) m = k + nx;
      else if (n === 4 && z > 0) m = k - plane;
      else if (n === 5 && z < nz - 1) m = k + plane;
      if (m < 0 || reached[m] || labels[m] !== id) continue;
      reached[m] = 1;
      queue[tail++] = m;
    }
  }
}

/** Clear the voxels of `tube` (within reach of its segments) that `reached` does not mark. */
function clearUnreached(
  grid: Grid,
  tube: Tube,
  labels: Uint32Array,
  reached: Uint8Array,
  sc: SegmentScratch,
): void {
  const n = tube.radii.length;
  const stride = rasterStride(tube);
  const { ny, nx } = grid;
  const id = tube.id;
  for (let i = 0; i < n - 1; i += stride) {
    const j = Math.min(n - 1, i + stride);
    const r = Math.max(tube.radii[i]!, tube.radii[j]!);
    if (!sc.load(grid, tube.points, i, j, r)) continue;
    const { box, span, a, d } = sc;
    for (let z = box[0]!; z < box[1]!; z++) {
      for (let y = box[2]!; y < box[3]!; y++) {
        if (!rowSpan(grid, a, d, r, z, y, span)) continue;
        for (let x = span[0]!, k = (z * ny + y) * nx + x; x < span[1]!; x++, k++) {
          if (labels[k] === id && !reached[k]) labels[k] = 0;
        }
      }
    }
  }
}

/**
 * Keep only the piece of each tube that holds its centre line. Where two tubes meet at a
 * grazing angle, the nearest-surface rule can leave a stray voxel or two of one tube cut off by
 * the other; those are cleared (the cells filled in later take them), so every tube is one
 * 6-connected piece.
 */
function dropStrayVoxels(grid: Grid, tubes: readonly Tube[], labels: Uint32Array, sc: SegmentScratch): void {
  const reached = new Uint8Array(labels.length);
  const queue = new Int32Array(labels.length);
  for (const tube of tubes) {
    const start = centreVoxel(grid, tube, labels);
    if (start < 0) continue;
    flood(grid, labels, tube.id, start, reached, queue);
    clearUnreached(grid, tube, labels, reached, sc);
  }
}

/**
 * Draw all tubes into `labels` (0 elsewhere): touching tubes share a contact face, and each
 * tube is one connected piece.
 */
export function rasterTubes(grid: Grid, tubes: readonly Tube[], labels: Uint32Array): void {
  const depth = new Float32Array(labels.length).fill(1);
  const scratch = new SegmentScratch();
  for (const tube of tubes) {
    const n = tube.radii.length;
    const stride = rasterStride(tube);
    for (let i = 0; i < n - 1; i += stride) {
      rasterSegment(grid, tube, i, Math.min(n - 1, i + stride), labels, depth, scratch);
    }
  }
  dropStrayVoxels(grid, tubes, labels, scratch);
}
