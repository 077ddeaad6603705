import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../shared/edit/commands';
import { memoryReader } from '../../../shared/edit/memoryReader';
import { splitPreview } from '../../../shared/edit/split';
import { applyDelta, createEditState, readCorrected } from '../../../shared/edit/state';
import { EditError } from '../../../shared/edit/types';
import { SIDE_SINK, SIDE_SOURCE } from '../../../shared/edit/watershed';
import type { Box3, Vec3 } from '../../../shared/volume/types';
import { differences, errorCode, sameBytes } from './editTestUtils';
import { twoTouchingTubes } from './syntheticVolumes';

const tubes = twoTouchingTubes({ shape: [20, 44, 96], radius: 7, resolution: [12, 8, 8], blobIds: [3n, 4n] });
const reader = memoryReader({
  shape: tubes.shape,
  resolution: tubes.resolution,
  labels: tubes.segmentation,
  image: tubes.image,
});
const whole: Box3 = { start: [0, 0, 0], size: tubes.shape };

/** Fraction of each ground-truth tube's voxels whose corrected label is that tube's majority. */
function separation(
  labels: BigUint64Array,
  gt: BigUint64Array,
): { a: number; b: number; idA: bigint; idB: bigint } {
  const count = (tube: bigint): Map<bigint, number> => {
    const m = new Map<bigint, number>();
    for (let i = 0; i < gt.length; i++) if (gt[i] === tube) m.set(labels[i]!, (m.get(labels[i]!) ?? 0) + 1);
    return m;
  };
  const best = (m: Map<bigint, number>): [bigint, number] => {
    const total = [...m.values()].reduce((s, v) => s + v, 0);
    const [id, n] = [...m.entries()].sort((p, q) => q[1] - p[1])[0]!;
    return [id, n / total];
  };
  const [idA, a] = best(count(1n));
  const [idB, b] = best(count(2n));
  return { a, b, idA, idB };
}

