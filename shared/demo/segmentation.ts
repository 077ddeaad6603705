import type { ErrorPlan, FragmentPlan } from './errorPlan';
import type { Grid } from './grid';
import { TILE, TILE_MASK, smoothTile } from './noise';
import type { Random } from './random';
import { highWord, lowWord } from './segmentIds';

/** Smooth-noise levels above which a cell's boundary voxel goes to its neighbour, or to 0. */
const GIVE_LEVEL = 1.0;
const UNSEGMENTED_LEVEL = 1.9;

/** Split axons as flat tables the per-row loop can read (at most 3 cuts each). */
class SplitTables {
  readonly of: Int32Array;
  readonly axis: Int32Array;
  readonly cuts: Int32Array;
  readonly lo: Uint32Array;
  readonly hi: Uint32Array;
  constructor(plan: ErrorPlan, labelCount: number) {
    const n = plan.splits.length;
    this.of = new Int32Array(labelCount).fill(-1);
    this.axis = new Int32Array(n);
    this.cuts = new Int32Array(3 * n).fill(0x7fffffff);
    this.lo = new Uint32Array(4 * n);
    this.hi = new Uint32Array(4 * n);
    plan.splits.forEach((split, s) => {
      this.of[split.tube.id] = s;
      this.axis[s] = split.tube.axis;
      split.cuts.forEach((c, j) => (this.cuts[3 * s + j] = c));
      split.pieces.forEach((id, j) => {
        this.lo[4 * s + j] = lowWord(id);
        this.hi[4 * s + j] = highWord(id);
      });
    });
  }
}

/** Everything the per-row pass reads and writes; a class so the hot loop sees one shape. */
class Pass {
  constructor(
    readonly grid: Grid,
    readonly gt: Uint32Array,
    readonly words: Uint32Array,
    readonly gtWords: Uint32Array,
    readonly lo: Uint32Array,
    readonly hi: Uint32Array,
    readonly split: SplitTables,
    readonly noise: Float32Array,
    readonly axonCount: number,
  ) {}
}

/**
 * One row: GT label -> segment words (split axons cut by coordinate), and the GT itself as
 * uint64 words. Where two non-axon cells meet, FFN's boundary wanders: in patches (smooth
 * noise, so the error looks like a shifted membrane, not salt and pepper) a voxel takes its
 * neighbour's segment, and in rarer patches it is left unsegmented (0). Axons are never
 * touched, so every axon error is one listed in the manifest.
 */
function segmentRow(p: Pass, z: number, y: number, shift: number): void {
  const { gt, words, gtWords, lo, hi, split, noise, axonCount } = p;
  const { ny, nx } = p.grid;
  const mask = TILE_MASK;
  const row = (z * ny + y) * nx;
  const noiseRow = ((y + shift) & mask) * TILE;
  const down = y < ny - 1 ? nx : 0;
  for (let x = 0; x < nx; x++) {
    const k = row + x;
    const id = gt[k]!;
    gtWords[2 * k] = id;
    const s = split.of[id]!;
    if (s >= 0) {
      const c = split.axis[s] === 2 ? x : split.axis[s] === 1 ? y : z;
      const piece =
        4 * s + +(c >= split.cuts[3 * s]!) + +(c >= split.cuts[3 * s + 1]!) + +(c >= split.cuts[3 * s + 2]!);
      words[2 * k] = split.lo[piece]!;
      words[2 * k + 1] = split.hi[piece]!;
      continue;
    }
    let target = id;
    const level = noise[noiseRow + ((x + shift) & mask)]!;
    if (level >= GIVE_LEVEL && id > axonCount && x < nx - 1) {
      // The neighbour across the boundary: +x, else +y (down is 0 on a slice's last row).
      let n = gt[k + 1]!;
      if (n === id) n = gt[k + down]!;
      if (n !== id && n > axonCount) target = level < UNSEGMENTED_LEVEL ? n : 0;
    }
    words[2 * k] = lo[target]!;
    words[2 * k + 1] = hi[target]!;
  }
}

/** Give the host's voxels within `radius` (path units) of the centre the fragment's id. */
function stampFragment(grid: Grid, gt: Uint32Array, words: Uint32Array, f: FragmentPlan): void {
  const { ny, nx, kappa } = grid;
  const [cz, cy, cx] = f.centre;
  const rz = Math.ceil(f.radius / kappa);
  const r = Math.ceil(f.radius);
  const lo = lowWord(f.id);
  const hi = highWord(f.id);
  for (let z = Math.max(0, cz - rz); z <= Math.min(grid.nz - 1, cz + rz); z++) {
    for (let y = Math.max(0, cy - r); y <= Math.min(ny - 1, cy + r); y++) {
      for (let x = Math.max(0, cx - r); x <= Math.min(nx - 1, cx + r); x++) {
        const d2 = ((z - cz) * kappa) ** 2 + (y - cy) ** 2 + (x - cx) ** 2;
        const k = (z * ny + y) * nx + x;
        if (d2 > f.radius * f.radius || gt[k] !== f.host) continue;
        words[2 * k] = lo;
        words[2 * k + 1] = hi;
      }
    }
  }
}

/**
 * The FFN-like segmentation as uint64 (low, high) word pairs: each GT label mapped to its
 * segment (merged axons share one), split axons cut into pieces, wandering boundaries between
 * other cells, then fragments stamped on top. Fills `gtWords` with the GT in the same pass.
 */
export function buildSegmentation(
  grid: Grid,
  gt: Uint32Array,
  plan: ErrorPlan,
  axonCount: number,
  rng: Random,
  gtWords: Uint32Array,
): Uint32Array {
  const { nz, ny } = grid;
  const lo = Uint32Array.from(plan.segmentOf, lowWord);
  const hi = Uint32Array.from(plan.segmentOf, highWord);
  const split = new SplitTables(plan, plan.segmentOf.length);
  const words = new Uint32Array(2 * gt.length);
  const noise = smoothTile(rng, 3);
  const pass = new Pass(grid, gt, words, gtWords, lo, hi, split, noise, axonCount);
  for (let z = 0; z < nz; z++) {
    const shift = rng.int(0, TILE);
    for (let y = 0; y < ny; y++) segmentRow(pass, z, y, shift);
  }
  for (const fragment of plan.fragments) stampFragment(grid, gt, words, fragment);
  return words;
}
