import type { Contingency } from './contingency';

/** Variation of information in bits, named as funlib.evaluate.rand_voi names them. */
export interface VoiResult {
  /** H(test | GT): over-segmentation. */
  readonly voi_split: number;
  /** H(GT | test): under-segmentation. */
  readonly voi_merge: number;
  /** voi_split / H(GT, test); 0 when the joint entropy is 0 (funlib gives NaN). */
  readonly nvi_split: number;
  /** voi_merge / H(GT, test); 0 when the joint entropy is 0. */
  readonly nvi_merge: number;
  /** 1 - I(GT; test) / max(H(GT), H(test)); 0 when both entropies are 0. */
  readonly nid: number;
}

/** Each segment's share of the VOI terms; the shares sum to voi_split and voi_merge. */
export interface VoiPerSegment {
  /** Per ground-truth row i: -(1/N) sum_j n_ij log2(n_ij / t_i) (funlib's voi_split_i). */
  readonly split: Float64Array;
  /** Per test column j: -(1/N) sum_i n_ij log2(n_ij / s_j) (funlib's voi_merge_j). */
  readonly merge: Float64Array;
}

export interface SegmentScore {
  readonly id: bigint;
  readonly value: number;
}

/**
 * Per-segment conditional entropies. Written as sums of n log(n / size) rather than funlib's
 * difference of entropies: equal in exact arithmetic, and free of cancellation when VOI is small.
 */
export function voiPerSegment(c: Contingency): VoiPerSegment {
  const split = new Float64Array(c.gtIds.length);
  const merge = new Float64Array(c.testIds.length);
  for (let e = 0; e < c.entryCount.length; e++) {
    const n = c.entryCount[e]!;
    const i = c.entryGt[e]!;
    const j = c.entryTest[e]!;
    split[i] = split[i]! - n * Math.log2(n / c.gtSizes[i]!);
    merge[j] = merge[j]! - n * Math.log2(n / c.testSizes[j]!);
  }
  for (let i = 0; i < split.length; i++) split[i] = split[i]! / c.total;
  for (let j = 0; j < merge.length; j++) merge[j] = merge[j]! / c.total;
  return { split, merge };
}

/** VOI split/merge and funlib's normalised variants. All NaN when no voxel has non-zero GT. */
export function computeVoi(c: Contingency): VoiResult {
  if (c.total === 0) return { voi_split: NaN, voi_merge: NaN, nvi_split: NaN, nvi_merge: NaN, nid: NaN };
  const { split, merge } = voiPerSegment(c);
  const voiSplit = sum(split);
  const voiMerge = sum(merge);
  const hGt = entropy(c.gtSizes, c.total);
  const hTest = entropy(c.testSizes, c.total);
  const hJoint = entropy(c.entryCount, c.total);
  const hMax = Math.max(hGt, hTest);
  return {
    voi_split: voiSplit,
    voi_merge: voiMerge,
    nvi_split: hJoint > 0 ? voiSplit / hJoint : 0,
    nvi_merge: hJoint > 0 ? voiMerge / hJoint : 0,
    nid: hMax > 0 ? 1 - (hGt + hTest - hJoint) / hMax : 0,
  };
}

/** The `count` segments with the largest values, largest first (ties keep table order). */
export function largestContributions(
  values: Float64Array,
  ids: readonly bigint[],
  count: number,
): SegmentScore[] {
  const order = Array.from(values.keys()).sort((a, b) => values[b]! - values[a]! || a - b);
  return order.slice(0, Math.max(0, count)).map((k) => ({ id: ids[k]!, value: values[k]! }));
}

/** Entropy in bits of the distribution counts / total. */
function entropy(counts: Float64Array, total: number): number {
  let h = 0;
  for (let k = 0; k < counts.length; k++) {
    const p = counts[k]! / total;
    if (p > 0) h -= p * Math.log2(p);
  }
  return h;
}

function sum(values: Float64Array): number {
  let s = 0;
  for (let k = 0; k < values.length; k++) s += values[k]!;
  return s;
}
