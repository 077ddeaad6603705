import { IdTable } from '../volume/idTable';
import type { DenseVolume, LabelArray, Vec3 } from '../volume/types';
import type { Skeleton } from './skeleton';

/** Segment id of the test segmentation at a voxel (zyx); 0 outside the volume. */
export type SegmentLookup = (z: number, y: number, x: number) => bigint | number;

/**
 * What a false merge costs a skeleton: 'segment' (funlib.evaluate master) withdraws credit only
 * for its edges inside the merging segment; 'skeleton' (AxonEM's em_erl) scores the whole
 * skeleton 0.
 */
export type MergePenalty = 'segment' | 'skeleton';

export interface ErlOptions {
  /** Voxel size in nm, zyx; a node at p nm lies in voxel floor(p / resolution). */
  readonly resolution: Vec3;
  /**
   * AxonEM's merge tolerance: a (skeleton, segment) pair counts towards a merge only with at least
   * this many of the skeleton's nodes in the segment, and a segment with more than this many
   * voxels inside the non-axon mask is merging. Leave out for funlib (every node counts).
   */
  readonly mergeThreshold?: number;
  /** Voxels of each test segment inside the non-axon mask (see countSegmentsInMask). */
  readonly nonAxonMaskCounts?: ReadonlyMap<bigint, number>;
  /** Default 'segment' for funlib; 'skeleton' once mergeThreshold or the mask is given (em_erl). */
  readonly mergePenalty?: MergePenalty;
}

export interface SkeletonErl {
  readonly id: number;
  /** L_s: total edge length in nm. */
  readonly length: number;
  /** sum over segments of (correct length)^2 / L_s. */
  readonly erl: number;
  /** Total length of edges that got credit. */
  readonly correctLength: number;
  /** Segments whose merge withdrew credit from this skeleton (ascending). */
  readonly mergedSegments: readonly bigint[];
  readonly correctEdges: number;
  /** Edges with an end in segment 0. */
  readonly omittedEdges: number;
  /** Edges whose ends are in different non-zero segments. */
  readonly splitEdges: number;
  /** Edges inside one segment that got no credit because of a merge. */
  readonly mergedEdges: number;
}

export interface ErlResult {
  /** sum over skeletons s and segments k of l_sk^2 / sum L_s, in nm. NaN with no skeleton length. */
  readonly erl: number;
  /** The ground truth's own ERL: sum L_s^2 / sum L_s. */
  readonly gt_erl: number;
  /** erl / gt_erl. */
  readonly nerl: number;
  readonly total_length: number;
  /** Skeletons with at least one edge, in input order. */
  readonly perSkeleton: readonly SkeletonErl[];
  /** Every segment that withdrew credit from some skeleton (ascending). */
  readonly mergingSegments: readonly bigint[];
}

/** One skeleton with its nodes looked up: segment indices into the run's IdTable. */
interface Traced {
  readonly skeleton: Skeleton;
  readonly nodeSegment: Uint32Array;
  /** Node -> parent edges as pairs (child, parent) with their lengths. */
  readonly edgeChild: Uint32Array;
  readonly edgeParent: Uint32Array;
  readonly edgeLength: Float64Array;
  readonly length: number;
  /** Segment index -> number of this skeleton's nodes in it. */
  readonly nodesPerSegment: Map<number, number>;
}

/**
 * Expected run length of `skeletons` (ground truth) through a test segmentation, following
 * funlib.evaluate.expected_run_length, or AxonEM's em_erl when a merge threshold or non-axon
 * mask is given. Segment 0 is never credited and never merging. Skeletons without edges are left
 * out, as em_erl does.
 */
export function expectedRunLength(
  skeletons: readonly Skeleton[],
  lookup: SegmentLookup,
  opts: ErlOptions,
): ErlResult {
  const table = new IdTable();
  const traced = skeletons
    .map((s) => trace(s, lookup, opts.resolution, table))
    .filter((t) => t.edgeChild.length);
  const isMergedPair = mergedPairTest(traced, table, opts);
  const axonEm = opts.mergeThreshold !== undefined || opts.nonAxonMaskCounts !== undefined;
  const penalty = opts.mergePenalty ?? (axonEm ? 'skeleton' : 'segment');
  const perSkeleton = traced.map((t) => scoreSkeleton(t, table, isMergedPair, penalty));

  let total = 0;
  let sumErl = 0;
  let sumGt = 0;
  for (const s of perSkeleton) {
    total += s.length;
    sumErl += s.erl * s.length;
    sumGt += s.length * s.length;
  }
  const merging = new Set(perSkeleton.flatMap((s) => s.mergedSegments));
  return {
    erl: total > 0 ? sumErl / total : NaN,
    gt_erl: total > 0 ? sumGt / total : NaN,
    nerl: total > 0 ? sumErl / sumGt : NaN,
    total_length: total,
    perSkeleton,
    mergingSegments: [...merging].sort(compareBig),
  };
}

