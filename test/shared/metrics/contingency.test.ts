import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildContingency,
  ContingencyAccumulator,
  type Contingency,
} from '../../../shared/metrics/contingency';
import { compactLabels, IdTable } from '../../../shared/volume/idTable';
import type { LabelArray } from '../../../shared/volume/types';
import { randomLabelPair, relabel } from './volumes';

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

  it('rejects negative labels in signed arrays, naming the voxel', () => {
    expect(() => buildContingency(Int32Array.of(1, 1, -4), Int32Array.of(2, 2, 2))).toThrow(
      'negative label -4 at voxel 2',
    );
    // The test is checked under ground-truth background too.
    expect(() => buildContingency(Int16Array.of(0, 1), Int16Array.of(-1, 2))).toThrow(
      'negative label -1 at voxel 0',
    );
  });
});

/**
 * The table by definition, one voxel at a time: rows, columns and entries numbered in order of
 * first appearance among voxels whose ground truth is not 0.
 */
function reference(gt: readonly bigint[], test: readonly bigint[]): Contingency {
  const rows = new Map<bigint, number>();
  const cols = new Map<bigint, number>();
  const entries = new Map<string, number>();
  const entryGt: number[] = [];
  const entryTest: number[] = [];
  const entryCount: number[] = [];
  const gtSizes: number[] = [];
  const testSizes: number[] = [];
  gt.forEach((g, v) => {
    if (g === 0n) return;
    const t = test[v]!;
    if (!rows.has(g)) rows.set(g, rows.size);
    if (!cols.has(t)) cols.set(t, cols.size);
    const row = rows.get(g)!;
    const col = cols.get(t)!;
    const key = `${row}:${col}`;
    if (!entries.has(key)) {
      entries.set(key, entries.size);
      entryGt.push(row);
      entryTest.push(col);
      entryCount.push(0);
    }
    entryCount[entries.get(key)!]! += 1;
    gtSizes[row] = (gtSizes[row] ?? 0) + 1;
    testSizes[col] = (testSizes[col] ?? 0) + 1;
  });
  return {
    gtIds: [...rows.keys()],
    testIds: [...cols.keys()],
    gtSizes: Float64Array.from(gtSizes),
    testSizes: Float64Array.from(testSizes),
    entryGt: Uint32Array.from(entryGt),
    entryTest: Uint32Array.from(entryTest),
    entryCount: Float64Array.from(entryCount),
    total: entryCount.reduce((a, b) => a + b, 0),
  };
}

/** Ids a label array of each type can hold, and how to build one. */
const KINDS: readonly { name: string; max: bigint; from: (ids: readonly bigint[]) => LabelArray }[] = [
  { name: 'uint8', max: 0xffn, from: (ids) => Uint8Array.from(ids, Number) },
  { name: 'uint16', max: 0xffffn, from: (ids) => Uint16Array.from(ids, Number) },
  { name: 'int16', max: 0x7fffn, from: (ids) => Int16Array.from(ids, Number) },
  { name: 'int32', max: 0x7fffffffn, from: (ids) => Int32Array.from(ids, Number) },
  { name: 'uint32', max: 0xffffffffn, from: (ids) => Uint32Array.from(ids, Number) },
  { name: 'int64', max: 2n ** 63n - 1n, from: (ids) => BigInt64Array.from(ids) },
  { name: 'uint64', max: 2n ** 64n - 1n, from: (ids) => BigUint64Array.from(ids) },
];

/**
 * Label pairs made of runs, as segmentations are along x: ids drawn from a few small values (0
 * among them), values around 2^31 and 2^32 - 1, and (with `wide`) values past 2^32 and 2^53.
 */
