import type { Contingency } from './contingency';

/**
 * Rand scores as funlib.evaluate.rand_voi defines them (pairs counted with self-pairs, i.e. sums
 * of squared counts), plus the adapted Rand error 1 - F1 of the two.
 */
export interface RandResult {
  /** sum n_ij^2 / sum t_i^2: 1 when no ground-truth segment is split. */
  readonly rand_split: number;
  /** sum n_ij^2 / sum s_j^2: 1 when no test segment merges ground-truth segments. */
  readonly rand_merge: number;
  /** 1 - 2 rand_split rand_merge / (rand_split + rand_merge). */
  readonly adapted_rand_error: number;
  /** sum n_ij^2, sum t_i^2, sum s_j^2 (kept so other conventions can be derived). */
  readonly sum_nij2: number;
  readonly sum_gt2: number;
  readonly sum_test2: number;
}

/** Rand split/merge and adapted Rand error. All NaN when no voxel has non-zero GT. */
export function computeRand(c: Contingency): RandResult {
  const sumNij2 = sumSquares(c.entryCount);
  const sumGt2 = sumSquares(c.gtSizes);
  const sumTest2 = sumSquares(c.testSizes);
  if (c.total === 0) {
    return {
      rand_split: NaN,
      rand_merge: NaN,
      adapted_rand_error: NaN,
      sum_nij2: 0,
      sum_gt2: 0,
      sum_test2: 0,
    };
  }
  const split = sumNij2 / sumGt2;
  const merge = sumNij2 / sumTest2;
  return {
    rand_split: split,
    rand_merge: merge,
    adapted_rand_error: 1 - (2 * split * merge) / (split + merge),
    sum_nij2: sumNij2,
    sum_gt2: sumGt2,
    sum_test2: sumTest2,
  };
}

function sumSquares(values: Float64Array): number {
  let s = 0;
  for (let k = 0; k < values.length; k++) s += values[k]! * values[k]!;
  return s;
}
