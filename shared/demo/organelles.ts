import { type Grid, type Tube, rowSpan, voxelRange } from './grid';
import type { Random } from './random';

/** Intensity offsets (added to the cytoplasm grey) of the organelles. */
const MITO_INSIDE = -62;
const MITO_RIM = -88;
/** Cristae: lighter bands across a mitochondrion, one every CRISTA_SPACING path units. */
const CRISTA = 20;
const CRISTA_SPACING = 5;
const VESICLE_RIM = -62;
const VESICLE_INSIDE = -18;
const MICROTUBULE = -45;

/** Where organelles are painted: only voxels of their host cell change, so they stay inside it. */
interface Canvas {
  readonly grid: Grid;
  readonly labels: Uint32Array;
  readonly delta: Int8Array;
  /** Scratch for stampCapsule. */
  readonly start: Float64Array;
  readonly dir: Float64Array;
  readonly span: Int32Array;
}

type Point = readonly [number, number, number];

/**
 * Paint a capsule from a to b (path units) of radius r into the host's voxels; voxels in the
 * outer shell (normalised squared distance above `rimFrom`) get `rim`, the rest `inside`,
 * lightened by `bands` in alternate stripes across the axis.
 */
function stampCapsule(
  c: Canvas,
  a: Point,
  b: Point,
  r: number,
  host: number,
  values: readonly number[],
): void {
  const inside = values[0]!;
  const rim = values[1]!;
  const rimFrom = values[2]!;
  const bands = values[3]!;
  const { ny, nx, kappa } = c.grid;
  const [z0, z1] = voxelRange(c.grid, 0, Math.min(a[0], b[0]) - r, Math.max(a[0], b[0]) + r);
  const [y0, y1] = voxelRange(c.grid, 1, Math.min(a[1], b[1]) - r, Math.max(a[1], b[1]) + r);
  const start = c.start;
  const dir = c.dir;
  const span = c.span;
  for (let k = 0; k < 3; k++) {
    start[k] = a[k]!;
    dir[k] = b[k]! - a[k]!;
  }
  const dz = dir[0]!;
  const dy = dir[1]!;
  const dx = dir[2]!;
  const len2 = dz * dz + dy * dy + dx * dx;
  const inv = len2 > 0 ? 1 / len2 : 0;
  const invR2 = 1 / (r * r);
  const stripes = Math.sqrt(len2) / CRISTA_SPACING;
  for (let z = z0; z < z1; z++) {
    const vz = z * kappa - a[0];
    for (let y = y0; y < y1; y++) {
      if (!rowSpan(c.grid, start, dir, r, z, y, span)) continue;
      const vy = y - a[1];
      const row = (z * ny + y) * nx;
      for (let x = span[0]!; x < span[1]!; x++) {
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
        const v = d > rimFrom ? rim : inside + (((t * stripes) | 0) & 1) * bands;
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
  const [lo, hi] = [
    0,
    tube.axis === 0 ? (grid.nz - 1) * grid.kappa : tube.axis === 1 ? grid.ny - 1 : grid.nx - 1,
  ];
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
  const count = dendrite ? rng.int(4, 8) : rng.chance(0.85) ? rng.int(1, 4) : 0;
  for (let m = 0; m < count && last - first > 12; m++) {
    const span = rng.int(8, dendrite ? 24 : 30);
    const i0 = rng.int(first, Math.max(first + 1, last - span));
    const i1 = Math.min(last, i0 + span);
    let rMin = Infinity;
    for (let i = i0; i <= i1; i++) rMin = Math.min(rMin, tube.radii[i]!);
    const r = dendrite ? rng.range(5, 8) : Math.max(2.5, rMin * rng.range(0.5, 0.65));
    const shift = [0, 0, 0];
    if (dendrite) {
      const angle = rng.range(0, 2 * Math.PI);
      const off = rng.range(0.2, 0.6) * rMin;
      shift[1] = off * Math.cos(angle);
      shift[2] = off * Math.sin(angle);
    }
    const a = pathPoint(tube, i0).map((v, k) => v + shift[k]!) as unknown as Point;
    const b = pathPoint(tube, i1).map((v, k) => v + shift[k]!) as unknown as Point;
    stampCapsule(c, a, b, r, tube.id, [MITO_INSIDE, MITO_RIM, 0.55, CRISTA]);
  }
}

/** Microtubules along a dendrite: thin dark threads, dots where they cross a slice. */
function microtubules(c: Canvas, rng: Random, tube: Tube): void {
  const [first, last] = insideRange(c.grid, tube);
  for (let m = 0; m < 24 && last - first > 4; m++) {
    const angle = rng.range(0, 2 * Math.PI);
    const off = Math.sqrt(rng.next()) * 0.75;
    const shift = [0, Math.cos(angle), Math.sin(angle)];
    const at = (i: number): Point =>
      pathPoint(tube, i).map((v, k) => v + shift[k]! * off * tube.radii[i]!) as unknown as Point;
    const i0 = rng.int(first, last);
    const i1 = Math.min(last, i0 + rng.int(4, 20));
    stampCapsule(c, at(i0), at(i1), 1.8, tube.id, [MICROTUBULE, MICROTUBULE, 1, 0]);
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
    const half = rng.range(10, 30);
    const angle = rng.range(0, 2 * Math.PI);
    const tilt = rng.range(-0.4, 0.4);
    const dir = [Math.sin(tilt), Math.cos(tilt) * Math.cos(angle), Math.cos(tilt) * Math.sin(angle)];
    const a = centre.map((v, k) => v - half * dir[k]!) as unknown as Point;
    const b = centre.map((v, k) => v + half * dir[k]!) as unknown as Point;
    stampCapsule(c, a, b, rng.range(5, 9), host, [MITO_INSIDE, MITO_RIM, 0.55, CRISTA]);
  }
}

/** A cluster of synaptic vesicles (small dark rings) in the host around `centre`. */
function vesicleCluster(c: Canvas, rng: Random, centre: Point, spread: number, host: number): void {
  const count = rng.int(20, 45);
  for (let v = 0; v < count; v++) {
    const p: Point = [
      centre[0] + rng.range(-1, 1) * spread,
      centre[1] + rng.range(-1, 1) * spread,
      centre[2] + rng.range(-1, 1) * spread,
    ];
    stampCapsule(c, p, p, rng.range(2, 2.9), host, [VESICLE_INSIDE, VESICLE_RIM, 0.3, 0]);
  }
}

/** Vesicle clusters at the widest point (bouton) of some axons, and in some other cells. */
function vesicles(
  c: Canvas,
  rng: Random,
  tubes: readonly Tube[],
  firstCellId: number,
  cellCount: number,
): void {
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
): Int8Array {
  const canvas: Canvas = {
    grid,
    labels,
    delta: new Int8Array(labels.length),
    start: new Float64Array(3),
    dir: new Float64Array(3),
    span: new Int32Array(2),
  };
  for (const tube of tubes) {
    tubeMitochondria(canvas, rng, tube);
    if (tube.kind === 'dendrite') microtubules(canvas, rng, tube);
  }
  const scale = (grid.nz * grid.ny * grid.nx) / (64 * 256 * 256);
  cellMitochondria(canvas, rng, firstCellId, Math.max(6, Math.round(260 * scale)));
  vesicles(canvas, rng, tubes, firstCellId, Math.max(3, Math.round(24 * scale)));
  return canvas.delta;
}
