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
});
