import { createContext, useContext } from 'react';
import type { SliceAxis } from '../shared/api/types';
import { connectBackend, type Backend } from './api/client';
import { EditActions } from './controller/editActions';
import { EditController } from './controller/editController';
import { createAppStore, watch, type AppStore } from './state/store';
import { SLICE_AXES } from './views/sliceAxes';
import { SliceCache } from './views/sliceCache';
import { SliceLayer } from './views/sliceLayer';
import { SegmentPalette } from './views/segmentPalette';

/** Readiness the tests wait for, filled in by the views. */
export class Readiness {
  private readonly drawn = new Set<SliceAxis>();
  firstSlicesDrawnAt: number | null = null;
  meshesShown: () => number = () => 0;
  /** Whether the 3D view shows the meshes of the current split preview. */
  previewMeshed: () => boolean = () => false;

  get ready(): boolean {
    return this.firstSlicesDrawnAt !== null;
  }

  private readonly waiting: (() => void)[] = [];

  markDrawn(axis: SliceAxis): void {
    if (this.firstSlicesDrawnAt !== null) return;
    this.drawn.add(axis);
    if (this.drawn.size < SLICE_AXES.length) return;
    this.firstSlicesDrawnAt = performance.now();
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  /**
   * Resolves once the three slice views have drawn: work the annotator does not need to see the
   * volume (meshes, metrics, skeletons, the to-do list) waits for it, so that it does not compete
   * with the first slices for the backend and the network.
   */
  firstSlicesDrawn(): Promise<void> {
    if (this.firstSlicesDrawnAt !== null) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

/** Everything the UI shares: the store, the backend, and the per-axis slice layers. */
export interface AppServices {
  readonly store: AppStore;
  readonly backend: Backend;
  readonly sliceCache: SliceCache;
  readonly layers: Readonly<Record<SliceAxis, SliceLayer>>;
  readonly readiness: Readiness;
  readonly edits: EditController;
  readonly actions: EditActions;
}

export function createServices(backend: Backend = connectBackend()): AppServices {
  const store = createAppStore();
  const sliceCache = new SliceCache((axis, index) => backend.api.getSlice({ axis, index }));
  // Subscribed before the layers so that a new session empties the cache before they reload.
  watch(
    store,
    (s) => s.sessionSeq,
    () => sliceCache.clear(),
  );
  const palette = new SegmentPalette();
  const layers = {
    xy: new SliceLayer('xy', store, sliceCache, palette),
    xz: new SliceLayer('xz', store, sliceCache, palette),
    yz: new SliceLayer('yz', store, sliceCache, palette),
  };
  const edits = new EditController(store, backend, sliceCache);
  const actions = new EditActions(store, edits);
  return { store, backend, sliceCache, layers, readiness: new Readiness(), edits, actions };
}

export const ServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesContext');
  return services;
}
