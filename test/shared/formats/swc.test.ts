import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SwcParseError,
  parseSwc,
  skeletonIdFromFileName,
  skeletonLength,
  writeSwc,
  type Skeleton,
} from '../../../shared/formats/swc';

const branched: Skeleton = {
  id: 7,
  nodes: [
    { x: 0, y: 0, z: 0, radius: 40, parent: -1 },
    { x: 80, y: 0, z: 0, radius: 40.5, parent: 0 },
    { x: 80, y: 60, z: 0, radius: 32.25, parent: 1 },
    { x: 80, y: 0, z: 90, radius: 24, parent: 1 },
  ],
};

function parseError(text: string): SwcParseError {
  try {
    parseSwc(text, { id: 1, source: 'axon-1.swc' });
  } catch (error) {
    if (error instanceof SwcParseError) return error;
    throw error;
  }
  throw new Error('expected a parse error');
}

describe('SWC', () => {
  it('writes the standard 7 columns with 1-based node numbers and -1 for the root', () => {
    const lines = writeSwc(branched)
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(lines).toEqual([
      '1 2 0 0 0 40 -1',
      '2 2 80 0 0 40.5 1',
      '3 2 80 60 0 32.25 2',
      '4 2 80 0 90 24 2',
    ]);
  });

  it('reads back what it writes, including branches and comments', () => {
    const text = writeSwc(branched, { comments: ['traced by hand'] });
    expect(text.startsWith('# traced by hand\n')).toBe(true);
    expect(parseSwc(text, { id: 7 })).toEqual(branched);
    expect(skeletonLength(branched)).toBe(80 + 60 + 90);
  });

  it('round-trips any chain or tree of finite coordinates exactly', () => {
    const node = fc.record({
      x: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e7, max: 1e7 }),
      y: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e7, max: 1e7 }),
      z: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e7, max: 1e7 }),
      radius: fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 1e4 }),
      parentPick: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(node, { minLength: 1, maxLength: 30 }), fc.nat(1000), (raw, id) => {
        // Parents always point to an earlier node (or -1), so the graph is a forest.
        // (+ 0 turns -0, which is written as 0, into 0.)
        const nodes = raw.map(({ parentPick, x, y, z, radius }, i) => ({
          x: x + 0,
          y: y + 0,
          z: z + 0,
          radius: radius + 0,
          parent: i === 0 || parentPick % 5 === 0 ? -1 : parentPick % i,
        }));
        const skeleton = { id, nodes };
        expect(parseSwc(writeSwc(skeleton), { id })).toEqual(skeleton);
      }),
    );
  });

  it('accepts node numbers in any order and resolves parents to indices in file order', () => {
    const text = '# out of order\n10 2 1 1 1 5 20\n\n20 2 0 0 0 5 -1\r\n30 3 2 2 2 5 10\n';
    expect(parseSwc(text, { id: 3 }).nodes.map((n) => n.parent)).toEqual([1, -1, 0]);
  });

  it.each([
    ['1 2 0 0 0 5', 'line 1: expected 7 fields (n type x y z radius parent), got 6'],
    ['1 2 0 0 0 5 -1 9', 'line 1: expected 7 fields (n type x y z radius parent), got 8'],
    ['# header\n1 2 0 zero 0 5 -1', "line 2: y is not a number: 'zero'"],
    ['1 2 0 0 0 5 -1\n1 2 1 0 0 5 -1', 'line 2: node 1 already defined on line 1'],
    ['1 2 0 0 0 5 -1\n2 2 1 0 0 5 9', 'line 2: parent 9 is not a node in the file'],
    ['1.5 2 0 0 0 5 -1', 'line 1: n must be a non-negative integer, got 1.5'],
    ['1 2 0 0 0 -5 -1', 'line 1: radius must not be negative, got -5'],
    ['1 2 0 0 0 5 -2', 'line 1: parent must be -1 or a node number, got -2'],
    ['1 2 0 0 0 5 1', 'line 1: node 1 is its own parent'],
    ['1 2 0 0 0 5 2\n2 2 0 0 0 5 1', 'is its own ancestor (a cycle)'],
    ['# nothing here\n\n', 'no nodes in the file'],
    ['1 2.5 0 0 0 5 -1', 'line 1: type must be an integer, got 2.5'],
    ['1 2 0 0 Infinity 5 -1', "line 1: z is not a number: 'Infinity'"],
  ])('rejects %j naming the line', (text, message) => {
    const error = parseError(text);
    expect(error.message).toContain('axon-1.swc');
    expect(error.message).toContain(message);
  });

  it('refuses to write what SWC cannot hold', () => {
    expect(() => writeSwc({ id: 1, nodes: [{ x: NaN, y: 0, z: 0, radius: 1, parent: -1 }] })).toThrow(
      /non-finite x/,
    );
    expect(() => writeSwc({ id: 1, nodes: [{ x: 0, y: 0, z: 0, radius: 1, parent: 3 }] })).toThrow(
      /parent 3/,
    );
  });

  it('takes a skeleton id from the last number in a file name', () => {
    expect(skeletonIdFromFileName('/data/skeletons/axon-0012.swc')).toBe(12);
    expect(skeletonIdFromFileName('C:\\gt\\7_seg_42.SWC')).toBe(42);
    expect(skeletonIdFromFileName('axon.swc')).toBeUndefined();
  });
});
