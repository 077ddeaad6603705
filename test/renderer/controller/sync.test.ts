import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackendEvent, SessionInfo } from '../../../shared/api/types';
import type { VolumeInfo } from '../../../shared/volume/types';
import { clientFor, type Backend } from '../../../renderer/api/client';
import { startSync } from '../../../renderer/controller/sync';
import { createAppStore } from '../../../renderer/state/store';

const volume: VolumeInfo = {
  path: 'demo',
  dataset: 'raw',
  kind: 'image',
  shape: [8, 8, 8],
  dtype: 'uint8',
  resolution: [30, 8, 8],
  chunkShape: [8, 8, 8],
};
const session: SessionInfo = {
  image: volume,
  segmentation: { ...volume, kind: 'labels', dtype: 'uint64' },
  projectPath: '/tmp/p.axonproj',
  viewState: { position: [1, 2, 3], zoom: 0.25, opacity: 0.45, outlineOnly: false, hidden: [], colors: {} },
  selection: [],
  segmentCount: 3,
};

/** Records what reaches the backend, and lets the test emit backend events. */
function recordingBackend() {
  const calls: [string, unknown][] = [];
  const listeners = new Set<(e: BackendEvent) => void>();
  const backend: Backend = {
    api: clientFor({
      invoke: (method, request) => {
        calls.push([method, request]);
        return Promise.resolve(null);
      },
      onEvent: () => () => {},
    }),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { backend, calls, emit: (e: BackendEvent) => listeners.forEach((l) => l(e)) };
}

describe('startSync', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves view changes once, 300 ms after the last, but not a newly opened session', () => {
    const store = createAppStore();
    const { backend, calls } = recordingBackend();
    const stop = startSync(store, backend);
    store.getState().applySession(session);
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual([]);
    store.getState().moveSlice('xy', 1);
    store.getState().moveSlice('xy', 1);
    store.getState().setOpacity(0.8);
    vi.advanceTimersByTime(299);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([['setViewState', { ...session.viewState, position: [3, 2, 3], opacity: 0.8 }]]);
    stop();
  });

  it('sends the selection when the user changes it and flushes a pending save on stop', () => {
    const store = createAppStore();
    const { backend, calls } = recordingBackend();
    const stop = startSync(store, backend);
    store.getState().applySession(session);
    store.getState().toggleSelected('18446744073709551615');
    // Sent in the task after the change (no frames here), the latest selection only.
    store.getState().toggleSelected('7');
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(calls).toEqual([['setSelection', { ids: ['18446744073709551615', '7'] }]]);
    store.getState().toggleSelected('7');
    store.getState().setOutlineOnly(true);
    stop();
    expect(calls.map(([m]) => m)).toEqual(['setSelection', 'setSelection', 'setViewState']);
    expect(calls[1]).toEqual(['setSelection', { ids: ['18446744073709551615'] }]);
  });

  it('puts backend progress events into the store', () => {
    const store = createAppStore();
    const { backend, emit } = recordingBackend();
    startSync(store, backend);
    emit({ type: 'progress', taskId: 'mesh-1', label: 'Meshing', done: 1, total: 2 });
    expect(store.getState().tasks['mesh-1']?.done).toBe(1);
    emit({ type: 'taskEnd', taskId: 'mesh-1', error: 'out of memory' });
    expect(store.getState().errors.map((e) => e.message)).toEqual(['out of memory']);
  });
});