/** Lookup into a volume held in memory; 0 outside it. */
export function denseVolumeLookup(volume: DenseVolume<LabelArray>): SegmentLookup {
  const [depth, height, width] = volume.shape;
  const data = volume.data;
  return (z, y, x) => {
    if (z < 0 || y < 0 || x < 0 || z >= depth || y >= height || x >= width) return 0;
    return data[(z * height + y) * width + x]!;
  };
}

function trace(skeleton: Skeleton, lookup: SegmentLookup, resolution: Vec3, table: IdTable): Traced {
  const nodes = skeleton.nodes;
  const nodeSegment = new Uint32Array(nodes.length);
  const nodesPerSegment = new Map<number, number>();
  nodes.forEach((n, i) => {
    const seg = segmentIndex(
      lookup(
        Math.floor(n.z / resolution[0]),
        Math.floor(n.y / resolution[1]),
        Math.floor(n.x / resolution[2]),
      ),
      table,
    );
    nodeSegment[i] = seg;
    nodesPerSegment.set(seg, (nodesPerSegment.get(seg) ?? 0) + 1);
  });
  const child: number[] = [];
  const parent: number[] = [];
  const lengths: number[] = [];
  let length = 0;
  nodes.forEach((n, i) => {
    if (n.parent < 0) return;
    const p = nodes[n.parent];
    if (p === undefined) throw new RangeError(`skeleton ${skeleton.id}: node ${i} has no parent ${n.parent}`);
    const l = Math.hypot(n.x - p.x, n.y - p.y, n.z - p.z);
    child.push(i);
    parent.push(n.parent);
    lengths.push(l);
    length += l;
  });
  return {
    skeleton,
    nodeSegment,
    edgeChild: Uint32Array.from(child),
    edgeParent: Uint32Array.from(parent),
    edgeLength: Float64Array.from(lengths),
    length,
    nodesPerSegment,
  };
}

function segmentIndex(id: bigint | number, table: IdTable): number {
  if (typeof id === 'bigint') return table.index(id);
  if (Number.isInteger(id) && id >= 0 && id <= 0xffffffff) return table.indexSmall(id);
  if (!Number.isSafeInteger(id)) throw new RangeError(`segment id ${id} is not an exact integer`);
  return table.index(BigInt(id));
}

/**
 * Which (skeleton, segment) pairs lose credit, as em_erl decides it (funlib is threshold 0):
 * a segment with at least `threshold` nodes of two or more skeletons is merging for every
 * skeleton with any node in it; a segment with more than `threshold` non-axon voxels is merging
 * for every skeleton with at least `threshold` nodes in it.
 */
function mergedPairTest(
  traced: readonly Traced[],
  table: IdTable,
  opts: ErlOptions,
): (t: Traced, segment: number) => boolean {
  const threshold = opts.mergeThreshold ?? 0;
  const skeletonsPerSegment = new Map<number, number>();
  for (const t of traced) {
    for (const [seg, n] of t.nodesPerSegment) {
      if (n >= threshold) skeletonsPerSegment.set(seg, (skeletonsPerSegment.get(seg) ?? 0) + 1);
    }
  }
  const mask = opts.nonAxonMaskCounts;
  return (t, seg) => {
    if (seg === 0) return false;
    if ((skeletonsPerSegment.get(seg) ?? 0) > 1) return true;
    if (mask === undefined) return false;
    return (mask.get(table.id(seg)) ?? 0) > threshold && (t.nodesPerSegment.get(seg) ?? 0) >= threshold;
  };
}

function scoreSkeleton(
  t: Traced,
  table: IdTable,
  isMergedPair: (t: Traced, segment: number) => boolean,
  penalty: MergePenalty,
): SkeletonErl {
  const merged = [...t.nodesPerSegment.keys()].filter((seg) => isMergedPair(t, seg));
  const mergedSet = new Set(merged);
  const wholeSkeletonLost = penalty === 'skeleton' && merged.length > 0;
  const correctPerSegment = new Map<number, number>();
  const counts = { correctEdges: 0, omittedEdges: 0, splitEdges: 0, mergedEdges: 0 };
  for (let e = 0; e < t.edgeChild.length; e++) {
    const a = t.nodeSegment[t.edgeChild[e]!]!;
    const b = t.nodeSegment[t.edgeParent[e]!]!;
    if (a === 0 || b === 0) counts.omittedEdges++;
    else if (a !== b) counts.splitEdges++;
    else if (wholeSkeletonLost || mergedSet.has(a)) counts.mergedEdges++;
    else {
      counts.correctEdges++;
      correctPerSegment.set(a, (correctPerSegment.get(a) ?? 0) + t.edgeLength[e]!);
    }
  }
  let squares = 0;
  let correctLength = 0;
  for (const l of correctPerSegment.values()) {
    squares += l * l;
    correctLength += l;
  }
  return {
    id: t.skeleton.id,
    length: t.length,
    erl: t.length > 0 ? squares / t.length : 0,
    correctLength,
    mergedSegments: merged.map((seg) => table.id(seg)).sort(compareBig),
    ...counts,
  };
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
