import { type Axis, type Grid, extent } from './grid';
import type { Random } from './random';

/** Jittered-grid spacing of the Voronoi cells that fill the space between tubes (~320 nm). */
const CELL = 40;
/** Amplitude of the warp that bends the flat Voronoi faces into wavy membranes. */
const WARP = 9;

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
        for (let x = Math.max(0, cx - 1); x <= Math.min(gx - 1, cx + 1); x++)
          list.push((z * gy + y) * gx + x);
    start[c + 1] = list.length;
  }
  return { dims, pos, start, list: Int32Array.from(list) };
}

/** Fine lookup blocks: edge FINE path units, covering the warped volume with PAD to spare. */
const FINE = 13;
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
 * What the Voronoi lookup reads, as a class so that its shape never changes (the hot loops stay
 * optimised from the first call).
 */
class CellField {
  readonly gz: number;
  readonly gy: number;
  readonly gx: number;
  readonly pos: Float64Array;
  readonly start: Int32Array;
  readonly list: Int32Array;
  /** Warp offsets of the current row (set per row). */
  offX = 0;
  offY = 0;
  offZ = 0;
  constructor(
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

/** The seed (power-diagram cell) at voxel x of the current row, in warped coordinates. */
function nearestSeed(f: CellField, x: number): number {
  const X = x + f.offX;
  const Y = f.offY + f.wyByX[x]!;
  const Z = f.offZ + f.wzByX[x]!;
  // Warped coordinates stay above -PAD, so truncation is floor here.
  const bz = Math.min(f.gz - 1, ((Z + PAD) * INV_FINE) | 0);
  const by = Math.min(f.gy - 1, ((Y + PAD) * INV_FINE) | 0);
  const bx = Math.min(f.gx - 1, ((X + PAD) * INV_FINE) | 0);
  const block = (bz * f.gy + by) * f.gx + bx;
  const { pos, start, list } = f;
  const first = start[block]!;
  const end = start[block + 1]!;
  let arg = list[first]!;
  if (end - first === 1) return arg; // most blocks lie inside one cell
  let best = Infinity;
  for (let c = first; c < end; c++) {
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
  return arg;
}

/** Cells at every other voxel of one row (x = 0, 2, ..., and the last). */
function coarseRow(f: CellField, nx: number, out: Int32Array, at: number): void {
  const count = (nx >> 1) + 1;
  for (let c = 0; c < count; c++) out[at + c] = nearestSeed(f, Math.min(2 * c, nx - 1));
}

/**
 * Label the unclaimed voxels of one row: where the four coarse samples around a voxel agree it
 * takes their cell, otherwise (near a cell boundary) its own nearest seed is computed.
 */
function fineRow(
  f: CellField,
  labels: Uint32Array,
  row: number,
  nx: number,
  coarse: Int32Array,
  a: number,
  b: number,
  firstId: number,
): void {
  for (let x = 0; x < nx; x++) {
    if (labels[row + x] !== 0) continue;
    const c0 = x >> 1;
    const c1 = (x + 1) >> 1;
    const s = coarse[a + c0]!;
    const same = s === coarse[a + c1] && s === coarse[b + c0] && s === coarse[b + c1];
    labels[row + x] = firstId + (same ? s : nearestSeed(f, x));
  }
}

/**
 * Give every voxel no tube claimed to a warped Voronoi cell (ids firstId + seed index): the
 * other neurites and glia that fill neuropil densely. Cells are looked up at every other voxel
 * in x and y and only refined near boundaries, which halves the work. Returns how many cell
 * ids were used.
 */
export function fillCells(grid: Grid, rng: Random, labels: Uint32Array, firstId: number): number {
  const { nz, ny, nx, kappa } = grid;
  const seeds = jitteredSeeds(grid, rng);
  const wxByY = warpTable(rng, ny, 1);
  const wxByZ = warpTable(rng, nz, kappa);
  const wyByZ = warpTable(rng, nz, kappa);
  const wzByY = warpTable(rng, ny, 1);
  const field = new CellField(candidateBlocks(grid, seeds), warpTable(rng, nx, 1), warpTable(rng, nx, 1));
  const rowWidth = (nx >> 1) + 1;
  const coarse = new Int32Array(((ny >> 1) + 1) * rowWidth);
  const setRow = (z: number, y: number): void => {
    field.offX = wxByY[y]! + wxByZ[z]!;
    field.offY = y + wyByZ[z]!;
    field.offZ = z * kappa + wzByY[y]!;
  };
  for (let z = 0; z < nz; z++) {
    for (let c = 0; c <= ny >> 1; c++) {
      setRow(z, Math.min(2 * c, ny - 1));
      coarseRow(field, nx, coarse, c * rowWidth);
    }
    for (let y = 0; y < ny; y++) {
      setRow(z, y);
      fineRow(
        field,
        labels,
        (z * ny + y) * nx,
        nx,
        coarse,
        (y >> 1) * rowWidth,
        ((y + 1) >> 1) * rowWidth,
        firstId,
      );
    }
  }
  return seeds.dims[0] * seeds.dims[1] * seeds.dims[2];
}
