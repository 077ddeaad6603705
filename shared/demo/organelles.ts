import { type Grid, type Tube, voxelRange } from './grid';
import type { Random } from './random';

/** Intensity offsets (added to the cytoplasm grey) of the organelles. */
const MITO_INSIDE = -48;
const MITO_RIM = -72;
const VESICLE_RIM = -62;
const VESICLE_INSIDE = -18;

/** Where organelles are painted: only voxels of their host cell change, so they stay inside it. */
interface Canvas {
  readonly grid: Grid;
  readonly labels: Uint32Array;
  readonly delta: Int16Array;
}

type Point = readonly [number, number, number];

/**
 * Paint a capsule from a to b (path units) of radius r into the host's voxels; voxels in the
 * outer shell (normalised squared distance above `rimFrom`) get `rim`, the rest `inside`.
 */
function stampCapsule(c: Canvas, a: Point, b: Point, r: number, host: number, values: readonly number[]): void {
  const [inside, rim, rimFrom] = values as [number, number, number];
  const { ny, nx, kappa } = c.grid;
  const [z0, z1] = voxelRange(c.grid, 0, Math.min(a[0], b[0]) - r, Math.max(a[0], b[0]) + r);
  const [y0, y1] = voxelRange(c.grid, 1, Math.min(a[1], b[1]) - r, Math.max(a[1], b[1]) + r);
  const [x0, x1] = voxelRange(c.grid, 2, Math.min(a[2], b[2]) - r, Math.max(a[2], b[2]) + r);
  const [dz, dy, dx] = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const len2 = dz * dz + dy * dy + dx * dx;
  const inv = len2 > 0 ? 1 / len2 : 0;
  const invR2 = 1 / (r * r);
  for (let z = z0; z < z1; z++) {
    const vz = z * kappa - a[0];
    for (let y = y0; y < y1; y++) {
      const vy = y - a[1];
      const row = (z * ny + y) * nx;
      for (let x = x0; x < x1; x++) {
        const k = row + x;
        if (c.labels[k] !== host) continue;
        const vx = x - a[2];
        let t = (vz * dz + vy * dy + vx * dx) * inv;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ez = vz - t * dz;
        const ey = vy - t * dy;
        const ex = vx - t * dx;
        const d = (ez * ez + ey * ey + ex * ex) * invR2;
        if (d >= 1) continue;
        const v = d > rimFrom ? rim : inside;
        if (v < c.delta[k]!) c.delta[k] = v;
      }
    }
  }
}

function pathPoint(tube: Tube, i: number): Point {
  return [tube.points[3 * i]!, tube.points[3 * i + 1]!, tube.points[3 * i + 2]!];
}

