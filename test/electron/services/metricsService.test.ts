/**
 * The metrics service reads both volumes block by block; these tests force small, misaligned
 * blocks (odd chunk shapes, a tiny block budget) and check that every figure equals the
 * whole-array computation of shared/metrics on the same data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHdf5Volume } from '../../../electron/io/hdf5Writer';
import { computeMetrics, planBlocks } from '../../../electron/services/metricsService';
import type { Skeleton } from '../../../shared/formats/swc';
import { buildContingency } from '../../../shared/metrics/contingency';
import { denseVolumeLookup, expectedRunLength } from '../../../shared/metrics/erl';
import { computeRand } from '../../../shared/metrics/rand';
import { computeVoi } from '../../../shared/metrics/voi';
import type { Vec3 } from '../../../shared/volume/types';

const SHAPE: Vec3 = [10, 13, 17];
const RESOLUTION: Vec3 = [40, 4, 5];

/** Seeded mulberry32. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    let t = (state = (state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Labels in slabs and bands (so segments span blocks), with some noise and GT holes of 0. */
function labels(seed: number, bands: number, zeros: boolean): Uint32Array {
  const rnd = random(seed);
  const [d, h, w] = SHAPE;
  const out = new Uint32Array(d * h * w);
  const cut = Array.from({ length: bands }, () => Math.floor(rnd() * w));
  for (let z = 0; z < d; z++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const band = cut.filter((c) => x >= c).length;
        let v = 1 + band + (y > h / 2 ? 10 : 0) + (z > d / 2 ? 100 : 0);
        if (rnd() < 0.05) v = 1 + Math.floor(rnd() * 4);
        if (zeros && rnd() < 0.1) v = 0;
        out[(z * h + y) * w + x] = v;
      }
  return out;
}

/** Random walks in nm, some nodes outside the volume. */
function skeletons(seed: number, count: number): Skeleton[] {
  const rnd = random(seed);
  return Array.from({ length: count }, (_, id) => {
    let p = [
      rnd() * SHAPE[2] * RESOLUTION[2],
      rnd() * SHAPE[1] * RESOLUTION[1],
      rnd() * SHAPE[0] * RESOLUTION[0],
    ];
    const nodes = Array.from({ length: 30 }, (_, i) => {
      p = [p[0]! + (rnd() - 0.4) * 12, p[1]! + (rnd() - 0.5) * 10, p[2]! + (rnd() - 0.5) * 60];
      return { x: p[0]!, y: p[1]!, z: p[2]!, radius: 1, parent: i - 1 };
    });
    return { id: id + 1, nodes };
  });
}

