import type { Vec3 } from '../volume/types';
import { type Grid, type Tube, rowSpan, segmentBox } from './grid';
import { rasterStride } from './labels';
import type { Random } from './random';
import type { IdPool } from './segmentIds';
import { pathVoxel } from './skeletons';

/** Face contacts two axons need before fusing them is a plausible FFN merge. */
const MIN_CONTACT = 30;

/** An axon cut into pieces along its main axis: piece j holds coordinates in [cuts[j-1], cuts[j]). */
export interface SplitPlan {
  readonly tube: Tube;
  readonly cuts: readonly number[];
  /** Segment id per piece; piece 0 keeps the axon's own id. */
  readonly pieces: readonly bigint[];
}

/** A small blob of a host's voxels given its own segment id. */
export interface FragmentPlan {
  readonly host: number;
  readonly centre: Vec3;
  /** Path units (z scaled). */
  readonly radius: number;
  readonly id: bigint;
}

export interface ErrorPlan {
  /** Segment id of each GT label before splits and fragments (merged axons share one). */
  readonly segmentOf: bigint[];
  readonly merges: readonly (readonly [Tube, Tube])[];
  readonly splits: readonly SplitPlan[];
  readonly fragments: readonly FragmentPlan[];
}

function countContact(counts: Map<number, number>, a: number, b: number): void {
  const key = a < b ? a * 65536 + b : b * 65536 + a;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/**
 * Face-adjacent voxel pairs between every two axons (key a * 65536 + b, a < b). Only the boxes
 * around each axon's path are scanned, not the whole volume.
 */
export function axonContacts(grid: Grid, gt: Uint32Array, axons: readonly Tube[]): Map<number, number> {
  const { nz, ny, nx } = grid;
  const plane = ny * nx;
  const last = axons.length;
  const seen = new Uint8Array(gt.length);
  const counts = new Map<number, number>();
  const box = new Int32Array(6);
  const span = new Int32Array(2);
  const start = new Float64Array(3);
  const dir = new Float64Array(3);
  for (const tube of axons) {
    const n = tube.radii.length;
    const stride = rasterStride(tube);
    const id = tube.id;
    for (let i = 0; i < n - 1; i += stride) {
      const j = Math.min(n - 1, i + stride);
      const pad = Math.max(tube.radii[i]!, tube.radii[j]!) + 1;
      if (!segmentBox(grid, tube.points, i, j, pad, box)) continue;
      for (let a = 0; a < 3; a++) {
        start[a] = tube.points[3 * i + a]!;
        dir[a] = tube.points[3 * j + a]! - start[a]!;
      }
      for (let z = box[0]!; z < box[1]!; z++) {
        for (let y = box[2]!; y < box[3]!; y++) {
          if (!rowSpan(grid, start, dir, pad, z, y, span)) continue;
          for (let x = span[0]!, k = (z * ny + y) * nx + x; x < span[1]!; x++, k++) {
            if (gt[k] !== id || seen[k]) continue;
            seen[k] = 1;
            const right = x + 1 < nx ? gt[k + 1]! : 0;
            const below = y + 1 < ny ? gt[k + nx]! : 0;
            const next = z + 1 < nz ? gt[k + plane]! : 0;
            if (right <= last && right !== 0 && right !== id) countContact(counts, id, right);
            if (below <= last && below !== 0 && below !== id) countContact(counts, id, below);
            if (next <= last && next !== 0 && next !== id) countContact(counts, id, next);
          }
        }
      }
    }
  }
  return counts;
}

/** Pairs built to touch first, then any other axons that happen to touch, most contact first. */
function chooseMerges(axons: readonly Tube[], contacts: Map<number, number>, count: number): [Tube, Tube][] {
  const byId = new Map(axons.map((t) => [t.id, t]));
  const contact = (a: Tube, b: Tube): number =>
    contacts.get(Math.min(a.id, b.id) * 65536 + Math.max(a.id, b.id)) ?? 0;
  const built = axons
    .filter((t) => t.partner !== 0)
    .map((t) => [byId.get(t.partner)!, t] as [Tube, Tube])
    .filter(([a, b]) => contact(a, b) >= MIN_CONTACT);
  const others = [...contacts.entries()]
    .filter(([, n]) => n >= MIN_CONTACT)
    .sort((p, q) => q[1] - p[1])
    .map(([key]) => [byId.get(Math.floor(key / 65536))!, byId.get(key % 65536)!] as [Tube, Tube]);
  const chosen: [Tube, Tube][] = [];
  const used = new Set<number>();
  for (const [a, b] of [...built, ...others]) {
    if (chosen.length >= count || used.has(a.id) || used.has(b.id)) continue;
    chosen.push([a, b]);
    used.add(a.id).add(b.id);
  }
  return chosen;
}

function axisLength(grid: Grid, tube: Tube): number {
  return tube.axis === 0 ? grid.nz : tube.axis === 1 ? grid.ny : grid.nx;
}

/** 1-3 cut positions spaced roughly evenly along the axon's main axis. */
function cutPositions(rng: Random, length: number, pieces: number): number[] {
  const cuts: number[] = [];
  for (let j = 1; j < pieces; j++) {
    const at = Math.round((length * (j + rng.range(-0.2, 0.2))) / pieces);
    cuts.push(Math.max(at, (cuts[cuts.length - 1] ?? 0) + 3));
  }
  return cuts;
}

function middleVoxel(grid: Grid, tube: Tube): Vec3 {
  const inside: Vec3[] = [];
  for (let i = 0; i < tube.radii.length; i++) {
    const v = pathVoxel(grid, tube, i);
    if (v) inside.push(v);
  }
  return inside[Math.floor(inside.length / 2)]!;
}

/**
 * Decide which errors to inject: merges of touching axon pairs, splits of single axons (one
 * through the slices, cut between z slices), a fragment inside one clean axon and a few in
 * other cells.
 */
export function planErrors(
  grid: Grid,
  gt: Uint32Array,
  tubes: readonly Tube[],
  labelCount: number,
  rng: Random,
  ids: IdPool,
): ErrorPlan {
  const axons = tubes.filter((t) => t.kind === 'axon');
  const segmentOf = Array.from({ length: labelCount }, (_, i) => (i === 0 ? 0n : ids.next()));
  const merges = chooseMerges(axons, axonContacts(grid, gt, axons), 3);
  for (const [a, b] of merges) segmentOf[b.id] = segmentOf[a.id]!;
  const merged = new Set(merges.flatMap(([a, b]) => [a.id, b.id]));
  const free = axons.filter((t) => !merged.has(t.id));
  // Through-slice axons first, so that at least one split is a cut between z slices; axons
  // built to touch another come last, so a touching pair without an error usually remains.
  const rank = (t: Tube): number =>
    (t.axis === 0 ? 0 : 1) + (t.partner !== 0 || free.some((o) => o.partner === t.id) ? 2 : 0);
  const order = [...free].sort((a, b) => rank(a) - rank(b) || a.id - b.id);
  // Leave one axon for a fragment and at least one without any error.
  const splitCount = Math.min(order.length - 2, axons.length >= 16 ? 5 : 4);
  const splits = order.slice(0, splitCount).map((tube): SplitPlan => {
    const count = rng.int(2, 5);
    const pieces = [segmentOf[tube.id]!];
    while (pieces.length < count) pieces.push(ids.next());
    return { tube, cuts: cutPositions(rng, axisLength(grid, tube), count), pieces };
  });
  const fragments: FragmentPlan[] = [];
  const host = order[splitCount];
  if (host) {
    const centre = middleVoxel(grid, host);
    const radius = Math.max(2.5, 0.6 * Math.min(...host.radii));
    fragments.push({ host: host.id, centre, radius, id: ids.next() });
  }
  for (let tries = 0; fragments.length < 4 && tries < 100; tries++) {
    const centre: Vec3 = [rng.int(2, grid.nz - 2), rng.int(8, grid.ny - 8), rng.int(8, grid.nx - 8)];
    const label = gt[(centre[0] * grid.ny + centre[1]) * grid.nx + centre[2]]!;
    if (label > axons.length)
      fragments.push({ host: label, centre, radius: rng.range(4, 7), id: ids.next() });
  }
  return { segmentOf, merges, splits, fragments };
}
