import { type Axis, type Grid, type Tube, extent, segmentBox } from './grid';
import type { Random } from './random';

/** Jittered-grid spacing of the Voronoi cells that fill the space between tubes (~420 nm). */
const CELL = 52;
/** Amplitude of the warp that bends the flat Voronoi faces into wavy membranes. */
const WARP = 9;

/**
 * Draw one polyline segment of a tube: a voxel joins the tube whose surface it is relatively
 * deepest inside (smallest distance / radius), so touching tubes share a smooth contact face.
 */
function rasterSegment(grid: Grid, tube: Tube, i: number, labels: Uint32Array, depth: Float32Array): void {
  const P = tube.points;
  const r0 = tube.radii[i]!;
  const dr = tube.radii[i + 1]! - r0;
  const box = new Int32Array(6);
  if (!segmentBox(grid, P, i, Math.max(r0, r0 + dr), box)) return;
  const [az, ay, ax] = [P[3 * i]!, P[3 * i + 1]!, P[3 * i + 2]!];
  const dz = P[3 * i + 3]! - az;
  const dy = P[3 * i + 4]! - ay;
  const dx = P[3 * i + 5]! - ax;
  const len2 = dz * dz + dy * dy + dx * dx;
  const inv = len2 > 0 ? 1 / len2 : 0;
  const { ny, nx, kappa } = grid;
  const id = tube.id;
  for (let z = box[0]!; z < box[1]!; z++) {
    const vz = z * kappa - az;
    for (let y = box[2]!; y < box[3]!; y++) {
      const vy = y - ay;
      const row = (z * ny + y) * nx;
      for (let x = box[4]!; x < box[5]!; x++) {
        const vx = x - ax;
        let t = (vz * dz + vy * dy + vx * dx) * inv;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ez = vz - t * dz;
        const ey = vy - t * dy;
        const ex = vx - t * dx;
        const r = r0 + t * dr;
        const d = (ez * ez + ey * ey + ex * ex) / (r * r);
        const k = row + x;
        if (d < 1 && d < depth[k]!) {
          depth[k] = d;
          labels[k] = id;
        }
      }
    }
  }
}

export function rasterTubes(grid: Grid, tubes: readonly Tube[], labels: Uint32Array): void {
  const depth = new Float32Array(labels.length).fill(1);
  for (const tube of tubes) {
    for (let i = 0; i + 1 < tube.radii.length; i++) rasterSegment(grid, tube, i, labels, depth);
  }
}

/** A table of slow sinusoidal offsets along one axis (part of the separable warp). */
function warpTable(rng: Random, n: number, scale: number): Float32Array {
  const out = new Float32Array(n);
  for (let k = 0; k < 2; k++) {
    const w = (2 * Math.PI) / rng.range(35, 90);
    const phase = rng.range(0, 2 * Math.PI);
    const amp = (WARP * rng.range(0.5, 1)) / (k + 1);
    for (let i = 0; i < n; i++) out[i]! += amp * Math.sin(w * i * scale + phase);
  }
  return out;
}

interface Seeds {
  readonly dims: [number, number, number];
  readonly pos: Float64Array; // z, y, x, weight per seed
  /** Per grid cell, the seeds of the 3x3x3 neighbourhood (CSR). */
  readonly start: Int32Array;
  readonly list: Int32Array;
}

function cellCoords(c: number, dims: readonly number[]): [number, number, number] {
  const [, gy, gx] = dims as [number, number, number];
  return [Math.floor(c / (gy * gx)), Math.floor(c / gx) % gy, c % gx];
}

/** One seed per grid cell, jittered, with a random weight (power diagram: uneven cell sizes). */
function jitteredSeeds(grid: Grid, rng: Random): Seeds {
  const dims = [0, 1, 2].map((a) => Math.max(1, Math.ceil((extent(grid, a as Axis) + 1) / CELL))) as [
    number,
    number,
    number,
  ];
  const [gz, gy, gx] = dims;
  const cells = gz * gy * gx;
  const pos = new Float64Array(4 * cells);
  for (let c = 0; c < cells; c++) {
    const coords = cellCoords(c, dims);
    for (let a = 0; a < 3; a++) pos[4 * c + a] = (coords[a]! + rng.range(0.15, 0.85)) * CELL;
    pos[4 * c + 3] = (rng.range(0, 0.35) * CELL) ** 2;
  }
  const start = new Int32Array(cells + 1);
  const list: number[] = [];
  for (let c = 0; c < cells; c++) {
    const [cz, cy, cx] = cellCoords(c, dims);
    for (let z = Math.max(0, cz - 1); z <= Math.min(gz - 1, cz + 1); z++)
      for (let y = Math.max(0, cy - 1); y <= Math.min(gy - 1, cy + 1); y++)
        for (let x = Math.max(0, cx - 1); x <= Math.min(gx - 1, cx + 1); x++) list.push((z * gy + y) * gx + x);
    start[c + 1] = list.length;
  }
  return { dims, pos, start, list: Int32Array.from(list) };
}

/** Fine lookup blocks: edge FINE path units, covering the warped volume with PAD to spare. */
const FINE = 8;
const PAD = 3 * WARP + 1;

/**
 * For each fine block, the seeds that can be nearest somewhere inside it: those whose smallest
 * power distance to the block is below the best largest one. Leaves one candidate for most
 * voxels instead of 27.
 */
