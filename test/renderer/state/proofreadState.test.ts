import { describe, expect, it } from 'vitest';
import type { SessionInfo, SplitPreviewData } from '../../../shared/api/types';
import type { VolumeInfo } from '../../../shared/volume/types';
import { createAppStore } from '../../../renderer/state/store';
import type { OutcomeSummary } from '../../../renderer/state/editSlice';

const volume: VolumeInfo = {
  path: 'demo',
  dataset: 'raw',
  kind: 'image',
  shape: [64, 256, 256],
  dtype: 'uint8',
  resolution: [30, 8, 8],
  chunkShape: [32, 64, 64],
};
const session: SessionInfo = {
  image: volume,
  segmentation: { ...volume, kind: 'labels', dtype: 'uint64' },
  projectPath: '/tmp/p.axonproj',
  viewState: { position: [1, 2, 3], zoom: 0.25, opacity: 0.45, outlineOnly: false, hidden: [], colors: {} },
  selection: [],
  segmentCount: 3,
};

function opened() {
  const store = createAppStore();
  store.getState().applySession(session);
  return store;
}

const outcome = (patch: Partial<OutcomeSummary>): OutcomeSummary => ({
  action: 'do',
  seq: 1,
  steps: 1,
  kind: 'merge',
  text: 'merge 17 into 12',
  voxel: [1, 2, 3],
  changed: [],
  removed: [],
  created: [],
  box: null,
  canUndo: true,
  canRedo: false,
  ...patch,
});

describe('the split tool', () => {
  it('starts on the selected segment and collects source and sink seeds', () => {
    const store = opened();
    store.getState().selectOnly('42');
    store.getState().setTool('split');
    expect(store.getState().split).toEqual({ segment: '42', sources: [], sinks: [] });
    store.getState().toggleSeed('source', [5, 6, 7], '42');
    store.getState().toggleSeed('sink', [9, 9, 9], '42');
    store.getState().toggleSeed('source', [5, 6, 8], '42');
    const { split } = store.getState();
    expect(split.sources).toEqual([
      [5, 6, 7],
      [5, 6, 8],
    ]);
    expect(split.sinks).toEqual([[9, 9, 9]]);
  });

  it('removes a seed clicked again and refuses seeds off the segment', () => {
    const store = opened();
    store.getState().selectOnly('42');
    store.getState().setTool('split');
    store.getState().toggleSeed('source', [5, 6, 7], '42');
    store.getState().toggleSeed('sink', [5, 6, 7], '42');
    expect(store.getState().split.sources).toEqual([]);
    expect(store.getState().split.sinks).toEqual([]);
    store.getState().toggleSeed('sink', [1, 1, 1], '43');
    expect(store.getState().split.sinks).toEqual([]);
    expect(store.getState().hint).toMatch(/segment 43.*segment 42/);
    store.getState().toggleSeed('source', [1, 1, 1], '0');
    expect(store.getState().hint).toMatch(/background/);
    store.getState().toggleSeed('source', [1, 1, 1], null);
    expect(store.getState().split.sources).toEqual([]);
  });

  it('with nothing selected, the first seed picks (and selects) the segment', () => {
    const store = opened();
    store.getState().setTool('split');
    expect(store.getState().split.segment).toBeNull();
    store.getState().toggleSeed('source', [2, 3, 4], '77');
    expect(store.getState().split.segment).toBe('77');
    expect(store.getState().selection).toEqual(['77']);
  });

  it('drops the preview when a side loses its last seed, and everything when the tool changes', () => {
    const store = opened();
    store.getState().selectOnly('42');
    store.getState().setTool('split');
    store.getState().toggleSeed('source', [5, 6, 7], '42');
    store.getState().toggleSeed('sink', [9, 9, 9], '42');
    const preview: SplitPreviewData = {
      segment: 42n,
      box: { start: [0, 0, 0], size: [1, 1, 2] },
      sides: Uint8Array.of(1, 2),
      sourceVoxels: 1,
      sinkVoxels: 1,
    };
    store.getState().setPreview(preview, 'ready');
    store.getState().toggleSeed('sink', [9, 9, 9], '42');
    expect(store.getState().preview).toBeNull();
    store.getState().toggleSeed('sink', [9, 9, 9], '42');
    store.getState().setPreview(preview, 'ready');
    store.getState().setTool('paint');
    expect(store.getState().preview).toBeNull();
    expect(store.getState().split).toEqual({ segment: null, sources: [], sinks: [] });
  });

  it('keeps the brush radius within its range, in whole voxels', () => {
    const store = opened();
    store.getState().setBrushRadius(-3);
    expect(store.getState().brushRadius).toBe(0);
    store.getState().setBrushRadius(1000);
    expect(store.getState().brushRadius).toBe(40);
    store.getState().setBrushRadius(4.4);
    expect(store.getState().brushRadius).toBe(4);
  });
});

describe('edit outcomes in the store', () => {
  it('takes undo/redo state from the outcome and drops removed segments from the selection', () => {
    const store = opened();
    store.getState().selectOnly('12');
    store.getState().toggleSelected('17');
    store.getState().outcomeApplied(outcome({ changed: ['12'], removed: ['17'] }), []);
    const s = store.getState();
    expect(s.selection).toEqual(['12']);
    expect(s.canUndo).toBe(true);
    expect(s.canRedo).toBe(false);
    expect(s.editSeq).toBe(1);
    expect(s.lastOutcome?.removed).toEqual(['17']);
  });

  it('adds the ids to select (a split piece) once', () => {
    const store = opened();
    store.getState().selectOnly('12');
    const split = outcome({ kind: 'split', changed: ['12', '99'], created: ['99'] });
    store.getState().outcomeApplied(split, ['99']);
    store.getState().outcomeApplied(split, ['99']);
    expect(store.getState().selection).toEqual(['12', '99']);
  });

  it('reads undo/redo state from the history: the newest edit undone means redo is possible', () => {
    const store = opened();
    const entry = {
      seq: 2,
      at: '',
      kind: 'merge' as const,
      text: '',
      voxel: [0, 0, 0] as const,
      changedVoxels: 0,
    };
    store.getState().setHistory({ total: 2, applied: 1, entries: [{ ...entry, undone: true }] });
    expect([store.getState().canUndo, store.getState().canRedo]).toEqual([true, true]);
    store.getState().setHistory({ total: 2, applied: 2, entries: [{ ...entry, undone: false }] });
    expect([store.getState().canUndo, store.getState().canRedo]).toEqual([true, false]);
    store.getState().applySession(session);
    expect([store.getState().canUndo, store.getState().history]).toEqual([false, null]);
  });
});
