import { describe, expect, it } from 'vitest';
import { buildContingency } from '../../../shared/metrics/contingency';
import { computeRand } from '../../../shared/metrics/rand';
import { computeVoi, largestContributions, voiPerSegment } from '../../../shared/metrics/voi';
import { randomLabelPair, relabel } from './volumes';

describe('VOI and Rand on hand-computed volumes', () => {
  it('a test that splits one of two ground-truth segments (2x2x2)', () => {
    // GT: z=0 is segment 1 (4 voxels), z=1 is segment 2 (4 voxels).
    // Test: splits segment 1 into 5 and 6 (2 voxels each), keeps segment 2 whole as 7.
    // n = {(1,5): 2, (1,6): 2, (2,7): 4}, t = (4, 4), s = (2, 2, 4), N = 8.
    const c = buildContingency(Uint8Array.of(1, 1, 1, 1, 2, 2, 2, 2), Uint8Array.of(5, 5, 6, 6, 7, 7, 7, 7));
    const voi = computeVoi(c);
    // H(test|GT) = -(1/8)[2 log2(2/4) + 2 log2(2/4) + 4 log2(4/4)] = -(1/8)(-2 - 2 + 0) = 0.5
    expect(voi.voi_split).toBeCloseTo(0.5, 14);
    // H(GT|test) = -(1/8)[2 log2(2/2) + 2 log2(2/2) + 4 log2(4/4)] = 0
    expect(voi.voi_merge).toBeCloseTo(0, 14);
    // H(GT,test) = -(2 * 1/4 log2(1/4) + 1/2 log2(1/2)) = 1 + 0.5 = 1.5; nvi_split = 0.5 / 1.5
    expect(voi.nvi_split).toBeCloseTo(1 / 3, 14);
    // H(GT) = 1, H(test) = 1.5: nid = 1 - (1 + 1.5 - 1.5) / 1.5 = 1/3
    expect(voi.nid).toBeCloseTo(1 / 3, 14);

    const rand = computeRand(c);
    // sum n^2 = 4 + 4 + 16 = 24; sum t^2 = 16 + 16 = 32; sum s^2 = 4 + 4 + 16 = 24
    expect(rand.rand_split).toBeCloseTo(24 / 32, 14);
    expect(rand.rand_merge).toBeCloseTo(1, 14);
    // ARE = 1 - 2 * 0.75 * 1 / 1.75 = 1 - 6/7 = 1/7
    expect(rand.adapted_rand_error).toBeCloseTo(1 / 7, 14);

    // All of the split comes from GT segment 1 (row 0), none from segment 2.
    const per = voiPerSegment(c);
    expect(Array.from(per.split)).toEqual([0.5, 0]);
    expect(Array.from(per.merge)).toEqual([0, 0, 0]);
    expect(largestContributions(per.split, c.gtIds, 1)).toEqual([{ id: 1n, value: 0.5 }]);
  });

  it('skips ground-truth 0 and counts test 0 as a segment', () => {
    // GT   0 0 1 1 | 1 1 2 2
    // test 9 9 0 0 | 3 3 3 3
    // Counted: n = {(1,0): 2, (1,3): 2, (2,3): 2}, t = (4, 2), s = (2, 4), N = 6.
    const c = buildContingency(Uint8Array.of(0, 0, 1, 1, 1, 1, 2, 2), Uint8Array.of(9, 9, 0, 0, 3, 3, 3, 3));
    const voi = computeVoi(c);
    // H(test|GT) = -(1/6)[2 log2(2/4) + 2 log2(2/4) + 2 log2(2/2)] = 4/6
    expect(voi.voi_split).toBeCloseTo(2 / 3, 14);
    // H(GT|test) = -(1/6)[2 log2(2/2) + 2 log2(2/4) + 2 log2(2/4)] = 4/6
    expect(voi.voi_merge).toBeCloseTo(2 / 3, 14);
    const rand = computeRand(c);
    // sum n^2 = 12, sum t^2 = 16 + 4 = 20, sum s^2 = 4 + 16 = 20: 0.6 and 0.6, ARE = 0.4
    expect(rand.rand_split).toBeCloseTo(0.6, 14);
    expect(rand.rand_merge).toBeCloseTo(0.6, 14);
    expect(rand.adapted_rand_error).toBeCloseTo(0.4, 14);
    // Test 0 merges the two GT segments (col 0 holds only GT 1, col 1 holds both):
    // merge share of test 3 = -(1/6)[2 log2(2/4) + 2 log2(2/4)] = 4/6, of test 0 = 0.
    const per = voiPerSegment(c);
    expect(largestContributions(per.merge, c.testIds, 2)).toEqual([
      { id: 3n, value: per.merge[1] },
      { id: 0n, value: 0 },
    ]);
    expect(per.merge[1]).toBeCloseTo(2 / 3, 14);
  });

  it('a merge of two segments and a split by thirds', () => {
    // GT 1 1 2 2, test all 4: H(GT|test) = -(1/4)[2 log2(2/4) + 2 log2(2/4)] = 1 bit.
    const merged = buildContingency(Uint8Array.of(1, 1, 2, 2), Uint8Array.of(4, 4, 4, 4));
    expect(computeVoi(merged).voi_merge).toBeCloseTo(1, 14);
    expect(computeVoi(merged).voi_split).toBeCloseTo(0, 14);
    // sum n^2 = 8, sum t^2 = 8, sum s^2 = 16: split 1, merge 0.5, ARE = 1 - 1/1.5 = 1/3
    expect(computeRand(merged).rand_merge).toBeCloseTo(0.5, 14);
    expect(computeRand(merged).adapted_rand_error).toBeCloseTo(1 / 3, 14);

    // GT 1 1 1, test 1 1 2: H(test|GT) = -(1/3)[2 log2(2/3) + log2(1/3)] = log2(3) - 2/3 = 0.918296...
    const thirds = buildContingency(Uint8Array.of(1, 1, 1), Uint8Array.of(1, 1, 2));
    expect(computeVoi(thirds).voi_split).toBeCloseTo(Math.log2(3) - 2 / 3, 14);
    expect(computeVoi(thirds).voi_split).toBeCloseTo(0.918296, 6);
  });

  it('a perfect segmentation scores 0 VOI and 0 ARE; all-background GT gives NaN', () => {
    const c = buildContingency(Uint8Array.of(1, 1, 2, 0), Uint8Array.of(8, 8, 3, 8));
    expect(computeVoi(c)).toEqual({ voi_split: 0, voi_merge: 0, nvi_split: 0, nvi_merge: 0, nid: 0 });
    expect(computeRand(c).adapted_rand_error).toBe(0);
    const empty = buildContingency(new Uint8Array(3), Uint8Array.of(1, 2, 3));
    expect(computeVoi(empty).voi_split).toBeNaN();
    expect(computeRand(empty).adapted_rand_error).toBeNaN();
  });
});

describe('relabelling', () => {
  it('leaves every number unchanged when either volume gets new ids (above 2^53)', () => {
    const { gt, test } = randomLabelPair(7, [8, 32, 32], true);
    const scores = (g: Uint32Array | BigUint64Array, t: Uint32Array | BigUint64Array) => {
      const c = buildContingency(g, t);
      const per = voiPerSegment(c);
      return {
        ...computeVoi(c),
        ...computeRand(c),
        split: Array.from(per.split),
        merge: Array.from(per.merge),
      };
    };
    const reference = scores(gt, test);
    expect(reference.voi_split).toBeGreaterThan(0.1);
    expect(reference.voi_merge).toBeGreaterThan(0.1);
    // GT 0 is the ignore label and stays 0; the test's 0 is an ordinary segment and moves.
    for (const seed of [1, 2, 3]) {
      expect(scores(relabel(gt, seed, true), test)).toEqual(reference);
      expect(scores(gt, relabel(test, seed, false))).toEqual(reference);
      expect(scores(relabel(gt, seed + 10, true), relabel(test, seed + 20, false))).toEqual(reference);
    }
  });
});
