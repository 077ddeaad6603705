import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../shared/edit/commands';
import { connectedComponents } from '../../../shared/edit/components';
import { stateToJson } from '../../../shared/edit/json';
import { memoryReader } from '../../../shared/edit/memoryReader';
import { applyDelta, createEditState, readCorrected } from '../../../shared/edit/state';
import type { Box3, Vec3 } from '../../../shared/volume/types';
import { errorCode, sameBytes } from './editTestUtils';
import { rng } from './syntheticVolumes';

/** Component sizes (sorted, largest first) from scikit-image's (or scipy's) 6-connected labelling. */
function skimageSizes(shape: Vec3, mask: Uint8Array): number[] {
  const script = [
    'import sys, numpy as np',
    'try:',
    '  from skimage.measure import label',
    '  l = lambda m: label(m, connectivity=1)',
    'except ImportError:',
    '  from scipy import ndimage',
    '  l = lambda m: ndimage.label(m, ndimage.generate_binary_structure(3, 1))[0]',
    `m = np.frombuffer(sys.stdin.buffer.read(), np.uint8).reshape(${shape.join(',')})`,
    'print(" ".join(map(str, sorted(np.bincount(l(m).ravel())[1:].tolist(), reverse=True))))',
  ].join('\n');
  const out = execFileSync('python3', ['-c', script], { input: Buffer.from(mask.buffer) })
    .toString()
    .trim();
  return out === '' ? [] : out.split(' ').map(Number);
}

/** Random speckle: a segment whose pieces touch diagonally (not 6-connected) as well as by faces. */
function speckle(shape: Vec3, seed: number, density: number): BigUint64Array {
  const random = rng(seed);
  return BigUint64Array.from({ length: shape[0] * shape[1] * shape[2] }, () =>
    random() < density ? 6n : 2n,
  );
}

describe('connected components', () => {
  it('matches a Python labelling (scikit-image or scipy) on random speckle', () => {
    const shape: Vec3 = [9, 17, 23];
    const labels = speckle(shape, 3, 0.3);
    const mask = labels.map((v) => (v === 6n ? 1n : 0n));
    const m = Uint8Array.from(mask, (v) => Number(v));
    const ours = [...connectedComponents(shape, m).sizes].sort((a, b) => b - a);
    expect(ours).toEqual(skimageSizes(shape, m));
    expect(ours.length).toBeGreaterThan(10);
  });

  it('splitComponents gives every piece but the largest a new id, and undoes exactly', () => {
    const shape: Vec3 = [9, 17, 23];
    const labels = speckle(shape, 5, 0.3);
    const reader = memoryReader({ shape, resolution: [8, 8, 8], labels });
    const state = createEditState(reader, [4, 8, 8]);
    const whole: Box3 = { start: [0, 0, 0], size: shape };
    const before = readCorrected(state, reader, whole);
    const r = applyCommand(state, reader, { kind: 'splitComponents', segment: 6n });
    const after = readCorrected(r.state, reader, whole);
    const sizes = new Map<bigint, number>();
    for (const v of after) if (v !== 2n) sizes.set(v, (sizes.get(v) ?? 0) + 1);
    const expected = skimageSizes(
      shape,
      Uint8Array.from(labels, (v) => (v === 6n ? 1 : 0)),
    );
    expect([...sizes.values()].sort((a, b) => b - a)).toEqual(expected);
    expect(sizes.get(6n)).toBe(expected[0]);
    expect(r.summary.newIds.length).toBe(expected.length - 1);
    expect(r.state.nextId).toBe(7n + BigInt(expected.length - 1));
    // Each new id is one 6-connected piece.
    for (const id of r.summary.newIds) {
      const piece = Uint8Array.from(after, (v) => (v === id ? 1 : 0));
      expect(connectedComponents(shape, piece).sizes.length).toBe(1);
    }
    const undone = applyDelta(r.state, r.inverse);
    expect(sameBytes(readCorrected(undone, reader, whole), before)).toBe(true);
    expect(stateToJson(undone)).toEqual(stateToJson(state));
  });

  it('refuses to split a segment that is one piece', () => {
    const shape: Vec3 = [4, 4, 4];
    const labels = new BigUint64Array(64).fill(1n);
    const reader = memoryReader({ shape, resolution: [8, 8, 8], labels });
    const state = createEditState(reader);
    expect(errorCode(() => applyCommand(state, reader, { kind: 'splitComponents', segment: 1n }))).toBe(
      'no-change',
    );
  });
});
