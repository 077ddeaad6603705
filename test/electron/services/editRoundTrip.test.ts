import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BackendEvent,
  EditLogPage,
  EditOutcome,
  MeshData,
  SegmentSummary,
  SliceData,
} from '../../../shared/api/types';
import type { Vec3 } from '../../../shared/volume/types';
import type { Backend } from '../../../electron/services/backend';
import {
  call,
  corrected,
  demoSetup,
  edit,
  expectIndexMatches,
  openDemo,
  sameBytes,
  seedsOf,
  type DemoSetup,
} from './editTestKit';

let setup: DemoSetup;
let backend: Backend;
let project: string;
let base: BigUint64Array;
const events: BackendEvent[] = [];
/** Corrected labels after each edit still applied, in order (index 0: none). */
const states: BigUint64Array[] = [];

beforeAll(async () => {
  setup = await demoSetup('axon-edit-roundtrip-');
  project = join(setup.dir, 'roundtrip.axonproj');
  backend = await openDemo(setup, project);
  backend.onEvent((e) => events.push(e));
  base = await corrected(backend);
  states.push(base);
}, 120_000);

afterAll(async () => {
  await backend.close();
});

const errorsOf = (kind: string) => setup.manifest.errors.filter((e) => e.kind === kind);

/** Apply, check, undo (byte-identical), redo (byte-identical), and leave it applied. */
async function roundTrip(command: unknown): Promise<EditOutcome> {
  const before = await corrected(backend);
  const outcome = await edit(backend, command);
  const after = await corrected(backend);
  expect(sameBytes(after, before)).toBe(false);
  await expectIndexMatches(backend, after);
  const undone = await call<EditOutcome>(backend, 'undo');
  expect(undone.action).toBe('undo');
  expect(undone.entry.seq).toBe(outcome.entry.seq);
  expect(undone.entry.undone).toBe(true);
  expect(sameBytes(await corrected(backend), before)).toBe(true);
  await expectIndexMatches(backend, before);
  const redone = await call<EditOutcome>(backend, 'redo');
  expect(redone.action).toBe('redo');
  expect(sameBytes(await corrected(backend), after)).toBe(true);
  await expectIndexMatches(backend, after);
  states.push(after);
  return outcome;
}

/** The voxels of the plane across a segment's longest axis, at its middle. */
function crossPlane(s: SegmentSummary): Vec3[] {
  const axis = [0, 1, 2].reduce((a, d) => (s.bboxSize[d]! > s.bboxSize[a]! ? d : a), 0);
  const mid = s.bboxStart[axis]! + (s.bboxSize[axis]! >> 1);
  const voxels: Vec3[] = [];
  const [z0, y0, x0] = s.bboxStart;
  const [sz, sy, sx] = s.bboxSize;
  for (let z = z0; z < z0 + sz; z++)
    for (let y = y0; y < y0 + sy; y++)
      for (let x = x0; x < x0 + sx; x++) {
        if ([z, y, x][axis] === mid) voxels.push([z, y, x]);
      }
  return voxels;
}

