import type { Vec3 } from '../volume/types';
import type { BoundaryRule } from './boundaryGraph';
import { type MaskRuns, maskRuns } from './padding';
import { type Cells, bandCells, refineBand } from './splitBand';
import {
  SIDE_SINK,
  SIDE_SOURCE,
  SIDE_UNREACHED,
  type Seed,
  type Sides,
  boundaryRule,
  membraneCost,
  seededSides,
} from './watershed';

/**
 * Segments of at least this many voxels are split coarse to fine: below it (the demo's fused
 * axon pairs, about 16k voxels) the fine split alone takes a few tens of milliseconds.
 */
export const COARSE_MIN_VOXELS = 1 << 18;

/**
 * The sides of the voxels of `runs` (every seed among them): `seededSides` on the membrane cost
 * of `image`, coarse to fine for segments of COARSE_MIN_VOXELS or more with an image (without
 * one the split goes by distance to the seeds, which halving would shift).
 */
export function splitSides(
  size: Vec3,
  runs: MaskRuns,
  image: Uint8Array | undefined,
  resolution: Vec3,
  seeds: readonly Seed[],
): Sides {
  const rule = boundaryRule(resolution);
  if (image && runs.voxels >= COARSE_MIN_VOXELS) {
    const sides = coarseToFineSides(size, runs, image, resolution, seeds, rule);
    if (sides) return sides;
  }
  return seededSides(size, runs, membraneCost(image, size, resolution), seeds, rule);
}

/**
 * `seededSides` of a large segment at a fraction of the cost (the fine split's fragments,
 * faces and merges grow with its voxels). In 3D the segment and its image are halved along each
 * axis (8 voxels a cell; the image keeps each cell's darkest voxel, so that a membrane one voxel
 * thin still separates cells) and split there without smoothing before descent (a cell spans
 * what the fine split's smoothing does, and more would wash out thin processes). With thick
 * sections only y and x are halved (4 pixels a cell, the mean of them: see pooled) and the
 * coarse split is planar with in-slice smoothing, as the fine one is (without it noise leaves
 * a fragment per 18 cells, twice as many, and their merges cost most of the split). Then the voxels
 * near the coarse cut are split again at full resolution, between the voxels of the cells
 * around them, which stand for their cells' sides (see refineBand). Elsewhere a voxel takes the
 * side of its cell. The cut so lies where the fine split puts it as long as the coarse one is
 * within a cell or so of it; a piece of the segment connected to the seeds only through a cell
 * it shares with another piece takes that cell's side instead of SIDE_UNREACHED. Returns
 * undefined when seeds of both sides share a cell (only the fine split can keep them apart).
 */
export function coarseToFineSides(
  size: Vec3,
  runs: MaskRuns,
  image: Uint8Array | undefined,
  resolution: Vec3,
  seeds: readonly Seed[],
  rule: BoundaryRule,
): Sides | undefined {
  const shift = cellShift(rule);
  const coarse = shrink(size, runs, image, shift);
  const coarseSeeds = cellSeeds(size, coarse.size, seeds, shift);
  if (!coarseSeeds) return undefined;
  // Twice each voxel size: the same ratios, so the cost blurs along the same axes (not z when
  // sections are thick, whose cells stay one section deep).
  const cost = membraneCost(coarse.image, coarse.size, [
    2 * resolution[0],
    2 * resolution[1],
    2 * resolution[2],
  ]);
  const cellSides = seededSides(
    coarse.size,
    maskRuns(coarse.size, coarse.mask),
    cost,
    coarseSeeds,
    rule,
    rule.anisotropic,
  ).sides;
  const cells = {
    size: coarse.size,
    shift,
    flags: bandCells(coarse.size, cellSides, rule.anisotropic),
    sides: cellSides,
  };
  const sides = new Uint8Array(size[0] * size[1] * size[2]);
  const counts = fromCells(size, runs, cells, sides);
  refineBand(size, runs, cells, image, resolution, seeds, rule, { sides, counts });
  return { sides, counts };
}

interface Halved {
  readonly size: Vec3;
  /** 1 where a cell holds a voxel of the segment. */
  readonly mask: Uint8Array;
  /** Per cell, its darkest voxel (3D) or its mean (thick sections; see pooled). */
  readonly image: Uint8Array | undefined;
}

/** Where run r lies: its z, y and first x. */
function runAt(size: Vec3, runs: MaskRuns, r: number): [number, number, number] {
  const [, sy, sx] = size;
  const i = runs.box[r]!;
  const x = i % sx;
  const row = (i - x) / sx;
  return [Math.floor(row / sy), row % sy, x];
}

/**
 * log2 of a cell's voxels along z, y and x: 2x2x2 in 3D; with thick sections z is kept (the
 * coarse split stays planar, as the fine one is) and 2x2 pixels make a cell. Cells of 4x4
 * pixels would split three times faster, but they merge a touching process up to 10 pixels
 * thick into its neighbour (test/shared/edit/coarseSplitAnisotropic.test.ts); fromCells
 * relies on y and x being 1.
 */
export function cellShift(rule: BoundaryRule): Vec3 {
  return rule.anisotropic ? [0, 1, 1] : [1, 1, 1];
}

