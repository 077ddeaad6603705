import { compactLabels, IdTable } from '../volume/idTable';
import type { LabelArray } from '../volume/types';

/**
 * Add, per test segment, the voxels of `segmentation` where `mask` is non-zero (AxonEM's
 * non-axon mask) to `counts`, block by block. Returns `counts`.
 */
export function countSegmentsInMask(
  segmentation: LabelArray,
  mask: ArrayLike<number>,
  counts: Map<bigint, number> = new Map(),
): Map<bigint, number> {
  if (segmentation.length !== mask.length) {
    throw new RangeError(`segmentation and mask differ in length: ${segmentation.length} vs ${mask.length}`);
  }
  const table = new IdTable();
  const dense = compactLabels(segmentation, table);
  const perIndex = new Float64Array(table.size);
  for (let i = 0; i < dense.length; i++) {
    if (mask[i]) perIndex[dense[i]!]!++;
  }
  perIndex.forEach((n, k) => {
    if (n > 0) {
      const id = table.id(k);
      counts.set(id, (counts.get(id) ?? 0) + n);
    }
  });
  return counts;
}
