/**
 * Live metrics through the backend on the real demo files: the ground truth next to the demo is
 * found by itself, and after each edit, undo and redo (through the edit API) getMetrics equals a
 * full recompute with shared/metrics on the corrected segmentation the backend serves.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/services/backend';
import { writeDemoFiles, type DemoFiles } from '../../../electron/services/demoFiles';
import { writeHdf5Volume } from '../../../electron/io/hdf5Writer';
import type { MetricsSnapshot } from '../../../shared/api/metricsTypes';
import { generateDemo, type DemoVolume } from '../../../shared/demo/generateDemo';
import { commandToJson } from '../../../shared/edit/json';
import type { Box3 } from '../../../shared/volume/types';
import { demoProofreading, fullScores } from './liveMetricsKit';

let dir: string;
let files: DemoFiles;
let demo: DemoVolume;
let backend: Backend;

/** getMetrics until the full pass is done (it runs as a task after open). */
async function ready(): Promise<MetricsSnapshot> {
  for (;;) {
    const m = await backend.handlers.getMetrics({});
    if (m.status === 'ready' || m.status === 'error') return m;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function expectEqualToFull(m: MetricsSnapshot): Promise<void> {
  const whole: Box3 = { start: [0, 0, 0], size: demo.shape };
  const corrected = await backend.current.readCorrectedLabels(whole);
  const full = fullScores(demo, corrected);
  const s = m.scores!;
  expect(s.voi_split).toBeCloseTo(full.voi.voi_split, 10);
  expect(s.voi_merge).toBeCloseTo(full.voi.voi_merge, 10);
  expect(s.adapted_rand_error).toBeCloseTo(full.rand.adapted_rand_error, 12);
  expect(s.erl!).toBeCloseTo(full.erl.erl, 6);
  expect(s.gt_erl!).toBeCloseTo(full.erl.gt_erl, 6);
  expect(s.nerl!).toBeCloseTo(full.erl.nerl, 12);
  expect(m.change!.voi_split).toBeCloseTo(full.change.voi_split, 10);
  expect(m.change!.voi_merge).toBeCloseTo(full.change.voi_merge, 10);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'axon-live-metrics-'));
  files = await writeDemoFiles(join(dir, 'demo'));
  demo = generateDemo();
  backend = new Backend();
  await backend.open({
    image: `${files.image}:raw`,
    segmentation: `${files.segmentation}:stack`,
    project: join(dir, 'session.axonproj'),
  });
}, 120_000);

afterAll(async () => {
  await backend.close();
});

