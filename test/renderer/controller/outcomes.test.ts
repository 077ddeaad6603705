import { describe, expect, it } from 'vitest';
import type { EditLogEntry, EditOutcome } from '../../../shared/api/types';
import {
  historyOf,
  idsToSelect,
  OutcomeDeduper,
  summarizeOutcome,
} from '../../../renderer/controller/outcomes';

const entry = (patch: Partial<EditLogEntry> = {}): EditLogEntry => ({
  seq: 3,
  at: '2026-11-23T12:00:00.000Z',
  user: 'ann',
  kind: 'split',
  text: 'split 12 into 12 and 18446744073709551615',
  params: {},
  segmentsBefore: [12n],
  segmentsAfter: [12n, 18446744073709551615n],
  changedVoxels: 500,
  voxel: [4, 5, 6],
  undone: false,
  ...patch,
});

const split = (action: EditOutcome['action']): EditOutcome => ({
  entry: entry({ undone: action === 'undo' }),
  action,
  steps: 1,
  changed: action === 'undo' ? [12n] : [12n, 18446744073709551615n],
  removed: action === 'undo' ? [18446744073709551615n] : [],
  box: { start: [1, 2, 3], size: [4, 5, 6] },
  canUndo: action !== 'undo',
  canRedo: action === 'undo',
});

describe('edit outcomes', () => {
  it('turns uint64 ids into exact decimal strings and finds what the action created', () => {
    const done = summarizeOutcome(split('do'));
    expect(done.changed).toEqual(['12', '18446744073709551615']);
    expect(done.created).toEqual(['18446744073709551615']);
    expect(done.box).toEqual({ start: [1, 2, 3], size: [4, 5, 6] });
    const undone = summarizeOutcome(split('undo'));
    expect(undone.created).toEqual([]);
    expect(undone.removed).toEqual(['18446744073709551615']);
  });

  it('an undone merge brings its source back; ids may arrive as strings', () => {
    const merge: EditOutcome = {
      ...split('undo'),
      entry: entry({ kind: 'merge', segmentsBefore: [12n, 17n], segmentsAfter: [12n] }),
      changed: ['12', '17'] as unknown as bigint[],
      removed: [],
      box: null,
    };
    const s = summarizeOutcome(merge);
    expect(s.created).toEqual(['17']);
    expect(s.box).toBeNull();
    expect(idsToSelect(s, ['12'], true)).toEqual(['17']);
    expect(idsToSelect(s, ['12'], false)).toEqual([]);
    expect(idsToSelect(s, ['5'], true)).toEqual([]);
  });

  it('lets each action on an entry through once, however many times it arrives', () => {
    const deduper = new OutcomeDeduper();
    const seen = (a: EditOutcome['action']) => deduper.admit(summarizeOutcome(split(a)));
    expect(seen('do')).toBe(true);
    expect(seen('do')).toBe(false); // the event after the call's answer
    expect(seen('undo')).toBe(true);
    expect(seen('redo')).toBe(true);
    expect(seen('redo')).toBe(false);
    expect(seen('undo')).toBe(true);
    deduper.reset();
    expect(seen('undo')).toBe(true);
  });

  it('tells an undo / redo all from its duplicate, and lets the next single action of its last entry through', () => {
    const deduper = new OutcomeDeduper();
    const one = (a: EditOutcome['action']) => deduper.admit(summarizeOutcome(split(a)));
    const all = (a: EditOutcome['action'], seq: number) =>
      deduper.admit(summarizeOutcome({ ...split(a), steps: 20, entry: entry({ seq }) }));
    expect(one('do')).toBe(true);
    expect(one('undo')).toBe(true);
    expect(one('redo')).toBe(true);
    // Undo all names the oldest edit, redo all the newest: this one, whose last single action was a redo.
    expect(all('undo', 1)).toBe(true);
    expect(all('undo', 1)).toBe(false);
    expect(all('redo', split('redo').entry.seq)).toBe(true);
    expect(all('redo', split('redo').entry.seq)).toBe(false);
    expect(one('undo')).toBe(true);
    expect(one('undo')).toBe(false);
  });

  it('keeps the history page in the order given (newest first) with its undone flags', () => {
    const history = historyOf({
      total: 2,
      applied: 1,
      entries: [entry({ seq: 2, undone: true, text: 'b' }), entry({ seq: 1, text: 'a' })],
    });
    expect(history.entries.map((e) => [e.seq, e.text, e.undone])).toEqual([
      [2, 'b', true],
      [1, 'a', false],
    ]);
    expect(history.applied).toBe(1);
  });
});
