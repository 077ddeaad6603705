import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Mesh } from 'three';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/services/backend';
import { writeDemoFiles } from '../../../electron/services/demoFiles';
import type { EditOutcome, SliceAxis } from '../../../shared/api/types';
import { idMergeOf, summarizeOutcome } from '../../../renderer/controller/outcomes';
import { SegmentMeshes } from '../../../renderer/views/segmentMeshes';
import { SliceCache } from '../../../renderer/views/sliceCache';

/**
 * A merge shown without asking the backend again: the renderer relabels the slices it holds and
 * regroups the meshes it has. Checked against the real backend on the demo volume: after the
 * merge, every cached slice equals the backend's slice of the corrected segmentation.
 */
let dir: string;
let backend: Backend;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'axon-merge-in-place-'));
  const files = await writeDemoFiles(join(dir, 'demo'));
  backend = new Backend();
  await backend.open({
    image: `${files.image}:raw`,
    segmentation: `${files.segmentation}:stack`,
    project: join(dir, 'p.axonproj'),
  });
}, 120_000);

afterAll(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

const fetchSlice = (axis: SliceAxis, index: number) => backend.handlers.getSlice({ axis, index });

/** The two ids covering most of XY slice `z` (nonzero). */
async function twoLargestIds(z: number): Promise<[bigint, bigint]> {
  const counts = new Map<bigint, number>();
  for (const id of (await fetchSlice('xy', z)).labels)
    if (id !== 0n) counts.set(id, (counts.get(id) ?? 0) + 1);
  const [a, b] = [...counts].sort((x, y) => y[1] - x[1]).map(([id]) => id);
  return [a!, b!];
}

const merge = (target: bigint, source: bigint): Promise<EditOutcome> =>
  backend.handlers.edit({ command: { kind: 'merge', target: String(target), source: String(source) } });

const CACHED: readonly [SliceAxis, number][] = [
  ['xy', 20],
  ['xy', 21],
  ['xz', 128],
  ['yz', 100],
];

describe('a merge applied in place by the renderer', () => {
  it('relabels the cached slices to what the backend serves after it; undo is not done in place', async () => {
    const [target, source] = await twoLargestIds(20);
    const cache = new SliceCache(fetchSlice, { prefetchConcurrency: 0 });
    for (const [axis, index] of CACHED) await cache.load(axis, index);
    const before = cache.peek('xy', 20)!.labels.filter((id) => id === source).length;
    expect(before).toBeGreaterThan(0);
    const heard: unknown[] = [];
    cache.onInvalidate((box) => heard.push(box));

    const outcome = await merge(target, source);
    const ids = idMergeOf(summarizeOutcome(outcome));
    expect(ids).toEqual({ from: [String(source)], to: String(target) });
    cache.merge(ids!.from.map(BigInt), BigInt(ids!.to));

    expect(heard).toEqual([null]);
    for (const [axis, index] of CACHED) {
      const held = cache.peek(axis, index)!;
      const served = await fetchSlice(axis, index);
      expect(Buffer.from(held.labels.buffer).equals(Buffer.from(served.labels.buffer))).toBe(true);
    }
    expect(cache.peek('xy', 20)!.labels.filter((id) => id === source).length).toBe(0);

    // Undo brings voxels back to an id: the views read them again (no merge in place).
    const undone = await backend.handlers.undo({});
    expect(undone && idMergeOf(summarizeOutcome(undone))).toBeNull();
    expect(idMergeOf(summarizeOutcome((await backend.handlers.redo({}))!))).toEqual(ids);
    await backend.handlers.undo({});
  });

  it('drops a slice answer that left before the merge, and asks again', async () => {
    const [target, source] = await twoLargestIds(30);
    const cache = new SliceCache(fetchSlice, { prefetchConcurrency: 0 });
    // Asked before the merge: a stale answer must not be cached.
    const early = cache.load('xy', 30);
    const outcome = await merge(target, source);
    const ids = idMergeOf(summarizeOutcome(outcome))!;
    cache.merge(ids.from.map(BigInt), BigInt(ids.to));
    await early;
    const again = await cache.load('xy', 30);
    expect(again.labels.includes(source)).toBe(false);
    expect(
      Buffer.from(again.labels.buffer).equals(Buffer.from((await fetchSlice('xy', 30)).labels.buffer)),
    ).toBe(true);
    await backend.handlers.undo({});
  });

  it("joins the merged segment's mesh to the survivor's without fetching, when both are shown", async () => {
    const [target, source] = await twoLargestIds(20);
    const fetched: string[] = [];
    const meshes = new SegmentMeshes(
      (id) => {
        fetched.push(id);
        return backend.handlers.getMesh({ id });
      },
      () => undefined,
    );
    const t = String(target);
    const s = String(source);
    // The survivor alone: its merged mesh has to be fetched.
    meshes.sync({ selection: [t], hidden: new Set(), colors: {} });
    expect(meshes.merge([s], t)).toBe(false);
    // Both shown (and loaded): the merge just regroups them.
    meshes.sync({ selection: [t, s], hidden: new Set(), colors: {} });
    await expect.poll(() => meshes.shownCount, { timeout: 30_000 }).toBe(2);
    const triangles = () =>
      meshes.group.children.reduce((n, m) => n + (m as Mesh).geometry.index!.count / 3, 0);
    const both = triangles();
    fetched.length = 0;
    expect(meshes.merge([s], t)).toBe(true);
    expect(meshes.ids).toEqual([t]);
    expect(meshes.group.children).toHaveLength(2);
    const [first, second] = meshes.group.children as Mesh[];
    expect(second!.material).toBe(first!.material);
    // The selection loses the merged id: its meshes stay, now the survivor's.
    meshes.sync({ selection: [t], hidden: new Set([t]), colors: {} });
    expect(meshes.group.children.every((m) => !m.visible)).toBe(true);
    expect(triangles()).toBe(both);
    expect(fetched).toEqual([]);
    meshes.dispose();
  });
});