/** Index range of path points whose centre lies inside the volume along the main axis. */
function insideRange(grid: Grid, tube: Tube): [number, number] {
  const [lo, hi] = [0, tube.axis === 0 ? (grid.nz - 1) * grid.kappa : tube.axis === 1 ? grid.ny - 1 : grid.nx - 1];
  let first = -1;
  let last = -1;
  for (let i = 0; i < tube.radii.length; i++) {
    const t = tube.points[3 * i + tube.axis]!;
    if (t >= lo && t <= hi) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return [first, last];
}

/** Elongated mitochondria along the tube, off-centre in thick dendrites. */
function tubeMitochondria(c: Canvas, rng: Random, tube: Tube): void {
  const [first, last] = insideRange(c.grid, tube);
  const dendrite = tube.kind === 'dendrite';
  const count = dendrite ? rng.int(3, 7) : rng.chance(0.75) ? rng.int(1, 3) : 0;
  for (let m = 0; m < count && last - first > 12; m++) {
    const span = rng.int(8, dendrite ? 24 : 30);
    const i0 = rng.int(first, Math.max(first + 1, last - span));
    const i1 = Math.min(last, i0 + span);
    let rMin = Infinity;
    for (let i = i0; i <= i1; i++) rMin = Math.min(rMin, tube.radii[i]!);
    const r = dendrite ? rng.range(3.5, 5.5) : Math.max(2.2, rMin * rng.range(0.45, 0.6));
    const shift = [0, 0, 0];
    if (dendrite) {
      const angle = rng.range(0, 2 * Math.PI);
      const off = rng.range(0.2, 0.6) * rMin;
      shift[1] = off * Math.cos(angle);
      shift[2] = off * Math.sin(angle);
    }
    const a = pathPoint(tube, i0).map((v, k) => v + shift[k]!) as unknown as Point;
    const b = pathPoint(tube, i1).map((v, k) => v + shift[k]!) as unknown as Point;
    stampCapsule(c, a, b, r, tube.id, [MITO_INSIDE, MITO_RIM, 0.5]);
  }
}

/** A voxel position (path units) drawn uniformly in the volume. */
function randomPoint(c: Canvas, rng: Random): Point {
  const { nz, ny, nx, kappa } = c.grid;
  return [rng.int(0, nz) * kappa, rng.int(0, ny), rng.int(0, nx)];
}

function labelAt(c: Canvas, p: Point): number {
  const { ny, nx, kappa } = c.grid;
  return c.labels[(Math.round(p[0] / kappa) * ny + Math.round(p[1])) * nx + Math.round(p[2])]!;
}

/** Mitochondria in the other cells: short capsules of random in-plane-ish direction. */
function cellMitochondria(c: Canvas, rng: Random, firstCellId: number, count: number): void {
  for (let m = 0; m < count; m++) {
    const centre = randomPoint(c, rng);
    const host = labelAt(c, centre);
    if (host < firstCellId) continue;
    const half = rng.range(8, 26);
    const angle = rng.range(0, 2 * Math.PI);
    const tilt = rng.range(-0.4, 0.4);
    const dir = [Math.sin(tilt), Math.cos(tilt) * Math.cos(angle), Math.cos(tilt) * Math.sin(angle)];
    const a = centre.map((v, k) => v - half * dir[k]!) as unknown as Point;
    const b = centre.map((v, k) => v + half * dir[k]!) as unknown as Point;
    stampCapsule(c, a, b, rng.range(3.5, 6), host, [MITO_INSIDE, MITO_RIM, 0.5]);
  }
}

/** A cluster of synaptic vesicles (small dark rings) in the host around `centre`. */
function vesicleCluster(c: Canvas, rng: Random, centre: Point, spread: number, host: number): void {
  const count = rng.int(12, 30);
  for (let v = 0; v < count; v++) {
    const p: Point = [
      centre[0] + rng.range(-1, 1) * spread,
      centre[1] + rng.range(-1, 1) * spread,
      centre[2] + rng.range(-1, 1) * spread,
    ];
    stampCapsule(c, p, p, rng.range(2, 2.9), host, [VESICLE_INSIDE, VESICLE_RIM, 0.3]);
  }
}

/** Vesicle clusters at the widest point (bouton) of some axons, and in some other cells. */
function vesicles(c: Canvas, rng: Random, tubes: readonly Tube[], firstCellId: number, cellCount: number): void {
  for (const tube of tubes) {
    if (tube.kind !== 'axon' || !rng.chance(0.5)) continue;
    const [first, last] = insideRange(c.grid, tube);
    let widest = first;
    for (let i = first; i <= last; i++) if (tube.radii[i]! > tube.radii[widest]!) widest = i;
    vesicleCluster(c, rng, pathPoint(tube, widest), tube.radii[widest]! * 0.8, tube.id);
  }
  for (let k = 0; k < cellCount; k++) {
    const centre = randomPoint(c, rng);
    const host = labelAt(c, centre);
    if (host >= firstCellId) vesicleCluster(c, rng, centre, 10, host);
  }
}

/**
 * Intensity offsets per voxel for mitochondria (dark, with a darker rim) and vesicles (small
 * dark rings), each confined to its host cell.
 */
export function paintOrganelles(
  grid: Grid,
  labels: Uint32Array,
  tubes: readonly Tube[],
  firstCellId: number,
  rng: Random,
): Int16Array {
  const canvas: Canvas = { grid, labels, delta: new Int16Array(labels.length) };
  for (const tube of tubes) tubeMitochondria(canvas, rng, tube);
  const scale = (grid.nz * grid.ny * grid.nx) / (64 * 256 * 256);
  cellMitochondria(canvas, rng, firstCellId, Math.max(4, Math.round(90 * scale)));
  vesicles(canvas, rng, tubes, firstCellId, Math.max(2, Math.round(8 * scale)));
  return canvas.delta;
}