describe('every edit kind applies, undoes to identical labels and redoes', () => {
  it('merge (a fragment into its host), with an edited event and the log entry', async () => {
    const fragment = errorsOf('fragment')[0]!;
    const [piece, host] = fragment.seeds.map((s) => s.segmentId) as [string, string];
    const outcome = await roundTrip({ kind: 'merge', target: host, source: piece });
    expect(outcome.action).toBe('do');
    expect(outcome.box).toBeNull();
    expect(outcome.removed).toEqual([BigInt(piece)]);
    expect(new Set(outcome.changed)).toEqual(new Set([BigInt(host), BigInt(piece)]));
    expect(outcome.entry).toMatchObject({
      seq: 1,
      kind: 'merge',
      params: { kind: 'merge', target: host, source: piece },
      segmentsBefore: expect.arrayContaining([BigInt(host), BigInt(piece)]) as unknown,
      segmentsAfter: [BigInt(host)],
      changedVoxels: 0,
      undone: false,
    });
    expect((await call<SegmentSummary>(backend, 'segmentAt', { voxel: outcome.entry.voxel })).id).toBe(
      BigInt(host),
    );
    const edited = events.filter((e) => e.type === 'edited').map((e) => e.outcome.action);
    expect(edited).toEqual(['do', 'undo', 'redo']);
  });

  it('split of a fused axon pair with the manifest seeds', async () => {
    const merge = errorsOf('merge')[0]!;
    const [a, b] = merge.groundTruthIds as [string, string];
    const segment = merge.segmentIds[0]!;
    const sources = seedsOf(merge, a);
    const sinks = seedsOf(merge, b);
    const outcome = await roundTrip({ kind: 'split', segment, sources, sinks });
    const newId = outcome.entry.segmentsAfter.find((id) => id !== BigInt(segment))!;
    expect(outcome.entry.voxel).toEqual(sinks[0]);
    expect((await call<SegmentSummary>(backend, 'segmentAt', { voxel: sinks[0] })).id).toBe(newId);
    expect((await call<SegmentSummary>(backend, 'segmentAt', { voxel: sources[0] })).id).toBe(
      BigInt(segment),
    );
    expect(outcome.box).not.toBeNull();
    const [z, y, x] = sinks[0]!;
    const slice = await call<SliceData>(backend, 'getSlice', { axis: 'xy', index: z });
    expect(slice.labels[y * slice.width + x]).toBe(newId);
  });

  it('erase across a segment, then split it into its connected pieces', async () => {
    const largest = (await backend.handlers.listSegments({ limit: 1 })).segments[0]!;
    const erased = await roundTrip({
      kind: 'erase',
      region: { voxels: crossPlane(largest) },
      onlyOver: String(largest.id),
    });
    expect(erased.entry.changedVoxels).toBeGreaterThan(0);
    const split = await roundTrip({ kind: 'splitComponents', segment: String(largest.id) });
    expect(split.entry.segmentsAfter.length).toBeGreaterThanOrEqual(2);
  });

  it('paint with a brush stroke', async () => {
    const target = (await backend.handlers.listSegments({ limit: 5 })).segments[4]!;
    const [z, y, x] = target.bboxStart;
    const painted = await roundTrip({
      kind: 'paint',
      id: String(target.id),
      region: {
        brush: {
          centers: [
            [z, y + 2, x + 2],
            [z, y + 12, x + 12],
          ],
          radius: 3,
          plane: 'xy',
        },
      },
    });
    expect(painted.entry.segmentsAfter).toContain(target.id);
  });

  it('lists the edit log newest first', async () => {
    const page = await call<EditLogPage>(backend, 'listEdits', {});
    expect(page.total).toBe(5);
    expect(page.applied).toBe(5);
    expect(page.entries.map((e) => e.kind)).toEqual(['paint', 'splitComponents', 'erase', 'split', 'merge']);
    expect(page.entries.every((e) => e.user.length > 0 && !Number.isNaN(Date.parse(e.at)))).toBe(true);
  });
});

