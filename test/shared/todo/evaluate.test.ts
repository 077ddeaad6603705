import { describe, expect, it } from 'vitest';
import { scoreTodo } from '../../../shared/todo/evaluate';
import type { TodoItem } from '../../../shared/todo/types';

const item = (kind: TodoItem['kind'], ...ids: bigint[]): TodoItem => ({
  kind,
  score: 0.5,
  segmentIds: ids,
  voxel: [0, 0, 0],
  reason: 'test',
});

const known = [
  { kind: 'split', segmentIds: ['10', '11', '12'] },
  { kind: 'merge', segmentIds: ['20'] },
  { kind: 'fragment', segmentIds: ['30'] },
];

describe('scoreTodo', () => {
  it('matches a split by two of its pieces and a merge by its fused id; fragments do not count', () => {
    const s = scoreTodo([item('split', 11n, 12n), item('merge', 20n), item('split', 30n, 10n)], known, 20);
    expect(s).toEqual({ found: 2, known: 2, recall: 1, correct: 2, considered: 3, precision: 2 / 3 });
  });

  it('needs the right kind and two pieces, and looks at the top items only', () => {
    expect(scoreTodo([item('merge', 11n, 12n), item('split', 10n, 99n)], known, 20).found).toBe(0);
    const s = scoreTodo([item('split', 1n, 2n), item('merge', 20n)], known, 1);
    expect(s).toMatchObject({ found: 0, correct: 0, considered: 1, precision: 0, recall: 0 });
  });

  it('counts repeated hits on one error once for recall but each for precision', () => {
    const s = scoreTodo([item('split', 10n, 11n), item('split', 11n, 12n)], known, 20);
    expect(s).toMatchObject({ found: 1, recall: 0.5, correct: 2, precision: 1 });
  });
});
