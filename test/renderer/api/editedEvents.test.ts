import { describe, expect, it } from 'vitest';
import { encodeEnvelope } from '../../../shared/api/codec';
import type { EditOutcome } from '../../../shared/api/types';
import { eventFrom, parseEvent } from '../../../renderer/api/bridge';
import { decodeEnvelope } from '../../../shared/api/codec';

const outcome: EditOutcome = {
  entry: {
    seq: 1,
    at: '2026-11-23T12:00:00.000Z',
    user: 'ann',
    kind: 'merge',
    text: 'merge 18446744073709551615 into 12',
    params: { kind: 'merge', target: '12', source: '18446744073709551615' },
    segmentsBefore: [12n, 18446744073709551615n],
    segmentsAfter: [12n],
    changedVoxels: 0,
    voxel: [1, 2, 3],
    undone: false,
  },
  action: 'do',
  steps: 1,
  changed: [12n],
  removed: [18446744073709551615n],
  box: null,
  canUndo: true,
  canRedo: false,
};

describe("'edited' events over the browser-mode socket", () => {
  it('parses JSON text with bigint ids written as {"$big": ...}', () => {
    const text = JSON.stringify({ type: 'edited', outcome }, (_k, v: unknown) =>
      typeof v === 'bigint' ? { $big: v.toString() } : v,
    );
    const event = parseEvent(text);
    expect(event?.type).toBe('edited');
    if (event?.type !== 'edited') return;
    expect(event.outcome.removed).toEqual([18446744073709551615n]);
    expect(event.outcome.entry.segmentsBefore).toEqual([12n, 18446744073709551615n]);
  });

  it('accepts ids as decimal strings and binary envelopes', () => {
    const text = JSON.stringify({ type: 'edited', outcome }, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
    expect(parseEvent(text)?.type).toBe('edited');
    const decoded = decodeEnvelope(encodeEnvelope({ type: 'edited', outcome }));
    expect(eventFrom(decoded)).toEqual({ type: 'edited', outcome });
  });

  it('ignores an edited event without a usable outcome', () => {
    expect(parseEvent('{"type":"edited","outcome":{"action":"do"}}')).toBeNull();
    expect(parseEvent('{"type":"edited"}')).toBeNull();
  });
});
