import type { Vec3 } from '../volume/types';
import { type ErrorPlan, type FragmentPlan, type SplitPlan, planErrors } from './errorPlan';
import type { Grid, Tube } from './grid';
import type { Random } from './random';
import { IdPool, wordsAt } from './segmentIds';
import { buildSegmentation } from './segmentation';
import { pathVoxel } from './skeletons';
import type { ErrorSeed, InjectedError } from './types';

const AXIS_NAMES = ['z', 'y', 'x'] as const;

/** Reads labels of the finished volumes at a voxel. */
class Lookup {
  constructor(
    readonly grid: Grid,
    readonly gt: Uint32Array,
    readonly words: Uint32Array,
  ) {}

  index(v: Vec3): number {
    return (v[0] * this.grid.ny + v[1]) * this.grid.nx + v[2];
  }

  gtAt(v: Vec3): number {
    return this.gt[this.index(v)]!;
  }

  segmentAt(v: Vec3): bigint {
    return wordsAt(this.words, this.index(v));
  }

  seed(gtId: number, v: Vec3): ErrorSeed {
    return { gtId: String(gtId), segmentId: String(this.segmentAt(v)), voxel: v };
  }
}

/** The path voxel of `tube` that scores best among those in GT `tube.id` and segment `segment`. */
function bestPathVoxel(
  look: Lookup,
  tube: Tube,
  segment: bigint,
  score: (i: number, v: Vec3) => number,
): Vec3 {
  let best: Vec3 | undefined;
  let bestScore = -Infinity;
  for (let i = 0; i < tube.radii.length; i++) {
    const v = pathVoxel(look.grid, tube, i);
    if (!v || look.gtAt(v) !== tube.id || look.segmentAt(v) !== segment) continue;
    const s = score(i, v);
    if (s > bestScore) [best, bestScore] = [v, s];
  }
  if (!best) throw new Error(`demo: no centre-line voxel of axon ${tube.id} lies in segment ${segment}`);
  return best;
}

/** Distance from path point i of `tube` to the nearest path point of `other` (path units). */
function distanceTo(tube: Tube, i: number, other: Tube): number {
  const P = tube.points;
  const Q = other.points;
  let best = Infinity;
  for (let j = 0; j < other.radii.length; j++) {
    const dz = P[3 * i]! - Q[3 * j]!;
    const dy = P[3 * i + 1]! - Q[3 * j + 1]!;
    const dx = P[3 * i + 2]! - Q[3 * j + 2]!;
    const d2 = dz * dz + dy * dy + dx * dx;
    if (d2 < best) best = d2;
  }
  return Math.sqrt(best);
}

/** Length of the path from point i - 1 to point i (path units). */
function stepLength(P: Float64Array, i: number): number {
  return Math.hypot(P[3 * i]! - P[3 * i - 3]!, P[3 * i + 1]! - P[3 * i - 2]!, P[3 * i + 2]! - P[3 * i - 1]!);
}

/** Path units between the split seeds the manifest spreads along a merged axon. */
const SEED_SPACING = 32;
const MAX_SPREAD_SEEDS = 12;

/**
 * Centre-line voxels of `tube` in GT `tube.id` and segment `segment`, spread evenly by length
 * along the part of the path that has such voxels (one per SEED_SPACING, at least 2), without
 * `skip` and without repeats.
 */
function spreadPathVoxels(look: Lookup, tube: Tube, segment: bigint, skip: Vec3): Vec3[] {
  const along: number[] = [];
  const voxels: Vec3[] = [];
  let length = 0;
  for (let i = 0; i < tube.radii.length; i++) {
    if (i > 0) length += stepLength(tube.points, i);
    const v = pathVoxel(look.grid, tube, i);
    if (!v || look.gtAt(v) !== tube.id || look.segmentAt(v) !== segment) continue;
    along.push(length);
    voxels.push(v);
  }
  if (voxels.length === 0) return [];
  const [first, last] = [along[0]!, along[along.length - 1]!];
  const count = Math.min(MAX_SPREAD_SEEDS, Math.max(2, Math.round((last - first) / SEED_SPACING)));
  const seen = new Set([skip.join()]);
  const out: Vec3[] = [];
  for (let j = 0, k = 0; j < count; j++) {
    const target = first + ((j + 0.5) / count) * (last - first);
    while (k + 1 < along.length && Math.abs(along[k + 1]! - target) <= Math.abs(along[k]! - target)) k++;
    const v = voxels[k]!;
    if (seen.has(v.join())) continue;
    seen.add(v.join());
    out.push(v);
  }
  return out;
}

