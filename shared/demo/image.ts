import type { Grid } from './grid';
import { TILE, TILE_MASK, gaussianTable, smoothTile } from './noise';
import type { Random } from './random';

/** Grey of a membrane cut edge-on (before the blur widens and lightens it a little). */
const MEMBRANE = 38;
/** How much darker a voxel gets when a boundary lies between it and the next slice (oblique membrane). */
const Z_MEMBRANE = 0.35;
const FINE_TEXTURE = 8;
const COARSE_TEXTURE = 6;
/** Per-voxel noise before the blur (about a third survives it) and after it. */
const NOISE_BEFORE = 16;
const NOISE_AFTER = 4;
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

/** Per-slice random state: texture offsets, noise start, brightness flicker. */
class SliceState {
  fineY = 0;
  fineX = 0;
  coarseY = 0;
  coarseX = 0;
  noise = 0;
  gain = 1;
  offset = 0;
}

/** Everything the per-row passes read and write; a class so the hot loops see one stable shape. */
class Shader {
  readonly slice: Float32Array;
  readonly column: Float32Array;
  readonly state = new SliceState();
  constructor(
    readonly grid: Grid,
    readonly labels: Uint32Array,
    readonly delta: Int8Array,
    readonly grey: Float32Array,
    readonly fine: Float32Array,
    readonly coarse: Float32Array,
    readonly gauss: Float32Array,
    readonly out: Uint8Array,
  ) {
    this.slice = new Float32Array(grid.ny * grid.nx);
    this.column = new Float32Array(grid.nx);
  }
}

/**
 * Grey values of one row before blur: cytoplasm grey + smooth texture + organelles, membranes
 * dark where the label changes in the slice, partly dark where it changes to the next slice.
 */
function shadeRow(s: Shader, z: number, y: number): void {
  const { labels, delta, grey, fine, coarse, gauss, slice, state } = s;
  const { nz, ny, nx } = s.grid;
  const plane = ny * nx;
  const row = (z * ny + y) * nx;
  // Imported bindings can compile to getter calls (CommonJS, test runners): copy them once.
  const mask = TILE_MASK;
  const gaussMask = GAUSS_SIZE - 1;
  const fineRow = ((y + state.fineY) & mask) * TILE;
  const coarseRow = ((y + state.coarseY) & mask) * TILE;
  const { fineX, coarseX } = state;
  let g = state.noise;
  for (let x = 0; x < nx; x++) {
    const k = row + x;
    const id = labels[k]!;
    const blotch = coarse[coarseRow + ((x + coarseX) & mask)]!;
    let v: number;
    if (
      (x > 0 && labels[k - 1] !== id) ||
      (x < nx - 1 && labels[k + 1] !== id) ||
      (y > 0 && labels[k - nx] !== id) ||
      (y < ny - 1 && labels[k + nx] !== id)
    ) {
      v = MEMBRANE + 6 * blotch;
    } else {
      v =
        grey[id]! +
        FINE_TEXTURE * fine[fineRow + ((x + fineX) & mask)]! +
        COARSE_TEXTURE * blotch +
        delta[k]!;
      if ((z > 0 && labels[k - plane] !== id) || (z < nz - 1 && labels[k + plane] !== id)) {
        v += Z_MEMBRANE * (MEMBRANE - v);
      }
    }
    slice[y * nx + x] = v + NOISE_BEFORE * gauss[g++ & gaussMask]!;
  }
  state.noise = g;
}

/**
 * One output row: [1 2 1] x [1 2 1] / 16 blur of the shaded slice (edges clamped), so membranes
 * become soft 3-4 pixel lines and the noise grain is a little correlated as in EM; then fine
 * noise and the slice's brightness flicker, rounded to uint8.
 */
function blurRow(s: Shader, z: number, y: number): void {
  const { slice, column, gauss, out, state } = s;
  const { ny, nx } = s.grid;
  const gaussMask = GAUSS_SIZE - 1;
  const up = (y > 0 ? y - 1 : y) * nx;
  const here = y * nx;
  const down = (y < ny - 1 ? y + 1 : y) * nx;
  for (let x = 0; x < nx; x++) column[x] = slice[up + x]! + 2 * slice[here + x]! + slice[down + x]!;
  const { gain, offset } = state;
  const row = (z * ny + y) * nx;
  let g = state.noise;
  for (let x = 0; x < nx; x++) {
    const left = column[x > 0 ? x - 1 : x]!;
    const right = column[x < nx - 1 ? x + 1 : x]!;
    const blurred = (left + 2 * column[x]! + right) * 0.0625;
    const v = (blurred + NOISE_AFTER * gauss[g++ & gaussMask]! - 128) * gain + 128 + offset;
    out[row + x] = v < 0 ? 0 : v > 255 ? 255 : v + 0.5;
  }
  state.noise = g;
}

/**
 * An EM-like uint8 image of the labels (ids below `labelCount`; axons and dendrites below
 * `firstCellId`): dark membranes, textured grey cytoplasm, dark mitochondria and vesicles (from
 * `delta`), noise, and slice-to-slice brightness flicker.
 */
export function renderImage(
  grid: Grid,
  labels: Uint32Array,
  delta: Int8Array,
  firstCellId: number,
  labelCount: number,
  rng: Random,
): Uint8Array {
  const out = new Uint8Array(labels.length);
  const shader = new Shader(
    grid,
    labels,
    delta,
    cellGreys(rng, labelCount, firstCellId),
    smoothTile(rng, 1),
    smoothTile(rng, 5),
    gaussianTable(rng, GAUSS_SIZE),
    out,
  );
  const drift = rng.range(0, 2 * Math.PI);
  const st = shader.state;
  for (let z = 0; z < grid.nz; z++) {
    st.fineY = rng.int(0, TILE);
    st.fineX = rng.int(0, TILE);
    st.coarseY = rng.int(0, TILE);
    st.coarseX = rng.int(0, TILE);
    st.noise = rng.int(0, GAUSS_SIZE);
    st.gain = 1 + 0.04 * rng.normal();
    st.offset = 4 * rng.normal() + 4 * Math.sin(z / 9 + drift);
    for (let y = 0; y < grid.ny; y++) shadeRow(shader, z, y);
    for (let y = 0; y < grid.ny; y++) blurRow(shader, z, y);
  }
  return out;
}