/** The segment and its image at one voxel per cell (`shift` as cellShift gives). */
function shrink(size: Vec3, runs: MaskRuns, image: Uint8Array | undefined, shift: Vec3): Halved {
  const [kz, ky, kx] = shift;
  const half: Vec3 = [
    (size[0] + (1 << kz) - 1) >> kz,
    (size[1] + (1 << ky) - 1) >> ky,
    (size[2] + (1 << kx) - 1) >> kx,
  ];
  const [, cy, cx] = half;
  const mask = new Uint8Array(half[0] * cy * cx);
  for (let r = 0; r < runs.count; r++) {
    const [z, y, x] = runAt(size, runs, r);
    const base = ((z >> kz) * cy + (y >> ky)) * cx;
    mask.fill(1, base + (x >> kx), base + ((x + runs.length[r]! - 1) >> kx) + 1);
  }
  if (!image) return { size: half, mask, image: undefined };
  const darkest = kz === 1 ? halved(size, image, half) : pooled(size, image, half);
  return { size: half, mask, image: darkest };
}

/**
 * The mean of each 2x2 pixels of a section (cells of thick sections): the darkest of them would
 * make a process a few pixels thin all membrane at this scale, and the agglomeration would then
 * merge it into its neighbour; the mean keeps its inside brighter than the membranes around it.
 * At an odd size's end a cell reuses its first pixels for the missing ones.
 */
function pooled(size: Vec3, image: Uint8Array, half: Vec3): Uint8Array {
  const [sz, sy, sx] = size;
  const [, cy, cx] = half;
  const out = new Uint8Array(sz * cy * cx);
  for (let z = 0, c = 0; z < sz; z++) {
    for (let y = 0; y < cy; y++) {
      const dy = 2 * y + 1 < sy ? sx : 0;
      const i0 = (z * sy + 2 * y) * sx;
      for (let x = 0; x < cx; x++, c++) {
        const i = i0 + 2 * x;
        const dx = 2 * x + 1 < sx ? 1 : 0;
        out[c] = (image[i]! + image[i + dx]! + image[i + dy]! + image[i + dy + dx]! + 2) >> 2;
      }
    }
  }
  return out;
}

/** The darkest of each 2x2x2 cell's voxels. */
function halved(size: Vec3, image: Uint8Array, half: Vec3): Uint8Array {
  const [sz, sy, sx] = size;
  const [, cy, cx] = half;
  // The darkest of each cell's (up to) 8 voxels; at an odd size's end a cell reuses its first
  // voxel for the missing ones. Minima with a sign mask: no branches to mispredict on noise.
  const darkest = new Uint8Array(half[0] * cy * cx);
  const plane = sy * sx;
  for (let z = 0, c = 0; z < half[0]; z++) {
    const dz = 2 * z + 1 < sz ? plane : 0;
    for (let y = 0; y < cy; y++) {
      const dy = 2 * y + 1 < sy ? sx : 0;
      const i0 = (2 * z * sy + 2 * y) * sx;
      for (let x = 0; x < cx; x++, c++) {
        const i = i0 + 2 * x;
        const dx = 2 * x + 1 < sx ? 1 : 0;
        let m = image[i]!;
        let d = image[i + dx]! - m;
        m += d & (d >> 31);
        d = image[i + dy]! - m;
        m += d & (d >> 31);
        d = image[i + dy + dx]! - m;
        m += d & (d >> 31);
        d = image[i + dz]! - m;
        m += d & (d >> 31);
        d = image[i + dz + dx]! - m;
        m += d & (d >> 31);
        d = image[i + dz + dy]! - m;
        m += d & (d >> 31);
        d = image[i + dz + dy + dx]! - m;
        m += d & (d >> 31);
        darkest[c] = m;
      }
    }
  }
  return darkest;
}

/** The seeds moved to their cells, or undefined when a cell gets seeds of both sides. */
function cellSeeds(size: Vec3, half: Vec3, seeds: readonly Seed[], shift: Vec3): Seed[] | undefined {
  const bySide = new Map<number, Seed['side']>();
  const [kz, ky, kx] = shift;
  for (const seed of seeds) {
    const [z, y, x] = coordinates(size, seed.index);
    const cell = ((z >> kz) * half[1] + (y >> ky)) * half[2] + (x >> kx);
    const side = bySide.get(cell);
    if (side !== undefined && side !== seed.side) return undefined;
    bySide.set(cell, seed.side);
  }
  return [...bySide].map(([index, side]) => ({ index, side }));
}

function coordinates(size: Vec3, index: number): [number, number, number] {
  const [, sy, sx] = size;
  const x = index % sx;
  const row = (index - x) / sx;
  return [Math.floor(row / sy), row % sy, x];
}

/** Give each voxel of `runs` the side of its cell; returns the voxels of each side. */
function fromCells(size: Vec3, runs: MaskRuns, cells: Cells, sides: Uint8Array): Int32Array {
  const [, cy, cx] = cells.size;
  // Cells are 2 voxels across in y and x (cellShift): a constant shift keeps the loop fast.
  const kz = cells.shift[0];
  const cellSides = cells.sides;
  // Sides are 1, 2 or 3 here: counting their two bits in registers gives all three counts.
  let low = 0;
  let high = 0;
  for (let r = 0; r < runs.count; r++) {
    const [z, y, x0] = runAt(size, runs, r);
    const base = ((z >> kz) * cy + (y >> 1)) * cx;
    const i0 = runs.box[r]! - x0;
    for (let x = x0, end = x0 + runs.length[r]!; x < end; x++) {
      const side = cellSides[base + (x >> 1)]!;
      sides[i0 + x] = side;
      low += side & 1;
      high += side >> 1;
    }
  }
  const counts = new Int32Array(4);
  counts[SIDE_UNREACHED] = low + high - runs.voxels;
  counts[SIDE_SOURCE] = low - counts[SIDE_UNREACHED];
  counts[SIDE_SINK] = high - counts[SIDE_UNREACHED];
  return counts;
}
