import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../shared/edit/commands';
import { stateToJson } from '../../../shared/edit/json';
import { memoryReader } from '../../../shared/edit/memoryReader';
import { applyDelta, createEditState, invertDelta } from '../../../shared/edit/state';
import { type EditCommand, type EditDelta, EditError, type EditState } from '../../../shared/edit/types';
import type { Vec3 } from '../../../shared/volume/types';
import { DeltaApplier } from '../../../electron/services/edits/deltaApplier';

/** 12 x 24 x 24 voxels in blocks of 6^3 with ids 1..32; chunks of 8^3 so edits cross chunks. */
const shape: Vec3 = [12, 24, 24];
const labels = new BigUint64Array(shape[0] * shape[1] * shape[2]);
for (let z = 0, i = 0; z < shape[0]; z++)
  for (let y = 0; y < shape[1]; y++)
    for (let x = 0; x < shape[2]; x++, i++) {
      labels[i] = BigInt(1 + Math.floor(z / 6) * 16 + Math.floor(y / 6) * 4 + Math.floor(x / 6));
    }
const reader = memoryReader({ shape, resolution: [1, 1, 1], labels });

const command = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 32 }), fc.integer({ min: 1, max: 32 }))
    .map(([a, b]): EditCommand => ({ kind: 'merge', target: BigInt(a), source: BigInt(b) })),
  fc
    .tuple(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 23 }))
    .map(([z, y, x]): EditCommand => ({
      kind: 'paint',
      id: 'new',
      region: { brush: { centers: [[z, y, x]], radius: 3, plane: 'ball' } },
    })),
  fc
    .tuple(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 23 }))
    .map(([z, y, x]): EditCommand => ({
      kind: 'erase',
      region: { brush: { centers: [[z, y, x]], radius: 2, plane: 'xy' } },
    })),
);

/** Apply what applies; return the states and deltas. */
function perform(commands: readonly EditCommand[]): { states: EditState[]; deltas: EditDelta[] } {
  let state = createEditState(reader, [8, 8, 8]);
  const states = [state];
  const deltas: EditDelta[] = [];
  for (const c of commands) {
    try {
      const r = applyCommand(state, reader, c);
      state = r.state;
      states.push(state);
      deltas.push(r.delta);
    } catch (error) {
      if (!(error instanceof EditError)) throw error;
    }
  }
  return { states, deltas };
}

const same = (a: EditState, b: EditState) => expect(stateToJson(a)).toEqual(stateToJson(b));

describe('DeltaApplier (replay and multi-step undo/redo)', () => {
  it('gives the same states as applyDelta one by one, forwards and back', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 25 }), (commands) => {
        const { states, deltas } = perform(commands);
        const startJson = stateToJson(states[0]!);
        const forward = new DeltaApplier(states[0]!);
        for (const d of deltas) forward.apply(d);
        same(forward.finish(), states.at(-1)!);
        const back = new DeltaApplier(states.at(-1)!);
        for (const d of [...deltas].reverse()) back.apply(invertDelta(d));
        same(back.finish(), states[0]!);
        // The states it started from are not touched (they are shared with the history).
        expect(stateToJson(states[0]!)).toEqual(startJson);
        if (deltas[0]) same(applyDelta(states[0]!, deltas[0]), states[1]!);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a stale delta as applyDelta does, changing nothing', () => {
    const at = (id: bigint): EditCommand => ({
      kind: 'paint',
      id,
      region: { brush: { centers: [[4, 4, 4]], radius: 2, plane: 'ball' } },
    });
    const { states, deltas } = perform([at(5n), at(6n), { kind: 'merge', target: 1n, source: 2n }]);
    const applier = new DeltaApplier(states[0]!);
    // Painting 6 over 5 expects the 5s to be there.
    expect(() => applier.apply(deltas[1]!)).toThrow(/delta does not apply: voxel/);
    expect(() => applyDelta(states[0]!, deltas[1]!)).toThrow(/delta does not apply: voxel/);
    applier.apply(deltas[0]!);
    applier.apply(deltas[1]!);
    applier.apply(deltas[2]!);
    expect(() => applier.apply(deltas[2]!)).toThrow(/representative of 2 is 1/);
    same(applier.finish(), states[3]!);
  });
});