let dir = '';
const gt = labels(1, 3, true);
const seg = labels(2, 4, false);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'metrics-service-'));
  await writeHdf5Volume(
    join(dir, 'gt.h5'),
    'stack',
    { shape: SHAPE, data: gt },
    { chunks: [3, 5, 7], resolution: RESOLUTION },
  );
  await writeHdf5Volume(
    join(dir, 'seg.h5'),
    'labels/seg',
    { shape: SHAPE, data: seg },
    { chunks: [4, 4, 4] },
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('computeMetrics, block by block', () => {
  it.each([50, 300, 1000, 1e9])(
    'equals the whole-array metrics with a %d-voxel block budget',
    async (budget) => {
      const report = await computeMetrics({
        segmentation: join(dir, 'seg.h5:labels/seg'),
        groundTruth: join(dir, 'gt.h5'),
        maxBlockVoxels: budget,
      });
      const c = buildContingency(gt, seg);
      const voi = computeVoi(c);
      const rand = computeRand(c);
      for (const key of ['voi_split', 'voi_merge', 'nvi_split', 'nvi_merge', 'nid'] as const) {
        expect(report[key]).toBeCloseTo(voi[key], 12);
      }
      for (const key of ['rand_split', 'rand_merge', 'adapted_rand_error'] as const) {
        expect(report[key]).toBeCloseTo(rand[key], 12);
      }
      expect(report.countedVoxels).toBe(c.total);
      expect(report.gtSegments).toBe(c.gtIds.length);
      expect(report.testSegments).toBe(c.testIds.length);
      expect(report.voxels).toBe(gt.length);
      expect(report.blocks > 1).toBe(budget < 2000);
      expect(report.erl).toBeUndefined();
    },
  );

  it('looks up skeleton nodes in the blocks that hold them, as a whole-array lookup would', async () => {
    const skel = skeletons(3, 6);
    const whole = expectedRunLength(
      skel.map((s) => ({ id: s.id, nodes: s.nodes.slice() })),
      denseVolumeLookup({ shape: SHAPE, data: seg }),
      { resolution: RESOLUTION },
    );
    expect(whole.perSkeleton.some((s) => s.splitEdges > 0 && s.correctEdges > 0)).toBe(true);
    for (const budget of [60, 1e9]) {
      const report = await computeMetrics({
        segmentation: join(dir, 'seg.h5:labels/seg'),
        groundTruth: join(dir, 'gt.h5:stack'),
        skeletons: skel,
        maxBlockVoxels: budget,
      });
      expect(report.resolution).toEqual(RESOLUTION);
      expect(report.resolutionSource).toBe('groundtruth');
      expect(report.erl?.erl).toBe(whole.erl);
      expect(report.erl?.gt_erl).toBe(whole.gt_erl);
      expect(report.erl?.nerl).toBe(whole.nerl);
      expect(report.erl?.nodes).toBe(180);
      expect(report.erl?.nodesOutside).toBeGreaterThan(0);
    }
  });

  it('with a merge threshold scores as em_erl on the whole array', async () => {
    const skel = skeletons(4, 8);
    const report = await computeMetrics({
      segmentation: join(dir, 'seg.h5:labels/seg'),
      groundTruth: join(dir, 'gt.h5'),
      skeletons: skel,
      mergeThreshold: 3,
      maxBlockVoxels: 100,
    });
    const whole = expectedRunLength(
      skel.map((s) => ({ id: s.id, nodes: s.nodes.slice() })),
      denseVolumeLookup({ shape: SHAPE, data: seg }),
      { resolution: RESOLUTION, mergeThreshold: 3 },
    );
    expect(report.erl?.nerl).toBe(whole.nerl);
    expect(report.erl?.mergeThreshold).toBe(3);
    expect(report.erl?.mergingSegments).toEqual(whole.mergingSegments);
  });

  it('reports progress up to every voxel and stops when aborted', async () => {
    const seen: number[] = [];
    await computeMetrics(
      { segmentation: join(dir, 'seg.h5:labels/seg'), groundTruth: join(dir, 'gt.h5'), maxBlockVoxels: 300 },
      { progress: (done, total) => seen.push(done / total) },
    );
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toBe(1);
    const controller = new AbortController();
    controller.abort();
    await expect(
      computeMetrics(
        { segmentation: join(dir, 'seg.h5:labels/seg'), groundTruth: join(dir, 'gt.h5') },
        { signal: controller.signal },
      ),
    ).rejects.toThrow(/cancelled/);
  });

  it('warns when no file records a voxel size and skeletons need one', async () => {
    const report = await computeMetrics({
      segmentation: join(dir, 'seg.h5:labels/seg'),
      groundTruth: join(dir, 'seg.h5:labels/seg'),
      skeletons: skeletons(5, 1),
    });
    expect(report.resolutionSource).toBe('default');
    expect(report.warnings.join('\n')).toMatch(/records a voxel size.*--resolution/);
    expect(report.voi_split).toBe(0);
    expect(report.voi_merge).toBe(0);
  });
});

describe('computeMetrics on bad labels', () => {
  it('names both files when a signed dataset holds negative ids', async () => {
    await writeHdf5Volume(join(dir, 'neg.h5'), 'stack', {
      shape: [1, 1, 3],
      data: new Int32Array([1, -1, 2]),
    });
    await writeHdf5Volume(join(dir, 'pos.h5'), 'stack', {
      shape: [1, 1, 3],
      data: new Int32Array([1, 1, 2]),
    });
    await expect(
      computeMetrics({ segmentation: join(dir, 'pos.h5'), groundTruth: join(dir, 'neg.h5') }),
    ).rejects.toThrow(/neg\.h5:stack \/ .*pos\.h5:stack, block at 0x0x0 \(z,y,x\): negative label -1/);
  });
});

describe('planBlocks', () => {
  it('takes whole slabs in chunk steps when they fit the budget', () => {
    expect(planBlocks([64, 256, 256], [32, 64, 64], 4 * 2 ** 20)).toEqual([64, 256, 256]);
    expect(planBlocks([100, 256, 256], [32, 64, 64], 2 * 2 ** 20)).toEqual([32, 256, 256]);
  });
  it('narrows y, then x, in chunk steps when one slab is over the budget', () => {
    expect(planBlocks([64, 1024, 1024], [32, 64, 64], 2 ** 20)).toEqual([32, 64, 512]);
    expect(planBlocks([64, 1024, 1024], [32, 64, 64], 1000)).toEqual([32, 64, 64]);
  });
});
