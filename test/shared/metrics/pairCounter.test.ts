import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairCounter } from '../../../shared/metrics/pairCounter';

describe('PairCounter', () => {
  it('counts like a Map of pairs, in order of first appearance, across many growths', () => {
    const pair = fc.tuple(
      fc.integer({ min: 0, max: 40 }),
      fc.oneof(fc.nat({ max: 5 }), fc.nat({ max: 0xffffffff })),
      fc.integer({ min: 1, max: 9 }),
    );
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 400 }), (adds) => {
        const counter = new PairCounter(1);
        const expected = new Map<string, number>();
        for (const [a, b, n] of adds) {
          counter.add(a, b, n);
          expected.set(`${a}:${b}`, (expected.get(`${a}:${b}`) ?? 0) + n);
        }
        const { a, b, count } = counter.entries();
        const got = Array.from(count, (n, e) => [`${a[e]}:${b[e]}`, n] as const);
        expect(got).toEqual([...expected]);
        expect(counter.size).toBe(expected.size);
      }),
    );
  });

  it('counts runs of voxel pairs like a voxel-by-voxel count, block after block, skipping a = 0', () => {
    const value = fc.oneof(
      fc.constant(0),
      fc.integer({ min: 1, max: 4 }),
      fc.constantFrom(2 ** 31, 2 ** 32 - 1),
    );
    const run = fc.tuple(value, value, fc.integer({ min: 1, max: 11 }));
    const block = fc.array(run, { maxLength: 30 }).map((runs) => ({
      a: Uint32Array.from(runs.flatMap(([a, , n]) => Array<number>(n).fill(a))),
      b: Uint32Array.from(runs.flatMap(([, b, n]) => Array<number>(n).fill(b))),
    }));
    fc.assert(
      fc.property(fc.array(block, { maxLength: 4 }), (blocks) => {
        const counter = new PairCounter(1);
        const expected = new Map<string, number>();
        for (const { a, b } of blocks) {
          counter.addRuns(a, b);
          a.forEach((x, i) => {
            if (x !== 0) expected.set(`${x}:${b[i]}`, (expected.get(`${x}:${b[i]}`) ?? 0) + 1);
          });
        }
        const { a, b, count } = counter.entries();
        expect(Array.from(count, (n, e) => [`${a[e]}:${b[e]}`, n] as const)).toEqual([...expected]);
      }),
      { numRuns: 300 },
    );
  });
});
