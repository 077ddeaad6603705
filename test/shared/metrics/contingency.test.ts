import { describe, expect, it } from 'vitest';
import {
  buildContingency,
  ContingencyAccumulator,
  type Contingency,
} from '../../../shared/metrics/contingency';
import { compactLabels, IdTable } from '../../../shared/volume/idTable';
import { randomLabelPair } from './volumes';

/** The table as a sorted list of "gt:test=count" strings, independent of row/column order. */
function cells(c: Contingency): string[] {
  return Array.from(
    c.entryCount,
    (n, e) => `${c.gtIds[c.entryGt[e]!]}:${c.testIds[c.entryTest[e]!]}=${n}`,
  ).sort();
}

describe('contingency table', () => {
  it('counts voxel pairs, skipping ground-truth 0 and keeping test 0 as a segment', () => {
    // GT   0 0 1 1 | 1 1 2 2
    // test 9 9 0 0 | 3 3 3 3
    // The two GT-0 voxels (under test 9) are skipped; test 0 under GT 1 is an ordinary segment.
    const c = buildContingency(Uint8Array.of(0, 0, 1, 1, 1, 1, 2, 2), Uint8Array.of(9, 9, 0, 0, 3, 3, 3, 3));
    expect(cells(c)).toEqual(['1:0=2', '1:3=2', '2:3=2']);
    expect(c.total).toBe(6);
    expect(c.gtIds).toEqual([1n, 2n]);
    expect(Array.from(c.gtSizes)).toEqual([4, 2]);
    expect(c.testIds).toEqual([0n, 3n]);
    expect(Array.from(c.testSizes)).toEqual([2, 4]);
  });

  it('gives the same table for every label array type, uint64 ids beyond 2^53 included', () => {
    const gt = [1, 1, 2, 2, 0, 3];
    const test = [5, 6, 6, 6, 5, 0];
    const expected = cells(buildContingency(Uint8Array.from(gt), Uint8Array.from(test)));
    const kinds = [Uint16Array, Uint32Array, Int8Array, Int16Array, Int32Array] as const;
    for (const Kind of kinds)
      expect(cells(buildContingency(Kind.from(gt), Kind.from(test)))).toEqual(expected);
    expect(
      cells(buildContingency(BigUint64Array.from(gt, BigInt), BigInt64Array.from(test, BigInt))),
    ).toEqual(expected);

    const big = 2n ** 63n + 5n;
    const c = buildContingency(BigUint64Array.of(big, big, 1n), BigUint64Array.of(big, 2n ** 53n + 1n, 0n));
    expect(cells(c)).toEqual([`1:0=1`, `${big}:${big}=1`, `${big}:${2n ** 53n + 1n}=1`].sort());
  });

  it('accumulates block by block to the same table as the whole volume', () => {
    const { gt, test } = randomLabelPair(1, [8, 32, 32], true);
    const whole = buildContingency(gt, test);
    const acc = new ContingencyAccumulator();
    const block = 32 * 32 * 3; // blocks that do not divide the volume evenly
    for (let s = 0; s < gt.length; s += block)
      acc.add(gt.subarray(s, s + block), test.subarray(s, s + block));
    expect(cells(acc.result())).toEqual(cells(whole));
    expect(acc.result().total).toBe(whole.total);
  });

  it('accepts dense indices with the caller’s id tables', () => {
    const { gt, test } = randomLabelPair(2, [4, 16, 16], true);
    const gtTable = new IdTable();
    const testTable = new IdTable();
    // Tables that already hold unrelated ids, so dense indices differ from our own.
    gtTable.index(99n);
    testTable.index(2n ** 60n);
    const acc = new ContingencyAccumulator();
    acc.addDense(compactLabels(gt, gtTable), gtTable, compactLabels(test, testTable), testTable);
    expect(cells(acc.result())).toEqual(cells(buildContingency(gt, test)));
  });

  it('rejects blocks of different lengths', () => {
    expect(() => buildContingency(new Uint8Array(3), new Uint8Array(4))).toThrow(RangeError);
  });

  it('is empty when all ground truth is background', () => {
    const c = buildContingency(new Uint8Array(5), Uint8Array.of(1, 2, 3, 4, 5));
    expect(c.total).toBe(0);
    expect(c.gtIds).toEqual([]);
    expect(c.entryCount.length).toBe(0);
  });
});
