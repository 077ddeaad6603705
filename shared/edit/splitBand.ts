import type { Vec3 } from '../volume/types';
import { agglomerateSeeded } from './agglomerate';
import { type BoundaryRule, GraphBuilder } from './boundaryGraph';
import { watershedFragments } from './fragments';
import { type MaskRuns, maskRuns } from './padding';
import { SIDE_SINK, SIDE_SOURCE, type Seed, type Sides, membraneCost } from './watershed';

/** Coarse cell flags: in the band the fine split decides again, or in the shell around it. */
const BAND = 1;
const SHELL = 2;
/** Cells on each side of the coarse cut that are in the band. */
const BAND_REACH = 1;
/**
 * Cells around the band in the shell: two, 4 voxels, so that the band's smoothed depth (reach
 * 3) does not see the wall outside the shell. With thick sections both stay in the sections of
 * the cut (see bandCells).
 */
const SHELL_REACH = 2;

/** Per voxel of the band's box: not split again, in the band, or in the shell (by side). */
const NONE = 0;
const IN_BAND = 1;
const SOURCE_SHELL = 2;
const SINK_SHELL = 3;

/** The segment as halved: its coarse box, each cell's flag (BAND, SHELL or 0) and side. */
export interface Cells {
  readonly size: Vec3;
  /** log2 of a cell's voxels along z, y and x. */
  readonly shift: Vec3;
  readonly flags: Uint8Array;
  readonly sides: Uint8Array;
}

/**
 * Per cell: BAND within BAND_REACH steps (26-connected) of a cell next to one of the other
 * side, SHELL within SHELL_REACH steps more, else 0; only cells of either side are flagged
 * (not the cells that no seed reached). `planar` (cells one section deep, split in-slice as the
 * fine split is): steps within the section only, since a cut between sections lies where the
 * fine split puts it already, and in-slice descent does not read the sections around.
 */
export function bandCells(size: Vec3, sides: Uint8Array, planar = false): Uint8Array {
  const [sz, sy, sx] = size;
  const flags = new Uint8Array(sides.length);
  const reach = BAND_REACH + SHELL_REACH;
  const zReach = planar ? 0 : reach;
  // Local copies: an imported binding can cost a getter call per read.
  const source = SIDE_SOURCE;
  const sink = SIDE_SINK;
  for (const i of cutCells(size, sides)) {
    const x = i % sx;
    const y = ((i - x) / sx) % sy;
    const z = (i - x - y * sx) / (sy * sx);
    const x0 = Math.max(0, x - reach);
    const x1 = Math.min(sx - 1, x + reach);
    for (let dz = -zReach; dz <= zReach; dz++) {
      if (z + dz < 0 || z + dz >= sz) continue;
      for (let dy = -reach; dy <= reach; dy++) {
        if (y + dy < 0 || y + dy >= sy) continue;
        const row = ((z + dz) * sy + y + dy) * sx;
        const inner = Math.abs(dz) <= BAND_REACH && Math.abs(dy) <= BAND_REACH;
        for (let xx = x0; xx <= x1; xx++) {
          const side = sides[row + xx];
          if (side !== source && side !== sink) continue;
          if (inner && Math.abs(xx - x) <= BAND_REACH) flags[row + xx] = BAND;
          else if (flags[row + xx] === 0) flags[row + xx] = SHELL;
        }
      }
    }
  }
  return flags;
}

/** The cells of one side with a 6-neighbour of the other (source vs sink). */
function cutCells(size: Vec3, sides: Uint8Array): number[] {
  const [sz, sy, sx] = size;
  const cut = new Uint8Array(sides.length);
  for (const step of [1, sx, sy * sx]) {
    const n = step === 1 ? sx : step === sx ? sy : sz;
    const span = n * step;
    // Pairs (i, i + step) along the axis: all but the last cell of each line.
    for (let o = 0; o < sides.length; o += span) {
      for (let i = o, end = o + span - step; i < end; i++) {
        // SIDE_SOURCE (1) next to SIDE_SINK (2), either way round.
        if (sides[i]! * sides[i + step]! === 2) {
          cut[i] = 1;
          cut[i + step] = 1;
        }
      }
    }
  }
  const cells: number[] = [];
  for (let i = 0; i < cut.length; i++) if (cut[i] === 1) cells.push(i);
  return cells;
}

/**
 * Split the voxels of BAND cells again at full resolution, over the box around them: the
 * voxels of SHELL cells are two fixed fragments, one per side, which take in the band voxels
 * that drain into them, and the rest of the band is cut into watershed fragments and
 * agglomerated as `seededSides` does (`seeds` inside the band stay seeds). The shell is wide
 * enough that the band's smoothed depth does not see the wall outside it. Writes the sides of
 * band voxels a seeded region reached into `out` (per voxel of the segment's box `size`, with
 * the voxels of each side).
 */