function mergeError(look: Lookup, plan: ErrorPlan, a: Tube, b: Tube): InjectedError {
  const segment = plan.segmentOf[a.id]!;
  // First a seed per axon far from the contact, as a proofreader would place split seeds; then
  // more spread along each axon, since thin axons touching across sections need them (their
  // boundary in z is faint, in real EM as here).
  const far = [
    [a, b],
    [b, a],
  ].map(([t, other]) => bestPathVoxel(look, t!, segment, (i) => distanceTo(t!, i, other!)));
  const seeds = [
    ...far.map((v, k) => look.seed([a, b][k]!.id, v)),
    ...[a, b].flatMap((t, k) => spreadPathVoxels(look, t, segment, far[k]!).map((v) => look.seed(t.id, v))),
  ];
  return {
    kind: 'merge',
    segmentIds: [String(segment)],
    groundTruthIds: [String(a.id), String(b.id)],
    voxel: seeds[0]!.voxel,
    seeds,
    description: `axons ${a.id} and ${b.id} run alongside each other and were fused into one segment`,
  };
}

function splitError(look: Lookup, split: SplitPlan): InjectedError {
  const { tube, cuts, pieces } = split;
  const length = [look.grid.nz, look.grid.ny, look.grid.nx][tube.axis]!;
  const bounds = [0, ...cuts, length];
  const seeds = pieces.map((piece, j) => {
    const middle = (bounds[j]! + bounds[j + 1]!) / 2;
    return look.seed(
      tube.id,
      bestPathVoxel(look, tube, piece, (_, v) => -Math.abs(v[tube.axis] - middle)),
    );
  });
  const axis = AXIS_NAMES[tube.axis];
  return {
    kind: 'split',
    segmentIds: pieces.map(String),
    groundTruthIds: [String(tube.id)],
    voxel: seeds[0]!.voxel,
    seeds,
    cut: { axis, at: cuts },
    description: `axon ${tube.id} was cut into ${pieces.length} segments along ${axis} at ${cuts.join(', ')}`,
  };
}

/** The first voxel, scanning on from `start`, that is in GT `host` and in `segment`. */
function findVoxel(look: Lookup, host: number, segment: bigint, start: Vec3): Vec3 {
  const { nz, ny, nx } = look.grid;
  const n = nz * ny * nx;
  const first = look.index(start);
  for (let s = 0; s < n; s++) {
    const k = (first + s) % n;
    if (look.gt[k] !== host || wordsAt(look.words, k) !== segment) continue;
    return [Math.floor(k / (ny * nx)), Math.floor(k / nx) % ny, k % nx];
  }
  throw new Error(`demo: GT ${host} has no voxel in segment ${segment}`);
}

function fragmentError(look: Lookup, plan: ErrorPlan, f: FragmentPlan, hostIsAxon: boolean): InjectedError {
  const inside = findVoxel(look, f.host, f.id, f.centre);
  const hostSegment = plan.segmentOf[f.host]!;
  const outside = findVoxel(look, f.host, hostSegment, [f.centre[0], f.centre[1], 0]);
  return {
    kind: 'fragment',
    segmentIds: [String(f.id)],
    groundTruthIds: [String(f.host)],
    voxel: inside,
    seeds: [look.seed(f.host, inside), look.seed(f.host, outside)],
    description: `a small fragment of ${hostIsAxon ? 'axon' : 'cell'} ${f.host} got its own segment`,
  };
}

/**
 * Derive the FFN-like segmentation from the GT labels with injected errors, and the manifest
 * listing them. Returns the segmentation as uint64 (low, high) word pairs, and fills `gtWords`
 * with the GT as uint64 words on the way.
 */
export function injectErrors(
  grid: Grid,
  gt: Uint32Array,
  tubes: readonly Tube[],
  labelCount: number,
  rng: Random,
  gtWords: Uint32Array,
): { words: Uint32Array; errors: InjectedError[] } {
  const axonCount = tubes.filter((t) => t.kind === 'axon').length;
  const plan = planErrors(grid, gt, tubes, labelCount, rng, new IdPool(rng));
  const words = buildSegmentation(grid, gt, plan, axonCount, rng, gtWords);
  const look = new Lookup(grid, gt, words);
  const errors = [
    ...plan.merges.map(([a, b]) => mergeError(look, plan, a, b)),
    ...plan.splits.map((s) => splitError(look, s)),
    ...plan.fragments.map((f) => fragmentError(look, plan, f, f.host <= axonCount)),
  ];
  return { words, errors };
}
