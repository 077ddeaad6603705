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
    tool: s.tool,
    brushRadius: s.brushRadius,
    hint: s.hint,
    splitSeeds: {
      segment: s.split.segment,
      sources: s.split.sources,
      sinks: s.split.sinks,
    },
    preview: s.preview && {
      segment: s.preview.segment.toString(),
      sourceVoxels: s.preview.sourceVoxels,
      sinkVoxels: s.preview.sinkVoxels,
      status: s.previewStatus,
      meshed: services.readiness.previewMeshed(),
    },
    previewStatus: s.previewStatus,
    canUndo: s.canUndo,
    canRedo: s.canRedo,
    editSeq: s.editSeq,
    editsInFlight: s.editsInFlight,
    lastOutcome: s.lastOutcome,
    history: s.history && {
      total: s.history.total,
      applied: s.history.applied,
      entries: s.history.entries.map((e) => ({ seq: e.seq, kind: e.kind, text: e.text, undone: e.undone })),
    },
    historyLength: s.history?.entries.length ?? 0,
    session: s.session && {
      shape: s.session.segmentation.shape,
      resolution: s.session.segmentation.resolution,
      segmentCount: s.session.segmentCount,
      image: `${s.session.image.path}:${s.session.image.dataset}`,
      segmentation: `${s.session.segmentation.path}:${s.session.segmentation.dataset}`,
    },
  };
}

/** What a store listener can read at no cost. */
export interface StorePeek {
  readonly editSeq: number;
  readonly lastOutcomeKind: string | null;
  readonly hoverId: string | null;
}

export interface AxonTestHandle {
  readonly ready: boolean;
  readonly firstSlicesDrawnAt: number | null;
  readonly meshesShown: number;
  /** Main-thread ms of each slice redraw so far (benchmarks). */
  redrawTimings(): number[];
  getState(): ReturnType<typeof snapshot>;
  /**
   * Call `listener` after every store change with a few fields read without copying the store
   * (benchmarks wait on it instead of polling each frame; getState() clones and would weigh on
   * what they measure).
   */
  onChange(listener: (peek: StorePeek) => void): () => void;
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
    onChange: (listener: (peek: StorePeek) => void) =>
      services.store.subscribe((s) =>
        listener({
          editSeq: s.editSeq,
          lastOutcomeKind: s.lastOutcome?.kind ?? null,
          hoverId: s.hover?.id ?? null,
        }),
      ),
  });
  Object.defineProperty(window, '__axon', { value: handle, configurable: false, writable: false });
}
