import { redrawTimings } from './perfLog';
import type { AppServices } from './services';

/** A plain, JSON-safe snapshot of the store for end-to-end tests. */
function snapshot(services: AppServices) {
  const s = services.store.getState();
  return {
    view: s.view,
    center: s.center,
    selection: s.selection,
    hover: s.hover,
    activeAxis: s.activeAxis,
    tasks: Object.values(s.tasks),
    errors: s.errors.map((e) => e.message),
    session: s.session && {
      shape: s.session.segmentation.shape,
      resolution: s.session.segmentation.resolution,
      segmentCount: s.session.segmentCount,
      image: `${s.session.image.path}:${s.session.image.dataset}`,
      segmentation: `${s.session.segmentation.path}:${s.session.segmentation.dataset}`,
    },
  };
}

export interface AxonTestHandle {
  readonly ready: boolean;
  readonly firstSlicesDrawnAt: number | null;
  readonly meshesShown: number;
  /** Main-thread ms of each slice redraw so far (benchmarks). */
  redrawTimings(): number[];
  getState(): ReturnType<typeof snapshot>;
}

declare global {
  interface Window {
    readonly __axon?: AxonTestHandle;
  }
}

/** window.__axon: read-only state for end-to-end tests (no setters: tests drive the real UI). */
export function installTestHooks(services: AppServices): void {
  const { readiness } = services;
  const handle: AxonTestHandle = Object.freeze({
    get ready() {
      return readiness.ready;
    },
    get firstSlicesDrawnAt() {
      return readiness.firstSlicesDrawnAt;
    },
    get meshesShown() {
      return readiness.meshesShown();
    },
    redrawTimings,
    getState: () => structuredClone(snapshot(services)),
  });
  Object.defineProperty(window, '__axon', { value: handle, configurable: false, writable: false });
}