export function refineBand(
  size: Vec3,
  runs: MaskRuns,
  cells: Cells,
  image: Uint8Array | undefined,
  resolution: Vec3,
  seeds: readonly Seed[],
  rule: BoundaryRule,
  out: Sides,
): void {
  const box = bandBox(size, cells);
  if (!box) return;
  const role = roles(size, runs, cells, box);
  const markers: Seed[] = [];
  for (const seed of seeds) {
    const j = toBand(size, box, seed.index);
    if (j >= 0 && role[j] === IN_BAND) markers.push({ index: j, side: seed.side });
  }
  // Fragment 1 is the source's shell, 2 the sink's.
  const fixed = { count: 2, ids: role.map((r) => (r === SOURCE_SHELL ? 1 : r === SINK_SHELL ? 2 : 0)) };
  const cost = membraneCost(crop(image, size, box), box.size, resolution);
  const faces = new GraphBuilder(rule, 64);
  const bandRuns = maskRuns(
    box.size,
    role.map((r) => (r === NONE ? 0 : 1)),
  );
  const { grid, labels, count } = watershedFragments(
    box.size,
    bandRuns,
    cost,
    markers.map((m) => m.index),
    rule.anisotropic,
    faces,
    { fixed },
  );
  const seeded = new Uint8Array(count + 1);
  seeded[1] = SIDE_SOURCE;
  seeded[2] = SIDE_SINK;
  for (const m of markers) seeded[labels[grid.toPadded(m.index)]!] = m.side;
  const sideOf = agglomerateSeeded(count, faces.graph(), seeded);
  for (let r = 0; r < bandRuns.count; r++) {
    const p = bandRuns.padded[r]!;
    const j = bandRuns.box[r]!;
    const at = toOuter(size, box, j);
    for (let k = 0; k < bandRuns.length[r]!; k++) {
      const side = sideOf[labels[p + k]!]!;
      if (role[j + k] !== IN_BAND || side === 0) continue;
      out.counts[out.sides[at + k]!]!--;
      out.counts[side]!++;
      out.sides[at + k] = side;
    }
  }
}

/** A box inside the segment's box. */
interface SubBox {
  readonly start: Vec3;
  readonly size: Vec3;
}

/** The voxels of flagged cells, one voxel wider (the cost's blur reads them), or undefined. */
function bandBox(size: Vec3, cells: Cells): SubBox | undefined {
  const [cz, cy, cx] = cells.size;
  const { flags } = cells;
  let [z0, y0, x0] = [cz, cy, cx];
  let [z1, y1, x1] = [-1, -1, -1];
  for (let z = 0, row = 0; z < cz; z++) {
    for (let y = 0; y < cy; y++, row += cx) {
      let first = 0;
      while (first < cx && flags[row + first] === 0) first++;
      if (first === cx) continue;
      let last = cx - 1;
      while (flags[row + last] === 0) last--;
      z0 = Math.min(z0, z);
      z1 = z;
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      x0 = Math.min(x0, first);
      x1 = Math.max(x1, last);
    }
  }
  if (z1 === -1) return undefined;
  const { shift } = cells;
  const lo = [z0, y0, x0];
  const hi = [z1, y1, x1];
  const start = lo.map((c, d) => Math.max(0, (c << shift[d]!) - 1));
  const end = hi.map((c, d) => Math.min(size[d]!, ((c + 1) << shift[d]!) + 1));
  return {
    start: [start[0]!, start[1]!, start[2]!],
    size: [end[0]! - start[0]!, end[1]! - start[1]!, end[2]! - start[2]!],
  };
}

/** Per voxel of the band's box: NONE, IN_BAND, SOURCE_SHELL or SINK_SHELL. */
function roles(size: Vec3, runs: MaskRuns, cells: Cells, box: SubBox): Uint8Array {
  const [, sy, sx] = size;
  const [, cy, cx] = cells.size;
  const { start } = box;
  const [bz, by, bx] = box.size;
  const role = new Uint8Array(bz * by * bx);
  const [kz, ky, kx] = cells.shift;
  const source = SIDE_SOURCE;
  for (let r = 0; r < runs.count; r++) {
    const i = runs.box[r]!;
    const x = i % sx;
    const row = (i - x) / sx;
    const z = Math.floor(row / sy) - start[0];
    const y = (row % sy) - start[1];
    if (z < 0 || z >= bz || y < 0 || y >= by) continue;
    const from = Math.max(x, start[2]);
    const to = Math.min(x + runs.length[r]!, start[2] + bx);
    const cellRow = (((z + start[0]) >> kz) * cy + ((y + start[1]) >> ky)) * cx;
    const j0 = (z * by + y) * bx - start[2];
    for (let xx = from; xx < to; xx++) {
      const cell = cellRow + (xx >> kx);
      const flag = cells.flags[cell];
      const shell = cells.sides[cell] === source ? SOURCE_SHELL : SINK_SHELL;
      role[j0 + xx] = flag === BAND ? IN_BAND : flag === SHELL ? shell : NONE;
    }
  }
  return role;
}

/** The image of the band's box (undefined without an image). */
function crop(image: Uint8Array | undefined, size: Vec3, box: SubBox): Uint8Array | undefined {
  if (!image) return undefined;
  const [, sy, sx] = size;
  const [bz, by, bx] = box.size;
  const out = new Uint8Array(bz * by * bx);
  for (let z = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      const from = ((box.start[0] + z) * sy + box.start[1] + y) * sx + box.start[2];
      out.set(image.subarray(from, from + bx), (z * by + y) * bx);
    }
  }
  return out;
}

/** The band box index of a segment box index, or -1 outside the band's box. */
function toBand(size: Vec3, box: SubBox, index: number): number {
  const [, sy, sx] = size;
  const x = index % sx;
  const row = (index - x) / sx;
  const at = [Math.floor(row / sy), row % sy, x];
  const local = at.map((c, d) => c - box.start[d]!);
  if (local.some((c, d) => c < 0 || c >= box.size[d]!)) return -1;
  return (local[0]! * box.size[1] + local[1]!) * box.size[2] + local[2]!;
}

/** The segment box index of a band box index. */
function toOuter(size: Vec3, box: SubBox, j: number): number {
  const [, by, bx] = box.size;
  const x = j % bx;
  const row = (j - x) / bx;
  const z = Math.floor(row / by);
  const y = row % by;
  return ((z + box.start[0]) * size[1] + y + box.start[1]) * size[2] + x + box.start[2];
}