describe('split along membranes', () => {
  it('separates two touching tubes fused into one segment', () => {
    const state = createEditState(reader);
    const { state: after, summary } = applyCommand(state, reader, {
      kind: 'split',
      segment: tubes.fusedId,
      sources: tubes.seedsA,
      sinks: tubes.seedsB,
    });
    const labels = readCorrected(after, reader, whole);
    const s = separation(labels, tubes.groundTruth);
    expect(s.idA).toBe(tubes.fusedId);
    expect(s.idB).toBe(reader.maxId + 1n);
    expect(s.a).toBeGreaterThan(0.95);
    expect(s.b).toBeGreaterThan(0.95);
    expect(summary.newIds).toEqual([reader.maxId + 1n]);
    expect(after.nextId).toBe(reader.maxId + 2n);
    // Nothing outside the fused segment moved.
    const moved = differences(labels, tubes.segmentation).filter(
      (i) => tubes.segmentation[i] !== tubes.fusedId,
    );
    expect(moved).toEqual([]);
  });

  it('works with one seed per side in the middle of the touching stretch', () => {
    const mid = Math.floor(tubes.shape[2] / 2);
    const sources: Vec3[] = [[tubes.seedsA[0]![0], tubes.seedsA[0]![1], mid]];
    const sinks: Vec3[] = [[tubes.seedsB[0]![0], tubes.seedsB[0]![1] - 6, mid]];
    const state = createEditState(reader);
    const { state: after } = applyCommand(state, reader, {
      kind: 'split',
      segment: tubes.fusedId,
      sources,
      sinks,
    });
    const s = separation(readCorrected(after, reader, whole), tubes.groundTruth);
    expect(Math.min(s.a, s.b)).toBeGreaterThan(0.95);
  });

  it('previews without changing the state, matching what the split then does', () => {
    const state = createEditState(reader);
    const params = { segment: tubes.fusedId, sources: tubes.seedsA, sinks: tubes.seedsB };
    const preview = splitPreview(state, reader, params);
    expect(state.overrides.size).toBe(0);
    const segmentVoxels = tubes.segmentation.filter((v) => v === tubes.fusedId).length;
    expect(preview.sourceVoxels + preview.sinkVoxels + preview.unreachedVoxels).toBe(segmentVoxels);
    expect(preview.unreachedVoxels).toBe(0);
    const { state: after } = applyCommand(state, reader, { kind: 'split', ...params });
    const labels = readCorrected(after, reader, preview.box);
    let wrong = 0;
    for (let i = 0; i < labels.length; i++) {
      if (preview.sides[i] === SIDE_SINK && labels[i] !== reader.maxId + 1n) wrong++;
      if (preview.sides[i] === SIDE_SOURCE && labels[i] !== tubes.fusedId) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it('splits inside a given box only', () => {
    const box: Box3 = { start: [0, 0, 30], size: [20, 44, 36] };
    const inBox = (v: Vec3): Vec3 => [v[0], v[1], 40];
    const state = createEditState(reader);
    const { state: after } = applyCommand(state, reader, {
      kind: 'split',
      segment: tubes.fusedId,
      sources: [inBox(tubes.seedsA[0]!)],
      sinks: [[tubes.seedsB[0]![0], tubes.seedsB[0]![1] - 6, 40]],
      box,
    });
    const labels = readCorrected(after, reader, whole);
    const changedX = differences(labels, tubes.segmentation).map((i) => i % tubes.shape[2]);
    expect(changedX.length).toBeGreaterThan(0);
    expect(Math.min(...changedX)).toBeGreaterThanOrEqual(30);
    expect(Math.max(...changedX)).toBeLessThan(66);
    expect(labels.some((v) => v === reader.maxId + 1n)).toBe(true);
  });

  it('follows geometry alone when there is no image', () => {
    const plain = memoryReader({
      shape: tubes.shape,
      resolution: tubes.resolution,
      labels: tubes.segmentation,
    });
    const preview = splitPreview(createEditState(plain), plain, {
      segment: tubes.fusedId,
      sources: tubes.seedsA,
      sinks: tubes.seedsB,
    });
    expect(preview.sourceVoxels).toBeGreaterThan(0);
    expect(preview.sinkVoxels).toBeGreaterThan(0);
  });

  it('undo of a split restores the labels byte for byte', () => {
    const state = createEditState(reader);
    const before = readCorrected(state, reader, whole);
    const r = applyCommand(state, reader, {
      kind: 'split',
      segment: tubes.fusedId,
      sources: tubes.seedsA,
      sinks: tubes.seedsB,
    });
    const undone = applyDelta(r.state, r.inverse);
    expect(sameBytes(readCorrected(undone, reader, whole), before)).toBe(true);
    expect(undone.nextId).toBe(state.nextId);
    expect(undone.overrides.size).toBe(0);
  });

  it('names a seed that lies outside the segment and leaves the state alone', () => {
    const state = createEditState(reader);
    const bad: Vec3 = [0, 0, 0];
    const run = (): unknown =>
      applyCommand(state, reader, {
        kind: 'split',
        segment: tubes.fusedId,
        sources: tubes.seedsA,
        sinks: [tubes.seedsB[0]!, bad],
      });
    expect(run).toThrow(EditError);
    expect(run).toThrow(/sink seed 1 at \(0, 0, 0\) zyx lies in background, not in segment 7/);
    expect(state.overrides.size).toBe(0);
    expect(state.nextId).toBe(reader.maxId + 1n);
  });

  it('rejects seeds on one side only, the same voxel on both sides, and unknown segments', () => {
    const state = createEditState(reader);
    const split = (sources: Vec3[], sinks: Vec3[], segment = tubes.fusedId): unknown =>
      applyCommand(state, reader, { kind: 'split', segment, sources, sinks });
    expect(() => split(tubes.seedsA, [])).toThrow(/at least one source and one sink/);
    expect(() => split(tubes.seedsA, [tubes.seedsA[0]!])).toThrow(/sink seed 0 is also a source seed/);
    expect(() => split(tubes.seedsA, tubes.seedsB, 123456n)).toThrow(/segment 123456 does not exist/);
    expect(errorCode(() => split(tubes.seedsA, [[5, 5, 500]]))).toBe('seed-outside');
    expect(() => split(tubes.seedsA, [[5, 5, 500]])).toThrow(
      /sink seed 0 at \(5, 5, 500\) zyx is outside the volume/,
    );
    expect(errorCode(() => split(tubes.seedsA, tubes.seedsB, 0n))).toBe('unknown-id');
  });
});
