import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../shared/edit/commands';
import { stateToJson } from '../../../shared/edit/json';
import { memoryReader } from '../../../shared/edit/memoryReader';
import { applyDelta, createEditState, readCorrected } from '../../../shared/edit/state';
import type { EditCommand, EditState } from '../../../shared/edit/types';
import type { Box3, Vec3 } from '../../../shared/volume/types';
import { differences, errorCode, sameBytes } from './editTestUtils';
import { blobVolume } from './syntheticVolumes';

const big = 2n ** 60n + 11n;
const vol = blobVolume([20, 30, 40], 7);
const reader = memoryReader({ ...vol, resolution: [30, 8, 8] });
const whole: Box3 = { start: [0, 0, 0], size: vol.shape };
const fresh = (): EditState => createEditState(reader, [8, 8, 8]);
const at = (z: number, y: number, x: number): number => (z * 30 + y) * 40 + x;

/** Apply, check the inverse restores the corrected volume and the state exactly, return after. */
function roundTrip(state: EditState, command: EditCommand): BigUint64Array {
  const before = readCorrected(state, reader, whole);
  const result = applyCommand(state, reader, command);
  const after = readCorrected(result.state, reader, whole);
  const undone = applyDelta(result.state, result.inverse);
  expect(sameBytes(readCorrected(undone, reader, whole), before)).toBe(true);
  expect(stateToJson(undone)).toEqual(stateToJson(state));
  const redone = applyDelta(undone, result.delta);
  expect(sameBytes(readCorrected(redone, reader, whole), after)).toBe(true);
  return after;
}

describe('edit commands', () => {
  it('starts with ids above the largest base id, 64-bit ids included', () => {
    expect(reader.maxId).toBe(big);
    expect(fresh().nextId).toBe(big + 1n);
  });

  it('merge relabels every voxel of the source and undoes exactly', () => {
    const after = roundTrip(fresh(), { kind: 'merge', target: 3n, source: big });
    const expected = vol.labels.map((v) => (v === big ? 3n : v));
    expect(differences(after, expected)).toEqual([]);
  });

  it('merges chain: a merged group merged again keeps one representative', () => {
    let state = fresh();
    state = applyCommand(state, reader, { kind: 'merge', target: 5n, source: 9n }).state;
    state = applyCommand(state, reader, { kind: 'merge', target: 3n, source: 9n }).state;
    const after = roundTrip(state, { kind: 'merge', target: big, source: 40n });
    const expected = vol.labels.map((v) => (v === 5n || v === 9n ? 3n : v === 40n ? big : v));
    expect(differences(after, expected)).toEqual([]);
    expect(state.merges.get(9n)).toBe(3n);
    expect(state.merges.get(5n)).toBe(3n);
  });

  it('paints a brush stroke across chunk borders and undoes exactly', () => {
    const stroke = {
      centers: [
        [10, 15, 6],
        [10, 15, 20],
      ] as Vec3[],
      radius: 3,
      plane: 'xy' as const,
    };
    const after = roundTrip(fresh(), { kind: 'paint', id: 5n, region: { brush: stroke } });
    expect(after[at(10, 15, 6)]).toBe(5n);
    expect(after[at(10, 18, 12)]).toBe(5n);
    expect(after[at(11, 15, 12)]).toBe(vol.labels[at(11, 15, 12)]);
    const changed = differences(after, vol.labels);
    expect(changed.every((i) => Math.floor(i / (30 * 40)) === 10)).toBe(true);
  });

  it('paints a new segment, a ball, and voxels only over one segment', () => {
    const state = fresh();
    const r = applyCommand(state, reader, { kind: 'paint', id: 'new', region: { voxels: [[1, 2, 3]] } });
    expect(r.summary.newIds).toEqual([big + 1n]);
    expect(readCorrected(r.state, reader, { start: [1, 2, 3], size: [1, 1, 1] })[0]).toBe(big + 1n);
    roundTrip(state, {
      kind: 'paint',
      id: 'new',
      region: { brush: { centers: [[5, 5, 5]], radius: 2, plane: 'ball' } },
    });
    const over = vol.labels[at(10, 15, 20)]!;
    const after = roundTrip(state, {
      kind: 'paint',
      id: 9n,
      region: { brush: { centers: [[10, 15, 20]], radius: 6, plane: 'ball' } },
      onlyOver: over,
    });
    const changed = differences(after, vol.labels);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((i) => vol.labels[i] === over && after[i] === 9n)).toBe(true);
  });

  it('erases to background like a paint of 0', () => {
    const i = vol.labels.indexOf(3n);
    const c: Vec3 = [Math.floor(i / 1200), Math.floor(i / 40) % 30, i % 40];
    const after = roundTrip(fresh(), {
      kind: 'erase',
      region: { brush: { centers: [c], radius: 4, plane: 'yz' } },
    });
    expect(after[i]).toBe(0n);
    const changed = differences(after, vol.labels);
    expect(changed.length).toBeGreaterThan(10);
    expect(changed.every((k) => after[k] === 0n && k % 40 === c[2])).toBe(true);
  });

  it('painting the base id back removes the override', () => {
    const i = vol.labels.indexOf(3n);
    const voxel: Vec3 = [Math.floor(i / 1200), Math.floor(i / 40) % 30, i % 40];
    const painted = applyCommand(fresh(), reader, { kind: 'paint', id: 40n, region: { voxels: [voxel] } });
    expect(painted.state.overrides.size).toBe(1);
    const back = applyCommand(painted.state, reader, { kind: 'paint', id: 3n, region: { voxels: [voxel] } });
    expect(back.state.overrides.size).toBe(0);
    expect(back.summary.changedVoxels).toBe(1);
  });

  it('edits on top of edits undo one at a time', () => {
    let state = fresh();
    const snapshots = [readCorrected(state, reader, whole)];
    const commands: EditCommand[] = [
      { kind: 'merge', target: 3n, source: 5n },
      { kind: 'paint', id: 5n, region: { brush: { centers: [[8, 8, 8]], radius: 5, plane: 'ball' } } },
      { kind: 'erase', region: { brush: { centers: [[8, 8, 8]], radius: 2, plane: 'ball' } } },
      { kind: 'merge', target: big, source: 3n },
    ];
    const inverses = [];
    for (const c of commands) {
      const r = applyCommand(state, reader, c);
      state = r.state;
      inverses.push(r.inverse);
      snapshots.push(readCorrected(state, reader, whole));
    }
    for (let k = commands.length - 1; k >= 0; k--) {
      state = applyDelta(state, inverses[k]!);
      expect(sameBytes(readCorrected(state, reader, whole), snapshots[k]!)).toBe(true);
    }
    expect(stateToJson(state)).toEqual(stateToJson(fresh()));
  });
});

