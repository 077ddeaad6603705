import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../shared/edit/commands';
import {
  commandFromJson,
  commandToJson,
  deltaFromJson,
  deltaToJson,
  stateFromJson,
  stateToJson,
} from '../../../shared/edit/json';
import { memoryReader } from '../../../shared/edit/memoryReader';
import { applyDelta, createEditState, readCorrected } from '../../../shared/edit/state';
import type { EditCommand } from '../../../shared/edit/types';
import type { Box3 } from '../../../shared/volume/types';
import { errorCode, sameBytes } from './editTestUtils';
import { twoTouchingTubes } from './syntheticVolumes';

const tubes = twoTouchingTubes({ shape: [12, 36, 48], radius: 5, blobIds: [3n, 2n ** 63n + 1n] });
const reader = memoryReader({ ...tubes, labels: tubes.segmentation });
const whole: Box3 = { start: [0, 0, 0], size: tubes.shape };

const commands: EditCommand[] = [
  {
    kind: 'split',
    segment: tubes.fusedId,
    sources: tubes.seedsA,
    sinks: tubes.seedsB,
    box: { start: [0, 0, 0], size: [12, 36, 48] },
  },
  { kind: 'merge', target: 2n ** 63n + 1n, source: 3n },
  { kind: 'splitComponents', segment: 7n },
  {
    kind: 'paint',
    id: 'new',
    region: {
      brush: {
        centers: [
          [5, 5, 5],
          [6, 9, 9],
        ],
        radius: 2.5,
        plane: 'xz',
      },
    },
    onlyOver: 0n,
  },
  {
    kind: 'paint',
    id: 2n ** 63n + 1n,
    region: {
      voxels: [
        [1, 2, 3],
        [1, 2, 4],
      ],
    },
  },
  { kind: 'erase', region: { voxels: [[6, 18, 24]] }, onlyOver: 7n },
];

describe('JSON forms', () => {
  it.each(commands.map((c) => [c.kind, c] as const))('%s commands survive JSON', (_, command) => {
    const text = JSON.stringify(commandToJson(command));
    expect(commandFromJson(JSON.parse(text))).toEqual(command);
  });

  it('deltas and states survive JSON and replay exactly', () => {
    let state = createEditState(reader, [8, 16, 16]);
    for (const command of commands) {
      let r;
      try {
        r = applyCommand(state, reader, command);
      } catch {
        continue; // e.g. a segment already in one piece
      }
      const delta = deltaFromJson(JSON.parse(JSON.stringify(deltaToJson(r.delta))));
      const replayed = applyDelta(state, delta);
      expect(stateToJson(replayed)).toEqual(stateToJson(r.state));
      state = r.state;
    }
    expect(state.overrides.size).toBeGreaterThan(0);
    const restored = stateFromJson(JSON.parse(JSON.stringify(stateToJson(state))));
    expect(sameBytes(readCorrected(restored, reader, whole), readCorrected(state, reader, whole))).toBe(true);
    expect(restored.nextId).toBe(state.nextId);
  });

  it('rejects malformed JSON with a bad-input EditError', () => {
    expect(errorCode(() => commandFromJson({ kind: 'merge', target: 3, source: '4' }))).toBe('bad-input');
    expect(errorCode(() => commandFromJson({ kind: 'explode' }))).toBe('bad-input');
    expect(() => commandFromJson({ kind: 'split', segment: '7', sources: [[1, 2]], sinks: [] })).toThrow(
      /bad edit command JSON/,
    );
    const delta = deltaToJson(applyCommand(createEditState(reader), reader, commands[4]!).delta);
    const broken = {
      ...delta,
      voxels: delta.voxels.map((c) => ({ ...c, after: { ids: ['5'], runs: [0, 99] } })),
    };
    expect(errorCode(() => deltaFromJson(broken))).toBe('bad-input');
  });
});