function candidateBlocks(grid: Grid, seeds: Seeds): Seeds {
  const dims = [0, 1, 2].map((a) => Math.ceil((extent(grid, a as Axis) + 2 * PAD) / FINE)) as [
    number,
    number,
    number,
  ];
  const [fz, fy, fx] = dims;
  const [gz, gy, gx] = seeds.dims;
  const start = new Int32Array(fz * fy * fx + 1);
  const list = new Int32Array(27 * fz * fy * fx);
  const near = new Float64Array(27);
  const { pos } = seeds;
  const lo = new Float64Array(3);
  let used = 0;
  for (let b = 0, bz = 0; bz < fz; bz++) {
    for (let by = 0; by < fy; by++) {
      for (let bx = 0; bx < fx; bx++, b++) {
        lo[0] = bz * FINE - PAD;
        lo[1] = by * FINE - PAD;
        lo[2] = bx * FINE - PAD;
        const cz = Math.min(gz - 1, Math.max(0, Math.floor((lo[0] + FINE / 2) / CELL)));
        const cy = Math.min(gy - 1, Math.max(0, Math.floor((lo[1] + FINE / 2) / CELL)));
        const cx = Math.min(gx - 1, Math.max(0, Math.floor((lo[2] + FINE / 2) / CELL)));
        const c = (cz * gy + cy) * gx + cx;
        const first = seeds.start[c]!;
        const count = seeds.start[c + 1]! - first;
        let threshold = Infinity;
        for (let k = 0; k < count; k++) {
          const s = 4 * seeds.list[first + k]!;
          let dMin = -pos[s + 3]!;
          let dMax = dMin;
          for (let a = 0; a < 3; a++) {
            const p = pos[s + a]!;
            const l = lo[a]!;
            const gap = p < l ? l - p : p > l + FINE ? p - l - FINE : 0;
            dMin += gap * gap;
            const far = Math.max(Math.abs(p - l), Math.abs(p - l - FINE));
            dMax += far * far;
          }
          near[k] = dMin;
          if (dMax < threshold) threshold = dMax;
        }
        for (let k = 0; k < count; k++) if (near[k]! <= threshold) list[used++] = seeds.list[first + k]!;
        start[b + 1] = used;
      }
    }
  }
  return { dims, pos, start, list: list.slice(0, used) };
}

/**
 * What the per-row Voronoi lookup reads, as a class so that its shape never changes (the hot
 * loop stays optimised from the first call).
 */
class CellField {
  readonly gz: number;
  readonly gy: number;
  readonly gx: number;
  readonly pos: Float64Array;
  readonly start: Int32Array;
  readonly list: Int32Array;
  constructor(
    readonly labels: Uint32Array,
    readonly firstId: number,
    readonly nx: number,
    blocks: Seeds,
    readonly wyByX: Float32Array,
    readonly wzByX: Float32Array,
  ) {
    this.gz = blocks.dims[0];
    this.gy = blocks.dims[1];
    this.gx = blocks.dims[2];
    this.pos = blocks.pos;
    this.start = blocks.start;
    this.list = blocks.list;
  }
}

const INV_FINE = 1 / FINE;

/** Label the unclaimed voxels of one row (per-row functions get optimised early: fast first run). */
function fillRow(f: CellField, row: number, offX: number, offY: number, offZ: number): void {
  const labels = f.labels;
  const pos = f.pos;
  const start = f.start;
  const list = f.list;
  const wyByX = f.wyByX;
  const wzByX = f.wzByX;
  const gz1 = f.gz - 1;
  const gy = f.gy;
  const gx = f.gx;
  const gy1 = gy - 1;
  const gx1 = gx - 1;
  for (let x = 0, n = f.nx; x < n; x++) {
    if (labels[row + x] !== 0) continue;
    const X = x + offX;
    const Y = offY + wyByX[x]!;
    const Z = offZ + wzByX[x]!;
    // Warped coordinates stay above -PAD, so truncation is floor here.
    let bz = ((Z + PAD) * INV_FINE) | 0;
    let by = ((Y + PAD) * INV_FINE) | 0;
    let bx = ((X + PAD) * INV_FINE) | 0;
    if (bz > gz1) bz = gz1;
    if (by > gy1) by = gy1;
    if (bx > gx1) bx = gx1;
    const block = (bz * gy + by) * gx + bx;
    const first = start[block]!;
    const end = start[block + 1]!;
    let arg = list[first]!;
    let best = Infinity;
    // Most blocks lie inside one cell: their only candidate needs no distance.
    for (let c = first; end - first > 1 && c < end; c++) {
      const seed = list[c]!;
      const s = 4 * seed;
      const ez = Z - pos[s]!;
      const ey = Y - pos[s + 1]!;
      const ex = X - pos[s + 2]!;
      const d = ez * ez + ey * ey + ex * ex - pos[s + 3]!;
      if (d < best) {
        best = d;
        arg = seed;
      }
    }
    labels[row + x] = f.firstId + arg;
  }
}

/**
 * Give every voxel no tube claimed to a warped Voronoi cell (ids firstId + seed index): the
 * other neurites and glia that fill neuropil densely. Returns how many cell ids were used.
 */
export function fillCells(grid: Grid, rng: Random, labels: Uint32Array, firstId: number): number {
  const { nz, ny, nx, kappa } = grid;
  const seeds = jitteredSeeds(grid, rng);
  const wxByY = warpTable(rng, ny, 1);
  const wxByZ = warpTable(rng, nz, kappa);
  const wyByZ = warpTable(rng, nz, kappa);
  const wzByY = warpTable(rng, ny, 1);
  const blocks = candidateBlocks(grid, seeds);
  const field = new CellField(labels, firstId, nx, blocks, warpTable(rng, nx, 1), warpTable(rng, nx, 1));
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      fillRow(field, (z * ny + y) * nx, wxByY[y]! + wxByZ[z]!, y + wyByZ[z]!, z * kappa + wzByY[y]!);
    }
  }
  return seeds.dims[0] * seeds.dims[1] * seeds.dims[2];
}