describe('bad edits', () => {
  const state = fresh();
  const unchanged = stateToJson(state);
  const cases: [string, EditCommand, string, RegExp][] = [
    ['merge with itself', { kind: 'merge', target: 3n, source: 3n }, 'same-segment', /already one segment/],
    [
      'merge of an unknown id',
      { kind: 'merge', target: 3n, source: 4n },
      'unknown-id',
      /merge source 4 does not exist/,
    ],
    [
      'merge of an id above the allocated ones',
      { kind: 'merge', target: big + 5n, source: 3n },
      'unknown-id',
      /does not exist/,
    ],
    ['merge with background', { kind: 'merge', target: 0n, source: 3n }, 'bad-input', /background/],
    [
      'paint with an unknown id',
      { kind: 'paint', id: 77n, region: { voxels: [[0, 0, 0]] } },
      'unknown-id',
      /paint id 77/,
    ],
    [
      'paint outside the volume',
      { kind: 'paint', id: 3n, region: { voxels: [[0, 0, 40]] } },
      'bad-input',
      /voxel 0 at \(0, 0, 40\) zyx is outside/,
    ],
    ['paint an empty region', { kind: 'paint', id: 3n, region: { voxels: [] } }, 'bad-input', /no voxels/],
    [
      'brush with a negative radius',
      { kind: 'erase', region: { brush: { centers: [[1, 1, 1]], radius: -1, plane: 'xy' } } },
      'bad-input',
      /radius/,
    ],
    [
      'components of an unknown segment',
      { kind: 'splitComponents', segment: 4n },
      'unknown-id',
      /segment 4 does not exist/,
    ],
  ];
  it.each(cases)('%s throws a clear EditError and changes nothing', (_, command, code, message) => {
    expect(errorCode(() => applyCommand(state, reader, command))).toBe(code);
    expect(() => applyCommand(state, reader, command)).toThrow(message);
    expect(stateToJson(state)).toEqual(unchanged);
  });

  it('merging two already merged segments is refused after resolution', () => {
    const merged = applyCommand(state, reader, { kind: 'merge', target: 3n, source: 5n }).state;
    expect(errorCode(() => applyCommand(merged, reader, { kind: 'merge', target: 5n, source: 3n }))).toBe(
      'same-segment',
    );
  });

  it('refuses a paint that changes nothing', () => {
    const painted = applyCommand(state, reader, {
      kind: 'paint',
      id: 9n,
      region: { voxels: [[0, 0, 0]] },
    }).state;
    const run = (): unknown =>
      applyCommand(painted, reader, { kind: 'paint', id: 9n, region: { voxels: [[0, 0, 0]] } });
    expect(errorCode(run)).toBe('no-change');
  });

  it('refuses a delta that does not fit the state', () => {
    const r = applyCommand(state, reader, { kind: 'paint', id: 3n, region: { voxels: [[1, 1, 1]] } });
    expect(errorCode(() => applyDelta(r.state, r.delta))).toBe('stale-delta');
    expect(errorCode(() => applyDelta(state, r.inverse))).toBe('stale-delta');
  });
});
