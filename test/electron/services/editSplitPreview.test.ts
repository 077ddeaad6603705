import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditLogPage, SplitPreviewData } from '../../../shared/api/types';
import type { InjectedError } from '../../../shared/demo/types';
import type { Vec3 } from '../../../shared/volume/types';
import type { Backend } from '../../../electron/services/backend';
import { call, corrected, demoSetup, openDemo, sameBytes, seedsOf, type DemoSetup } from './editTestKit';

let setup: DemoSetup;
let backend: Backend;
let fused: InjectedError;

beforeAll(async () => {
  setup = await demoSetup('axon-split-preview-');
  backend = await openDemo(setup, join(setup.dir, 'preview.axonproj'));
  fused = setup.manifest.errors.find((e) => e.kind === 'merge')!;
}, 120_000);

afterAll(async () => {
  await backend.close();
});

const request = (extra: object = {}) => {
  const [a, b] = fused.groundTruthIds as [string, string];
  return { segment: fused.segmentIds[0]!, sources: seedsOf(fused, a), sinks: seedsOf(fused, b), ...extra };
};

const sideAt = (p: SplitPreviewData, v: Vec3): number => {
  const [sz, sy, sx] = p.box.size;
  const l = [0, 1, 2].map((d) => v[d]! - p.box.start[d]!);
  expect(l.every((c, d) => c >= 0 && c < [sz, sy, sx][d]!)).toBe(true);
  return p.sides[(l[0]! * sy + l[1]!) * sx + l[2]!]!;
};

describe('split preview', () => {
  it('marks each voxel of the segment source (1) or sink (2) over its box, changing nothing', async () => {
    const before = await corrected(backend);
    const p = await call<SplitPreviewData>(backend, 'splitPreview', request());
    expect(p.segment).toBe(BigInt(fused.segmentIds[0]!));
    expect(p.sides.length).toBe(p.box.size[0] * p.box.size[1] * p.box.size[2]);
    const counts = [0, 0, 0, 0];
    for (const s of p.sides) counts[s]!++;
    expect(counts[3]).toBe(0);
    expect(counts[1]).toBe(p.sourceVoxels);
    expect(counts[2]).toBe(p.sinkVoxels);
    const summary = backend.current.index.get(p.segment)!;
    expect(p.sourceVoxels + p.sinkVoxels).toBe(summary.voxels);
    expect(p.box).toEqual({ start: summary.bboxStart, size: summary.bboxSize });
    const [a, b] = fused.groundTruthIds as [string, string];
    for (const v of seedsOf(fused, a)) expect(sideAt(p, v)).toBe(1);
    for (const v of seedsOf(fused, b)) expect(sideAt(p, v)).toBe(2);
    expect(sameBytes(await corrected(backend), before)).toBe(true);
    expect((await call<EditLogPage>(backend, 'listEdits', {})).total).toBe(0);
  });

  it('can be cancelled while it runs, and the next preview still works', async () => {
    const running = call(backend, 'splitPreview', request({ taskId: 'preview-1' }));
    // The task is registered as the call starts; cancel it while it reads and floods.
    expect(await call(backend, 'cancelTask', { taskId: 'preview-1' })).toBe(true);
    await expect(running).rejects.toThrow(/cancelled/);
    const again = await call<SplitPreviewData>(backend, 'splitPreview', request());
    expect(again.sinkVoxels).toBeGreaterThan(0);
  });

  it('gives the same preview after the split workers were warmed up', async () => {
    const cold = await call<SplitPreviewData>(backend, 'splitPreview', request());
    expect(await call(backend, 'prepareSplit', {})).toBeNull();
    // Warm already: answers at once, without a second warm-up.
    const t0 = performance.now();
    expect(await call(backend, 'prepareSplit', {})).toBeNull();
    expect(performance.now() - t0).toBeLessThan(1000);
    const warm = await call<SplitPreviewData>(backend, 'splitPreview', request());
    expect(warm.box).toEqual(cold.box);
    expect(sameBytes(warm.sides, cold.sides)).toBe(true);
    await expect(call(backend, 'prepareSplit', { now: true })).rejects.toThrow(/now/);
  }, 60_000);

  it('names a seed outside the segment', async () => {
    const elsewhere = setup.manifest.errors.find((e) => e.kind === 'fragment')!.voxel;
    await expect(call(backend, 'splitPreview', request({ sinks: [elsewhere] }))).rejects.toThrow(
      /sink seed 0 at \(\d+, \d+, \d+\) zyx lies in segment \d+, not in segment \d+/,
    );
    await expect(call(backend, 'splitPreview', request({ segment: '4242' }))).rejects.toThrow(
      /segment 4242 does not exist/,
    );
  });
});
