import type { Grid } from './grid';
import { TILE, TILE_MASK, gaussianTable, smoothTile } from './noise';
import type { Random } from './random';

/** Grey of a membrane cut edge-on (before the blur widens and lightens it a little). */
const MEMBRANE = 38;
/** How much darker a voxel gets when a boundary lies between it and the next slice (oblique membrane). */
const Z_MEMBRANE = 0.4;
const FINE_TEXTURE = 8;
const COARSE_TEXTURE = 6;
/** Per-voxel noise before the blur (about half survives it) and after it. */
const NOISE_BEFORE = 16;
const NOISE_AFTER = 5;
const GAUSS_SIZE = 1 << 16;

/** Cytoplasm grey per label: axoplasm light, other cells varied, a few dark glia-like cells. */
function cellGreys(rng: Random, labelCount: number, firstCellId: number): Float32Array {
  const grey = new Float32Array(labelCount);
  for (let id = 1; id < labelCount; id++) {
    if (id < firstCellId) grey[id] = rng.range(150, 182);
    else grey[id] = rng.chance(0.15) ? rng.range(100, 125) : rng.range(128, 178);
  }
  return grey;
}

/** Everything the per-row shader reads; a class so the hot loop sees one stable shape. */
class Shader {
  readonly slice: Float32Array;
  readonly tmp: Float32Array;
  constructor(
    readonly grid: Grid,
    readonly labels: Uint32Array,
    readonly delta: Int16Array,
    readonly grey: Float32Array,
    readonly fine: Float32Array,
    readonly coarse: Float32Array,
    readonly gauss: Float32Array,
  ) {
    this.slice = new Float32Array(grid.ny * grid.nx);
    this.tmp = new Float32Array(grid.ny * grid.nx);
  }
}

/**
 * Grey values of one row before blur: cytoplasm grey + smooth texture + organelles, membranes
 * dark where the label changes in the slice, partly dark where it changes to the next slice.
 */
function shadeRow(s: Shader, z: number, y: number, offsets: Int32Array): void {
  const { labels, delta, grey, fine, coarse, gauss, slice } = s;
  const { nz, ny, nx } = s.grid;
  const plane = ny * nx;
  const row = (z * ny + y) * nx;
  // Imported bindings can compile to getter calls (CommonJS, test runners): copy them once.
  const mask = TILE_MASK;
  const gaussMask = GAUSS_SIZE - 1;
  const fineRow = ((y + offsets[0]!) & mask) * TILE;
  const coarseRow = ((y + offsets[2]!) & mask) * TILE;
  const fx = offsets[1]!;
  const cx = offsets[3]!;
  let g = offsets[4]!;
  for (let x = 0; x < nx; x++) {
    const k = row + x;
    const id = labels[k]!;
    const xy =
      (x > 0 && labels[k - 1] !== id) ||
      (x < nx - 1 && labels[k + 1] !== id) ||
      (y > 0 && labels[k - nx] !== id) ||
      (y < ny - 1 && labels[k + nx] !== id);
    let v: number;
    if (xy) {
      v = MEMBRANE + 6 * coarse[coarseRow + ((x + cx) & mask)]!;
    } else {
      v =
        grey[id]! +
        FINE_TEXTURE * fine[fineRow + ((x + fx) & mask)]! +
        COARSE_TEXTURE * coarse[coarseRow + ((x + cx) & mask)]! +
        delta[k]!;
      if ((z > 0 && labels[k - plane] !== id) || (z < nz - 1 && labels[k + plane] !== id)) {
        v += Z_MEMBRANE * (MEMBRANE - v);
      }
    }
    slice[y * nx + x] = v + NOISE_BEFORE * gauss[g++ & gaussMask]!;
  }
}

/** [1 2 1] / 4 blur along x then y (edges clamped): membranes become soft 3-4 pixel lines. */
function blurSlice(s: Shader): void {
  const { ny, nx } = s.grid;
  const { slice, tmp } = s;
  for (let y = 0; y < ny; y++) {
    const r = y * nx;
    for (let x = 0; x < nx; x++) {
      const l = slice[r + (x > 0 ? x - 1 : x)]!;
      const h = slice[r + (x < nx - 1 ? x + 1 : x)]!;
      tmp[r + x] = 0.25 * (l + h) + 0.5 * slice[r + x]!;
    }
  }
  for (let y = 0; y < ny; y++) {
    const up = (y > 0 ? y - 1 : y) * nx;
    const down = (y < ny - 1 ? y + 1 : y) * nx;
    const r = y * nx;
    for (let x = 0; x < nx; x++) slice[r + x] = 0.25 * (tmp[up + x]! + tmp[down + x]!) + 0.5 * tmp[r + x]!;
  }
}

/** Slice brightness/contrast flicker, fine noise, and rounding to uint8. */
function writeSlice(s: Shader, z: number, gain: number, offset: number, g0: number, out: Uint8Array): void {
  const { slice, gauss } = s;
  const start = z * slice.length;
  let g = g0;
  for (let i = 0; i < slice.length; i++) {
    const v = (slice[i]! - 128) * gain + 128 + offset + NOISE_AFTER * gauss[g++ & (GAUSS_SIZE - 1)]!;
    out[start + i] = v < 0 ? 0 : v > 255 ? 255 : v + 0.5;
  }
}

/**
 * An EM-like uint8 image of the labels: dark membranes, textured grey cytoplasm, dark
 * mitochondria and vesicles (from `delta`), noise, and slice-to-slice brightness flicker.
 */
export function renderImage(
  grid: Grid,
  labels: Uint32Array,
  delta: Int16Array,
  firstCellId: number,
  rng: Random,
): Uint8Array {
  let labelCount = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]! >= labelCount) labelCount = labels[i]! + 1;
  const shader = new Shader(
    grid,
    labels,
    delta,
    cellGreys(rng, labelCount, firstCellId),
    smoothTile(rng, 1),
    smoothTile(rng, 5),
    gaussianTable(rng, GAUSS_SIZE),
  );
  const out = new Uint8Array(labels.length);
  const offsets = new Int32Array(5);
  const drift = rng.range(0, 2 * Math.PI);
  for (let z = 0; z < grid.nz; z++) {
    for (let k = 0; k < 4; k++) offsets[k] = rng.int(0, 256);
    for (let y = 0; y < grid.ny; y++) {
      offsets[4] = rng.int(0, GAUSS_SIZE);
      shadeRow(shader, z, y, offsets);
    }
    blurSlice(shader);
    const gain = 1 + 0.06 * rng.normal();
    const offset = 7 * rng.normal() + 5 * Math.sin(z / 9 + drift);
    writeSlice(shader, z, gain, offset, rng.int(0, GAUSS_SIZE), out);
  }
  return out;
}