function runPairs(wide: boolean) {
  const ids = [
    fc.constant(0n),
    fc.bigInt({ min: 1n, max: 6n }),
    fc.constantFrom(0x7fffffffn, 0x80000000n, 0xfffffffen, 0xffffffffn),
  ];
  if (wide) ids.push(fc.constantFrom(2n ** 32n, 2n ** 32n + 3n, 2n ** 53n + 1n, 2n ** 64n - 1n));
  const id = fc.oneof(...ids);
  const run = fc.record({ g: id, t: id, length: fc.integer({ min: 1, max: 9 }) });
  return fc.array(run, { maxLength: 40 }).map((runs) => ({
    gt: runs.flatMap((r) => Array<bigint>(r.length).fill(r.g)),
    test: runs.flatMap((r) => Array<bigint>(r.length).fill(r.t)),
  }));
}

describe('contingency table against its definition', () => {
  it('matches a voxel-by-voxel count for every label type that holds the ids', () => {
    fc.assert(
      fc.property(runPairs(true), ({ gt, test }) => {
        const expected = reference(gt, test);
        const max = [...gt, ...test].reduce((m, v) => (v > m ? v : m), 0n);
        for (const kind of KINDS.filter((k) => k.max >= max))
          expect(buildContingency(kind.from(gt), kind.from(test)), kind.name).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same table block by block, when a later block brings ids past 32 bits', () => {
    fc.assert(
      fc.property(runPairs(false), runPairs(true), fc.integer({ min: 1, max: 7 }), (first, second, block) => {
        const gt = [...first.gt, ...second.gt];
        const test = [...first.test, ...second.test];
        const acc = new ContingencyAccumulator();
        // The first blocks fit in uint32 and are keyed by raw id; the wide ones re-key the table.
        for (let s = 0; s < gt.length; s += block) {
          const g = gt.slice(s, s + block);
          const t = test.slice(s, s + block);
          const fits = [...g, ...t].every((v) => v <= 0xffffffffn);
          acc.add(
            fits ? Uint32Array.from(g, Number) : BigUint64Array.from(g),
            fits ? Uint32Array.from(t, Number) : BigUint64Array.from(t),
          );
        }
        expect(acc.result()).toEqual(reference(gt, test));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the raw-id path and the id-table path identical tables', () => {
    const { gt, test } = randomLabelPair(5, [8, 32, 32], true);
    const gtTable = new IdTable();
    const testTable = new IdTable();
    const dense = new ContingencyAccumulator();
    dense.addDense(compactLabels(gt, gtTable), gtTable, compactLabels(test, testTable), testTable);
    const raw = buildContingency(gt, test);
    expect(dense.result()).toEqual(raw);
    expect(raw).toEqual(reference(Array.from(gt, BigInt), Array.from(test, BigInt)));
  });

  it('changes nothing but the id lists when either volume is relabelled, within 32 bits or past them', () => {
    const { gt, test } = randomLabelPair(9, [8, 24, 40], true);
    const base = buildContingency(gt, test);
    const withoutIds = ({ gtIds: _g, testIds: _t, ...rest }: Contingency) => rest;
    for (const seed of [1, 2]) {
      // relabel moves ids above 2^53; subtracting 2^60 brings them back under 2^32.
      const wideGt = relabel(gt, seed, true);
      const wideTest = relabel(test, seed + 10, false);
      const narrowGt = Uint32Array.from(wideGt, (v) => Number(v === 0n ? 0n : v - 2n ** 60n));
      const narrowTest = Uint32Array.from(wideTest, (v) => Number(v - 2n ** 60n));
      for (const [g, t] of [
        [wideGt, test],
        [gt, wideTest],
        [narrowGt, narrowTest],
        [wideGt, narrowTest],
      ] as const) {
        const c = buildContingency(g, t);
        expect(withoutIds(c)).toEqual(withoutIds(base));
        // The ids follow the relabelling, row for row and column for column.
        expect(c.gtIds).toEqual(base.gtIds.map((id) => BigInt(g[gt.indexOf(Number(id))]!)));
        expect(c.testIds).toEqual(base.testIds.map((id) => BigInt(t[test.indexOf(Number(id))]!)));
      }
    }
  });
});
