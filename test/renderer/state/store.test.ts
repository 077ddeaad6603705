import { describe, expect, it } from 'vitest';
import type { SessionInfo, ViewState } from '../../../shared/api/types';
import type { VolumeInfo } from '../../../shared/volume/types';
import { createAppStore } from '../../../renderer/state/store';

const volume = (kind: 'image' | 'labels'): VolumeInfo => ({
  path: '/data/demo.h5',
  dataset: kind === 'image' ? 'raw' : 'stack',
  kind,
  shape: [64, 256, 300],
  dtype: kind === 'image' ? 'uint8' : 'uint64',
  resolution: [30, 8, 8],
  chunkShape: [32, 64, 64],
});

const savedView: ViewState = {
  position: [10, 20, 30],
  zoom: 0.5,
  opacity: 0.6,
  outlineOnly: true,
  hidden: ['5'],
  colors: { '7': '#00ff00' },
};

const session = (viewState: ViewState = savedView): SessionInfo => ({
  image: volume('image'),
  segmentation: volume('labels'),
  projectPath: '/tmp/p.axonproj',
  viewState,
  selection: [3n, 18446744073709551615n],
  segmentCount: 42,
});

function openedStore() {
  const store = createAppStore();
  store.getState().applySession(session());
  return store;
}

describe('app store', () => {
  it('restores the saved view state and selection and centres the views on the crosshair', () => {
    const store = openedStore();
    const s = store.getState();
    expect(s.view).toEqual(savedView);
    expect(s.center).toEqual([10.5, 20.5, 30.5]);
    expect(s.selection).toEqual(['3', '18446744073709551615']);
    expect(s.sessionSeq).toBe(1);
  });

  it('pages slices within the volume, moving the shared centre along', () => {
    const store = openedStore();
    store.getState().moveSlice('xy', 10);
    expect(store.getState().view.position).toEqual([20, 20, 30]);
    expect(store.getState().center[0]).toBe(20.5);
    store.getState().moveSlice('xz', -100);
    expect(store.getState().view.position).toEqual([20, 0, 30]);
    store.getState().moveSlice('yz', 1000);
    expect(store.getState().view.position).toEqual([20, 0, 299]);
    const before = store.getState().view;
    store.getState().moveSlice('yz', 1);
    expect(store.getState().view).toBe(before); // already at the last slice: no change, nothing saved
  });

  it('clamps clicked positions to the volume and jumps with the views', () => {
    const store = openedStore();
    store.getState().setPosition([-3, 500, 12.4]);
    expect(store.getState().view.position).toEqual([0, 255, 12]);
    expect(store.getState().center).toEqual([10.5, 20.5, 30.5]);
    store.getState().jumpTo([40, 41, 42]);
    expect(store.getState().center).toEqual([40.5, 41.5, 42.5]);
  });

  it('toggles hidden segments, colour overrides and opacity within range', () => {
    const store = openedStore();
    store.getState().setHidden('9', true);
    store.getState().setHidden('5', false);
    expect(store.getState().view.hidden).toEqual(['9']);
    store.getState().setColor('9', '#ABCDEF');
    store.getState().setColor('7', null);
    expect(store.getState().view.colors).toEqual({ '9': '#abcdef' });
    store.getState().setOpacity(3);
    expect(store.getState().view.opacity).toBe(1);
  });

  it('selects like Neuroglancer: click replaces, toggle adds and removes', () => {
    const store = openedStore();
    store.getState().selectOnly('12');
    store.getState().toggleSelected('13');
    expect(store.getState().selection).toEqual(['12', '13']);
    store.getState().toggleSelected('12');
    expect(store.getState().selection).toEqual(['13']);
    store.getState().clearSelection();
    expect(store.getState().selection).toEqual([]);
  });

  it('fits the volume on reset, given the views sizes', () => {
    const store = openedStore();
    for (const axis of ['xy', 'xz', 'yz'] as const)
      store.getState().setViewport(axis, { width: 500, height: 400 });
    store.getState().resetView();
    const { view, center } = store.getState();
    expect(center).toEqual([32, 128, 150]);
    // XY is the tightest: 256 x 8 nm must fit 400 px.
    expect(256 * 8 * view.zoom).toBeLessThanOrEqual(400);
    expect(256 * 8 * view.zoom).toBeGreaterThan(350);
  });

  it('follows task progress events and keeps each error message once', () => {
    const store = createAppStore();
    store.getState().taskStarted('open-1', 'Opening the demo volume');
    expect(store.getState().tasks['open-1']?.total).toBe(0);
    store
      .getState()
      .applyEvent({ type: 'progress', taskId: 'open-1', label: 'Loading volume', done: 3, total: 10 });
    expect(store.getState().tasks['open-1']).toMatchObject({ label: 'Loading volume', done: 3, total: 10 });
    store.getState().applyEvent({ type: 'taskEnd', taskId: 'open-1', error: 'file not found' });
    expect(store.getState().tasks).toEqual({});
    store.getState().pushError('file not found');
    expect(store.getState().errors.map((e) => e.message)).toEqual(['file not found']);
    store.getState().applyEvent({ type: 'taskEnd', taskId: 'mesh-2', cancelled: true });
    expect(store.getState().errors).toHaveLength(1);
    store.getState().dismissError(store.getState().errors[0]!.id);
    expect(store.getState().errors).toEqual([]);
  });
});

describe('task progress across channels', () => {
  it('ignores a progress event that arrives after its task ended', () => {
    const store = createAppStore();
    store.getState().taskStarted('mesh-7', 'Meshing segment 7');
    store.getState().taskEnded('mesh-7');
    store.getState().applyEvent({ type: 'progress', taskId: 'mesh-7', label: 'Meshing', done: 1, total: 1 });
    expect(store.getState().tasks).toEqual({});
  });

  it("shows the errors of the backend's own tasks, and leaves the UI's tasks to report theirs", () => {
    const store = createAppStore();
    store.getState().taskStarted('mesh-8', 'Meshing segment 8');
    store.getState().applyEvent({ type: 'taskEnd', taskId: 'mesh-8', error: 'worker crashed' });
    expect(store.getState().errors).toEqual([]);
    store.getState().applyEvent({ type: 'taskEnd', taskId: 'task-1', error: 'demo files are unreadable' });
    expect(store.getState().errors.map((e) => e.message)).toEqual(['demo files are unreadable']);
  });
});
