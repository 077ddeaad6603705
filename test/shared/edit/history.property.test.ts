import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../shared/edit/commands';
import { type EditHistory, createHistory, perform, redo, undo } from '../../../shared/edit/history';
import { stateToJson } from '../../../shared/edit/json';
import { memoryReader } from '../../../shared/edit/memoryReader';
import { createEditState, readCorrected } from '../../../shared/edit/state';
import { type EditCommand, EditError } from '../../../shared/edit/types';
import type { Box3, Vec3 } from '../../../shared/volume/types';
import { sameBytes } from './editTestUtils';
import { blobVolume } from './syntheticVolumes';

const shape: Vec3 = [10, 14, 18];
const vol = blobVolume(shape, 4);
const reader = memoryReader({ ...vol, resolution: [16, 8, 8] });
const whole: Box3 = { start: [0, 0, 0], size: shape };
const n = shape[0] * shape[1] * shape[2];
const voxelOf = (i: number): Vec3 => [
  Math.floor(i / (shape[1] * shape[2])),
  Math.floor(i / shape[2]) % shape[1],
  i % shape[2],
];

type Action =
  | { type: 'merge'; a: number; b: number }
  | { type: 'split'; a: number; b: number }
  | { type: 'components'; a: number }
  | {
      type: 'paint';
      a: number;
      b: number;
      radius: number;
      plane: 'xy' | 'xz' | 'yz' | 'ball';
      fresh: boolean;
    }
  | { type: 'erase'; a: number; radius: number }
  | { type: 'undo' }
  | { type: 'redo' };

const voxel = fc.nat({ max: n - 1 });
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ type: fc.constant('merge' as const), a: voxel, b: voxel }),
  fc.record({ type: fc.constant('split' as const), a: voxel, b: fc.nat() }),
  fc.record({ type: fc.constant('components' as const), a: voxel }),
  fc.record({
    type: fc.constant('paint' as const),
    a: voxel,
    b: voxel,
    radius: fc.integer({ min: 0, max: 3 }),
    plane: fc.constantFrom('xy' as const, 'xz' as const, 'yz' as const, 'ball' as const),
    fresh: fc.boolean(),
  }),
  fc.record({ type: fc.constant('erase' as const), a: voxel, radius: fc.integer({ min: 0, max: 2 }) }),
  fc.constant({ type: 'undo' as const }),
  fc.constant({ type: 'redo' as const }),
);

/** The k-th (mod count) voxel labelled `id`, or undefined when there is none. */
function nth(labels: BigUint64Array, k: number, keep: (id: bigint) => boolean): number | undefined {
  const members: number[] = [];
  labels.forEach((v, i) => keep(v) && members.push(i));
  return members.length === 0 ? undefined : members[k % members.length];
}

/** Turn an abstract action into a command on the current labels (mostly on real segments). */
function toCommand(action: Action, labels: BigUint64Array): EditCommand | undefined {
  // Mostly pick segment voxels, so that few edits are refused for touching background.
  const a =
    action.type === 'undo' || action.type === 'redo'
      ? 0
      : (nth(labels, action.a, (v) => v !== 0n) ?? action.a);
  switch (action.type) {
    case 'merge':
      return {
        kind: 'merge',
        target: labels[a]!,
        source: labels[nth(labels, action.b, (v) => v !== 0n) ?? action.b]!,
      };
    case 'split': {
      const segment = labels[a]!;
      const sink = nth(labels, action.b, (v) => v === segment)!;
      return { kind: 'split', segment, sources: [voxelOf(a)], sinks: [voxelOf(sink)] };
    }
    case 'components':
      return { kind: 'splitComponents', segment: labels[a]! };
    case 'paint': {
      const brush = { centers: [voxelOf(action.a)], radius: action.radius, plane: action.plane };
      return { kind: 'paint', id: action.fresh ? 'new' : labels[action.b]!, region: { brush } };
    }
    case 'erase':
      return {
        kind: 'erase',
        region: { brush: { centers: [voxelOf(action.a)], radius: action.radius, plane: 'ball' } },
      };
    default:
      return undefined;
  }
}

function step(history: EditHistory, action: Action): EditHistory {
  if (action.type === 'undo') return undo(history)?.history ?? history;
  if (action.type === 'redo') return redo(history)?.history ?? history;
  const command = toCommand(action, readCorrected(history.state, reader, whole));
  if (!command) return history;
  const before = stateToJson(history.state);
  try {
    return perform(history, reader, command).history;
  } catch (e) {
    // Refused edits (merge with itself or background, seed clash, nothing to change...) are
    // EditErrors and leave the state as it was.
    expect(e).toBeInstanceOf(EditError);
    expect(stateToJson(history.state)).toEqual(before);
    return history;
  }
}

describe('edit history (property-based)', () => {
  it('any mix of edits, undo and redo equals replaying the edits still applied', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 14 }), (actions) => {
        const initial = createEditState(reader, [4, 8, 8]);
        const history = actions.reduce(step, createHistory(initial));
        const replayed = history.done.reduce((s, e) => applyCommand(s, reader, e.command).state, initial);
        expect(stateToJson(replayed)).toEqual(stateToJson(history.state));
        expect(
          sameBytes(readCorrected(replayed, reader, whole), readCorrected(history.state, reader, whole)),
        ).toBe(true);
        // Undoing everything gives the untouched volume back.
        let all = history;
        for (let u = undo(all); u; u = undo(all)) all = u.history;
        expect(stateToJson(all.state)).toEqual(stateToJson(initial));
      }),
      { numRuns: 60 },
    );
  });
});
