import type { Vec3 } from '../volume/types';
import type { BoundaryRule } from './boundaryGraph';
import { type MaskRuns, maskRuns } from './padding';
import { bandCells, refineBand } from './splitBand';
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
 * Segments of at least this many voxels (in 3D) are split coarse to fine: below it the fine
 * split alone takes a few tens of milliseconds.
 */
export const COARSE_MIN_VOXELS = 1 << 18;

/**
 * The sides of the voxels of `runs` (every seed among them): `seededSides` on the membrane cost
 * of `image`, coarse to fine for 3D segments of COARSE_MIN_VOXELS or more with an image (without
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
  if (image && !rule.anisotropic && runs.voxels >= COARSE_MIN_VOXELS) {
    const sides = coarseToFineSides(size, runs, image, resolution, seeds, rule);
    if (sides) return sides;
  }
  return seededSides(size, runs, membraneCost(image, size, resolution), seeds, rule);
}

/**
 * `seededSides` of a large 3D segment at a fraction of the cost (the fine split's fragments,
 * faces and merges grow with its voxels): the segment and its image are halved along each axis
 * (8 voxels a cell; the image keeps each cell's darkest voxel, so that a membrane one voxel thin
 * still separates cells) and split there without smoothing before descent (a cell spans what
 * the fine split's smoothing does, and more would wash out thin processes); then the voxels
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
  const coarse = halve(size, runs, image);
  const coarseSeeds = cellSeeds(size, coarse.size, seeds);
  if (!coarseSeeds) return undefined;
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
    false,
  ).sides;
  const cells = { size: coarse.size, flags: bandCells(coarse.size, cellSides), sides: cellSides };
  const sides = new Uint8Array(size[0] * size[1] * size[2]);
  const counts = fromCells(size, runs, cellSides, sides);
  refineBand(size, runs, cells, image, resolution, seeds, rule, { sides, counts });
  return { sides, counts };
}

interface Halved {
  readonly size: Vec3;
  /** 1 where a cell holds a voxel of the segment. */
  readonly mask: Uint8Array;
  /** The darkest voxel of each cell: a membrane one voxel thin still darkens its cells. */
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

function halve(size: Vec3, runs: MaskRuns, image: Uint8Array | undefined): Halved {
  const [sz, sy, sx] = size;
  const half: Vec3 = [(sz + 1) >> 1, (sy + 1) >> 1, (sx + 1) >> 1];
  const [, cy, cx] = half;
  const mask = new Uint8Array(half[0] * cy * cx);
  for (let r = 0; r < runs.count; r++) {
    const [z, y, x] = runAt(size, runs, r);
    const base = ((z >> 1) * cy + (y >> 1)) * cx;
    mask.fill(1, base + (x >> 1), base + ((x + runs.length[r]! - 1) >> 1) + 1);
  }
  if (!image) return { size: half, mask, image: undefined };
  // The darkest of each cell's (up to) 8 voxels; at an odd size's end a cell reuses its first
  // voxel for the missing ones. Minima with a sign mask: no branches to mispredict on noise.
  const darkest = new Uint8Array(mask.length);
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
  return { size: half, mask, image: darkest };
}

/** The seeds moved to their cells, or undefined when a cell gets seeds of both sides. */
function cellSeeds(size: Vec3, half: Vec3, seeds: readonly Seed[]): Seed[] | undefined {
  const bySide = new Map<number, Seed['side']>();
  for (const seed of seeds) {
    const [z, y, x] = coordinates(size, seed.index);
    const cell = ((z >> 1) * half[1] + (y >> 1)) * half[2] + (x >> 1);
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
function fromCells(size: Vec3, runs: MaskRuns, cellSides: Uint8Array, sides: Uint8Array): Int32Array {
  const cy = (size[1] + 1) >> 1;
  const cx = (size[2] + 1) >> 1;
  // Sides are 1, 2 or 3 here: counting their two bits in registers gives all three counts.
  let low = 0;
  let high = 0;
  for (let r = 0; r < runs.count; r++) {
    const [z, y, x0] = runAt(size, runs, r);
    const base = ((z >> 1) * cy + (y >> 1)) * cx;
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