describe('live metrics of the demo session', () => {
  it('finds the demo ground truth and skeletons and scores the unedited segmentation', async () => {
    const m = await ready();
    expect(m.status).toBe('ready');
    expect(m.groundTruth).toMatchObject({ automatic: true, skeletonCount: demo.skeletons.length });
    expect(m.groundTruth!.spec).toBe(`${files.groundTruth}:stack`);
    await expectEqualToFull(m);
    expect(m.change).toMatchObject({ voi_split: 0, voi_merge: 0, edits: 0, voxelsChanged: 0 });
    expect(m.history).toHaveLength(1);
    // The injected errors are among the largest contributors, each with a voxel to jump to.
    const fused = new Set(demo.errors.filter((e) => e.kind === 'merge').map((e) => e.segmentIds[0]));
    expect(m.topMerges.some((c) => fused.has(c.id.toString()))).toBe(true);
    for (const c of [...m.topMerges, ...m.topSplits]) expect(c.voxel).not.toBeNull();
  });

  it('follows edits, undo and redo through the API, equal to a full recompute each time', async () => {
    const commands = demoProofreading(demo);
    let merges = 0;
    let splits = 0;
    for (const command of commands) {
      await backend.handlers.edit({ command: commandToJson(command) });
      if (command.kind === 'merge') merges++;
      if (command.kind === 'split') splits++;
      const m = await backend.handlers.getMetrics({});
      expect(m.lastUpdate?.incremental).toBe(true);
      await expectEqualToFull(m);
    }
    const m = await backend.handlers.getMetrics({});
    expect(m.change).toMatchObject({ edits: commands.length, merges, splits });
    expect(m.change!.voxelsChanged).toBeGreaterThan(0);
    expect(m.history.map((p) => p.action)).toEqual(['start', ...commands.map(() => 'do')]);
    const start = m.history[0]!.groundTruth!;
    const end = m.history.at(-1)!.groundTruth!;
    expect(end.voi_merge).toBeLessThan(start.voi_merge);
    expect(end.nerl!).toBeGreaterThan(start.nerl!);

    await backend.handlers.undo({});
    await backend.handlers.undo({});
    await expectEqualToFull(await backend.handlers.getMetrics({}));
    await backend.handlers.redo({});
    const after = await backend.handlers.getMetrics({});
    await expectEqualToFull(after);
    expect(after.change!.edits).toBe(commands.length - 1);
    expect(after.history.slice(-3).map((p) => p.action)).toEqual(['undo', 'undo', 'redo']);
  }, 180_000);

  it('recounts from the files to the same numbers', async () => {
    const incremental = await backend.handlers.getMetrics({});
    const recounted = await backend.handlers.recomputeMetrics({});
    expect(recounted.lastUpdate?.incremental).toBe(false);
    expect(recounted.scores!.voi_split).toBeCloseTo(incremental.scores!.voi_split, 12);
    expect(recounted.scores!.erl!).toBeCloseTo(incremental.scores!.erl!, 6);
    expect(recounted.change!.voxelsChanged).toBe(incremental.change!.voxelsChanged);
  });

  it('a recount can be cancelled; the numbers stay as they were', async () => {
    const before = await backend.handlers.getMetrics({});
    const recount = backend.handlers.recomputeMetrics({ taskId: 'metrics-cancel-me' });
    await expect(backend.handlers.cancelTask({ taskId: 'metrics-cancel-me' })).resolves.toBe(true);
    await expect(recount).rejects.toThrow(/cancelled/);
    const after = await backend.handlers.getMetrics({});
    expect(after.status).toBe('ready');
    expect(after.scores!.voi_split).toBe(before.scores!.voi_split);
  });

  it('refuses a ground truth that is missing or of another shape, naming the file', async () => {
    const missing = join(dir, 'nowhere.h5');
    await expect(backend.handlers.loadGroundTruth({ groundTruth: `${missing}:stack` })).rejects.toThrow(
      missing,
    );
    const small = join(dir, 'small.h5');
    await writeHdf5Volume(small, 'stack', { shape: [4, 4, 4], data: new Uint32Array(64) });
    await expect(backend.handlers.loadGroundTruth({ groundTruth: `${small}:stack` })).rejects.toThrow(
      /small\.h5.*shape 4x4x4/,
    );
    const badSwc = join(dir, 'bad.swc');
    writeFileSync(badSwc, '1 2 0 0 0 1 -1\nnot a node\n');
    await expect(
      backend.handlers.loadGroundTruth({ groundTruth: `${files.groundTruth}:stack`, skeletons: badSwc }),
    ).rejects.toThrow(/bad\.swc/);
    // The demo's ground truth is still the one in use.
    const m = await backend.handlers.getMetrics({});
    expect(m.groundTruth!.spec).toBe(`${files.groundTruth}:stack`);
    expect(m.status).toBe('ready');
  });

  it('scores against a user-named ground truth (here the original segmentation), then the demo one again', async () => {
    const m = await backend.handlers.loadGroundTruth({ groundTruth: `${files.segmentation}:stack` });
    expect(m.groundTruth).toMatchObject({ automatic: false, skeletonCount: 0 });
    // The edits cut segments of the original: split errors against it, and no ERL without skeletons.
    expect(m.scores!.voi_split).toBeGreaterThan(0);
    expect(m.scores!.erl).toBeNull();
    expect(m.history).toHaveLength(1);
    const reopened = await backend.handlers.loadGroundTruth({
      groundTruth: `${files.groundTruth}:stack`,
      skeletons: files.skeletons,
    });
    await expectEqualToFull(reopened);
  }, 60_000);

  it('keeps the plot in the project: reopening shows the same points and goes on from them', async () => {
    const before = await ready();
    expect(before.history.length).toBeGreaterThan(demoProofreading(demo).length);
    await backend.close();
    backend = new Backend();
    await backend.open({
      image: `${files.image}:raw`,
      segmentation: `${files.segmentation}:stack`,
      project: join(dir, 'session.axonproj'),
    });
    const after = await ready();
    // Nothing changed while the project was closed: no extra starting point.
    expect(after.history).toEqual(before.history);
    await expectEqualToFull(after);
    await backend.handlers.undo({});
    const undone = await backend.handlers.getMetrics({});
    expect(undone.history).toHaveLength(before.history.length + 1);
    expect(undone.history.at(-1)).toMatchObject({ action: 'undo', step: before.history.at(-1)!.step + 1 });
  }, 120_000);
});