describe('after closing and reopening the project', () => {
  it('replays the edits, then undoes every one to the original labels and redoes them', async () => {
    await backend.close();
    backend = await openDemo(setup, project);
    const final = states.at(-1)!;
    expect(sameBytes(await corrected(backend), final)).toBe(true);
    await expectIndexMatches(backend, final);
    for (let k = states.length - 2; k >= 0; k--) {
      const outcome = await call<EditOutcome>(backend, 'undo');
      expect(outcome.canRedo).toBe(true);
      expect(sameBytes(await corrected(backend), states[k]!)).toBe(true);
    }
    expect(await call(backend, 'undo')).toBeNull();
    expect(sameBytes(await corrected(backend), base)).toBe(true);
    await expectIndexMatches(backend, base);

    await backend.close();
    backend = await openDemo(setup, project);
    expect(sameBytes(await corrected(backend), base)).toBe(true);
    for (let k = 1; k < states.length; k++) {
      await call(backend, 'redo');
      expect(sameBytes(await corrected(backend), states[k]!)).toBe(true);
    }
    expect(await call(backend, 'redo')).toBeNull();
    await expectIndexMatches(backend, final);
  });

  it('undoes all in one step, to the original labels, then redoes all, with one edited event each', async () => {
    const final = states.at(-1)!;
    const edits = states.length - 1;
    const seen: BackendEvent[] = [];
    const off = backend.onEvent((e) => seen.push(e));
    const undone = await call<EditOutcome>(backend, 'undo', { all: true });
    expect(undone).toMatchObject({ action: 'undo', steps: edits, canUndo: false, canRedo: true });
    expect(undone.entry.seq).toBe(1);
    expect(sameBytes(await corrected(backend), base)).toBe(true);
    await expectIndexMatches(backend, base);
    expect(await call(backend, 'undo', { all: true })).toBeNull();
    // Two steps, then the rest.
    const two = await call<EditOutcome>(backend, 'redo', { steps: 2 });
    expect(two).toMatchObject({ steps: 2, canUndo: true, canRedo: true });
    expect(sameBytes(await corrected(backend), states[2]!)).toBe(true);
    const rest = await call<EditOutcome>(backend, 'redo', { all: true });
    expect(rest).toMatchObject({ action: 'redo', steps: edits - 2, canRedo: false });
    expect(rest.entry.seq).toBe(edits);
    expect(sameBytes(await corrected(backend), final)).toBe(true);
    await expectIndexMatches(backend, final);
    off();
    const edited = seen.filter((e) => e.type === 'edited');
    expect(edited.map((e) => (e.type === 'edited' ? e.outcome.steps : 0))).toEqual([edits, 2, edits - 2]);
    await expect(call(backend, 'undo', { all: true, steps: 2 })).rejects.toThrow(/steps or all/);
    await expect(call(backend, 'undo', { steps: 0 })).rejects.toThrow();
  });

  it('a new edit after undos drops the redo branch, which stays in the file marked', async () => {
    await call(backend, 'undo');
    await call(backend, 'undo');
    const fragment = errorsOf('fragment')[1]!;
    const [piece, host] = fragment.seeds.map((s) => s.segmentId) as [string, string];
    const outcome = await edit(backend, { kind: 'merge', target: host, source: piece });
    expect(outcome.canRedo).toBe(false);
    expect(outcome.entry.seq).toBe(6);
    const page = await call<EditLogPage>(backend, 'listEdits', {});
    expect(page.entries.map((e) => e.seq)).toEqual([6, 3, 2, 1]);
    const db = backend.current.project.db;
    const statuses = db.prepare('SELECT seq, status FROM edits ORDER BY seq').all();
    expect(statuses).toEqual([
      { seq: 1, status: 'applied' },
      { seq: 2, status: 'applied' },
      { seq: 3, status: 'applied' },
      { seq: 4, status: 'discarded' },
      { seq: 5, status: 'discarded' },
      { seq: 6, status: 'applied' },
    ]);
    const actions = db.prepare('SELECT action, seq FROM edit_actions ORDER BY id').all() as {
      action: string;
    }[];
    expect(actions.filter((a) => a.action === 'undo')).toHaveLength(5 + 5 + 5 + 2);
  });
});

describe('meshes follow the corrected segmentation', () => {
  it('re-meshes only the segments an edit changed', async () => {
    const segments = (await backend.handlers.listSegments({ limit: 20 })).segments;
    const fragment = errorsOf('fragment')[2]!;
    const [piece, host] = fragment.seeds.map((s) => BigInt(s.segmentId)) as [bigint, bigint];
    const other = segments.find((s) => s.id !== piece && s.id !== host)!;
    const mesh = (id: bigint) => call<MeshData>(backend, 'getMesh', { id: String(id) });
    const otherBefore = await mesh(other.id);
    const hostBefore = await mesh(host);
    await edit(backend, { kind: 'merge', target: String(host), source: String(piece) });
    expect((await mesh(other.id)).positions).toBe(otherBefore.positions);
    const hostAfter = await mesh(host);
    expect(hostAfter.positions).not.toBe(hostBefore.positions);
    expect(hostAfter.indices.length).not.toBe(hostBefore.indices.length);
    await expect(mesh(piece)).rejects.toThrow(/does not exist/);
  });
});
