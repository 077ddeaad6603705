/**
 * The live metrics' incremental counting against a full recompute with shared/metrics, on the
 * demo volume, driving the edit model (shared/edit) directly: after every edit, undo and redo,
 * each number equals what a whole-volume computation on the corrected segmentation gives.
 */
import { describe, expect, it } from 'vitest';
import { overrideChanges, changeBox } from '../../../electron/services/metrics/overrideDiff';
import { LiveTables } from '../../../electron/services/metrics/liveTables';
import { nodeVoxels } from '../../../electron/services/metrics/groundTruth';
import { rawLabels } from '../../../electron/services/metrics/fullPass';
import { computeScores, type Scores } from '../../../electron/services/metrics/scores';
import { generateDemo } from '../../../shared/demo/generateDemo';
import { applyCommand } from '../../../shared/edit/commands';
import { memoryReader } from '../../../shared/edit/memoryReader';
import { applyDelta, createEditState, readCorrected } from '../../../shared/edit/state';
import type { EditState } from '../../../shared/edit/types';
import { demoProofreading, fullScores } from './liveMetricsKit';
import { copyBox } from '../../../shared/volume/box';
import { boxVoxels, type Box3, type Vec3 } from '../../../shared/volume/types';

const demo = generateDemo();
const { shape, resolution } = demo;
const whole: Box3 = { start: [0, 0, 0], size: shape };
const reader = memoryReader({ shape, resolution, labels: demo.segmentation, image: demo.image });

function gtBox(box: Box3): BigUint64Array {
  const out = new BigUint64Array(boxVoxels(box));
  copyBox(demo.groundTruth, whole, out, box);
  return out;
}

/** Count the demo into tables in z slabs, as the service's full pass does block by block. */
function countAll(state: EditState): LiveTables {
  const tables = new LiveTables(shape, true, nodeVoxels(demo.skeletons, resolution, shape));
  for (let z = 0; z < shape[0]; z += 24) {
    const box: Box3 = { start: [z, 0, 0], size: [Math.min(24, shape[0] - z), shape[1], shape[2]] };
    const base = reader.readLabels(box);
    tables.addBlock(box, base, rawLabels(base, box, state), gtBox(box));
  }
  return tables;
}

function applyIncrementally(tables: LiveTables, from: EditState, to: EditState): void {
  for (const change of overrideChanges(from, to)) {
    const box = changeBox(change, to.chunkShape);
    tables.applyChange(change, to.chunkShape, box, reader.readLabels(box), gtBox(box));
  }
}

function scoresOf(tables: LiveTables, state: EditState): Scores {
  return computeScores(tables, {
    resolve: (id) => state.merges.get(id) ?? id,
    skeletons: demo.skeletons,
    resolution,
  });
}

/** Every number computed from scratch on the whole corrected volume. */
function fullRecompute(state: EditState) {
  const corrected = readCorrected(state, reader, whole);
  const raw = rawLabels(demo.segmentation, whole, state);
  let voxelsChanged = 0;
  for (let i = 0; i < raw.length; i++) if (raw[i] !== demo.segmentation[i]) voxelsChanged++;
  return { ...fullScores(demo, corrected), voxelsChanged, corrected };
}

function expectEqualToFull(tables: LiveTables, state: EditState): Scores {
  const live = scoresOf(tables, state);
  const full = fullRecompute(state);
  const s = live.scores!;
  expect(s.voi_split).toBeCloseTo(full.voi.voi_split, 10);
  expect(s.voi_merge).toBeCloseTo(full.voi.voi_merge, 10);
  expect(s.rand_split).toBeCloseTo(full.rand.rand_split, 12);
  expect(s.rand_merge).toBeCloseTo(full.rand.rand_merge, 12);
  expect(s.adapted_rand_error).toBeCloseTo(full.rand.adapted_rand_error, 12);
  expect(s.erl).toBeCloseTo(full.erl.erl, 6);
  expect(s.nerl).toBeCloseTo(full.erl.nerl, 12);
  expect(live.change.voi_split).toBeCloseTo(full.change.voi_split, 10);
  expect(live.change.voi_merge).toBeCloseTo(full.change.voi_merge, 10);
  expect(live.change.voxelsChanged).toBe(full.voxelsChanged);
  // Each contributor's voxel lies in what it names.
  const at = (v: Vec3): number => (v[0] * shape[1] + v[1]) * shape[2] + v[2];
  for (const m of live.topMerges) {
    expect(m.id).not.toBe(0n);
    expect(full.corrected[at(m.voxel!)]).toBe(m.id);
  }
  for (const sp of live.topSplits) {
    expect(demo.groundTruth[at(sp.voxel!)]).toBe(sp.id);
    expect(sp.segments).toContain(full.corrected[at(sp.voxel!)]);
    expect(sp.segments).not.toContain(0n);
  }
  return live;
}

describe('live metrics: incremental counts equal a full recompute on the demo', () => {
  it('starts equal to shared/metrics on the unedited demo', () => {
    const state = createEditState(reader);
    const live = expectEqualToFull(countAll(state), state);
    expect(live.change).toEqual({ voi_split: 0, voi_merge: 0, voxelsChanged: 0 });
    expect(live.topSplits.length).toBeGreaterThan(0);
    expect(live.topMerges.length).toBeGreaterThan(0);
  });

  it('follows a proofreading session edit by edit, then every undo and redo', () => {
    let state = createEditState(reader);
    const tables = countAll(state);
    const start = scoresOf(tables, state).scores!;
    const inverses = [];
    const commands = demoProofreading(demo);
    expect(commands.length).toBeGreaterThanOrEqual(6);
    for (const command of commands) {
      const r = applyCommand(state, reader, command);
      applyIncrementally(tables, state, r.state);
      inverses.push(r);
      state = r.state;
      expectEqualToFull(tables, state);
    }
    // Fixing the injected errors moves every score towards the ground truth.
    const end = scoresOf(tables, state).scores!;
    expect(end.voi_split).toBeLessThan(start.voi_split);
    expect(end.voi_merge).toBeLessThan(start.voi_merge);
    expect(end.nerl!).toBeGreaterThan(start.nerl!);
    for (const r of inverses.slice(-3).reverse()) {
      const undone = applyDelta(state, r.inverse);
      applyIncrementally(tables, state, undone);
      state = undone;
      expectEqualToFull(tables, state);
    }
    const last = inverses.at(-3)!;
    const redone = applyDelta(state, last.delta);
    applyIncrementally(tables, state, redone);
    expectEqualToFull(tables, redone);
  }, 120_000);

  it('counts a volume counted after the edits the same as one updated through them', () => {
    let state = createEditState(reader);
    const tables = countAll(state);
    for (const command of demoProofreading(demo).slice(0, 4)) {
      const r = applyCommand(state, reader, command);
      applyIncrementally(tables, state, r.state);
      state = r.state;
    }
    const incremental = scoresOf(tables, state);
    const recounted = scoresOf(countAll(state), state);
    expect(incremental.scores!.voi_split).toBeCloseTo(recounted.scores!.voi_split, 12);
    expect(incremental.scores!.erl).toBeCloseTo(recounted.scores!.erl!, 6);
    expect(incremental.change.voxelsChanged).toBe(recounted.change.voxelsChanged);
  }, 60_000);
});
