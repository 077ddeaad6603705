/**
 * Cross-check against scikit-image (Debian python3-skimage 0.19) on seeded volumes.
 *
 * Mapping, read from skimage's source:
 * - variation_of_information(image0=GT, image1=test) returns [H(test|GT), H(GT|test)] in bits
 *   (log2) = [voi_split, voi_merge]. It ignores nothing by default; with ignore_labels=[0] it drops
 *   GT-0 voxels and renormalises over the rest, which is our convention exactly.
 * - adapted_rand_error(GT, test) returns (are, prec, rec) with GT 0 ignored, but counts pairs of
 *   distinct voxels: prec = (sum n_ij^2 - N) / (sum t_i^2 - N) (t = GT sizes, despite the docstring
 *   saying "test"), rec = (sum n_ij^2 - N) / (sum s_j^2 - N). funlib (and we) keep the self-pairs:
 *   rand_split = sum n_ij^2 / sum t_i^2, rand_merge = sum n_ij^2 / sum s_j^2. So skimage's prec
 *   is our rand_split and its rec our rand_merge, each with N taken off top and bottom; we check
 *   that relation through our sums, and that the two AREs come close on large volumes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContingency } from '../../../shared/metrics/contingency';
import { computeRand } from '../../../shared/metrics/rand';
import { computeVoi } from '../../../shared/metrics/voi';
import { findSkimagePython, runPython } from './python';
import { randomLabelPair, type LabelPair } from './volumes';

/** Scores every (GT, test) pair saved as consecutive .npy files, in one Python start-up. */
const SCRIPT = `
import sys, json, glob, numpy as np
from skimage.metrics import variation_of_information, adapted_rand_error
files = sorted(glob.glob(sys.argv[1] + '/*.npy'))
out = []
for gt_file, test_file in zip(files[0::2], files[1::2]):
    gt = np.load(gt_file); test = np.load(test_file)
    are, prec, rec = adapted_rand_error(gt, test)
    out.append({'vi_all': [float(v) for v in variation_of_information(gt, test)],
                'vi_ign': [float(v) for v in variation_of_information(gt, test, ignore_labels=[0])],
                'are': float(are), 'prec': float(prec), 'rec': float(rec)})
print(json.dumps(out))
`;

interface SkimageScores {
  vi_all: [number, number];
  vi_ign: [number, number];
  are: number;
  prec: number;
  rec: number;
}

const python = findSkimagePython();
const SHAPE: [number, number, number] = [12, 40, 48];
const cases: LabelPair[] = [
  randomLabelPair(11, SHAPE, false),
  randomLabelPair(12, SHAPE, false),
  randomLabelPair(13, SHAPE, false),
  randomLabelPair(21, SHAPE, true),
];

describe.skipIf(python === undefined)('agreement with scikit-image', () => {
  let skimage: SkimageScores[] = [];
  beforeAll(() => {
    const arrays = cases.flatMap(({ gt, test }) => [
      { data: gt, shape: SHAPE },
      { data: test, shape: SHAPE },
    ]);
    skimage = runPython(python!, SCRIPT, arrays) as SkimageScores[];
  });

  it.each([0, 1, 2])('matches VOI and (self-pair corrected) Rand without GT background, case %i', (k) => {
    const { gt, test } = cases[k]!;
    const sk = skimage[k]!;
    expect(gt.includes(0)).toBe(false);
    expect(test.includes(0)).toBe(true);
    const c = buildContingency(gt, test);
    const voi = computeVoi(c);
    const rand = computeRand(c);

    expect(voi.voi_split).toBeGreaterThan(0.05);
    expect(voi.voi_merge).toBeGreaterThan(0.05);
    expect(voi.voi_split).toBeCloseTo(sk.vi_all[0], 10);
    expect(voi.voi_merge).toBeCloseTo(sk.vi_all[1], 10);

    const n = c.total;
    expect((rand.sum_nij2 - n) / (rand.sum_gt2 - n)).toBeCloseTo(sk.prec, 12);
    expect((rand.sum_nij2 - n) / (rand.sum_test2 - n)).toBeCloseTo(sk.rec, 12);
    expect(rand.rand_split).toBeCloseTo(rand.sum_nij2 / rand.sum_gt2, 15);
    // With about 23,000 voxels the self-pairs shift the error only in the third decimal.
    expect(Math.abs(rand.adapted_rand_error - sk.are)).toBeLessThan(2e-3);
    expect(rand.adapted_rand_error).toBeGreaterThan(0.05);
  });

  it('matches skimage with ignore_labels=[0] when the GT has background', () => {
    const { gt, test } = cases[3]!;
    const sk = skimage[3]!;
    expect(gt.includes(0)).toBe(true);
    const c = buildContingency(gt, test);
    const voi = computeVoi(c);
    const rand = computeRand(c);
    expect(voi.voi_split).toBeCloseTo(sk.vi_ign[0], 10);
    expect(voi.voi_merge).toBeCloseTo(sk.vi_ign[1], 10);
    // Without the ignore label skimage scores the background too, and differs.
    expect(Math.abs(voi.voi_merge - sk.vi_all[1])).toBeGreaterThan(0.01);
    const n = c.total;
    expect((rand.sum_nij2 - n) / (rand.sum_gt2 - n)).toBeCloseTo(sk.prec, 12);
    expect((rand.sum_nij2 - n) / (rand.sum_test2 - n)).toBeCloseTo(sk.rec, 12);
  });
});
