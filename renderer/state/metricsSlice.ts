import type { StateCreator } from 'zustand/vanilla';
import type { MetricsSnapshot, SkeletonData, TodoEntry, TodoList } from '../../shared/api/metricsTypes';
import type { AppState } from './store';

export type AnalysisTab = 'metrics' | 'todo';

export interface SkeletonDisplay {
  /** Ground-truth skeletons (SWC) in the slice views and in 3D. */
  readonly groundTruth: boolean;
  /** TEASAR skeletons of the selected segments. */
  readonly selection: boolean;
}

export interface MetricsSlice {
  /** The backend's live metrics, as last read (null before the first read). */
  readonly metrics: MetricsSnapshot | null;
  readonly todo: TodoList | null;
  readonly analysisTab: AnalysisTab;
  readonly skeletonDisplay: SkeletonDisplay;
  /** Ground-truth skeletons of the session (loaded once per session). */
  readonly groundTruthSkeletons: readonly SkeletonData[];
  /** TEASAR skeletons of selected segments. */
  readonly segmentSkeletons: readonly SkeletonData[];
  readonly setMetrics: (metrics: MetricsSnapshot) => void;
  readonly setTodo: (todo: TodoList) => void;
  /** Replace one item after its status changed. */
  readonly updateTodoItem: (item: TodoEntry) => void;
  readonly setAnalysisTab: (tab: AnalysisTab) => void;
  readonly setSkeletonDisplay: (patch: Partial<SkeletonDisplay>) => void;
  readonly setGroundTruthSkeletons: (skeletons: readonly SkeletonData[]) => void;
  readonly setSegmentSkeletons: (skeletons: readonly SkeletonData[]) => void;
  /** Select exactly these segments (decimal ids) in one step, and put the crosshair at `voxel`. */
  readonly showSegmentsAt: (ids: readonly string[], voxel: readonly [number, number, number] | null) => void;
}

export const createMetricsSlice: StateCreator<AppState, [], [], MetricsSlice> = (set, get) => ({
  metrics: null,
  todo: null,
  analysisTab: 'metrics',
  skeletonDisplay: { groundTruth: true, selection: false },
  groundTruthSkeletons: [],
  segmentSkeletons: [],
  setMetrics: (metrics) => {
    // Answers can cross: never go back to an older snapshot (versions only grow).
    const current = get().metrics;
    if (current && metrics.version < current.version) return;
    set({ metrics });
  },
  setTodo: (todo) => set({ todo }),
  updateTodoItem: (item) => {
    const todo = get().todo;
    if (!todo) return;
    const items = todo.items.map((e) => (e.id === item.id ? item : e));
    set({ todo: { ...todo, items, open: items.filter((e) => e.status === 'open').length } });
  },
  setAnalysisTab: (analysisTab) => set({ analysisTab }),
  setSkeletonDisplay: (patch) => set((s) => ({ skeletonDisplay: { ...s.skeletonDisplay, ...patch } })),
  setGroundTruthSkeletons: (groundTruthSkeletons) => set({ groundTruthSkeletons }),
  setSegmentSkeletons: (segmentSkeletons) => {
    // Clearing what is empty already changes nothing: the overlays need not hear of it.
    if (segmentSkeletons.length > 0 || get().segmentSkeletons.length > 0) set({ segmentSkeletons });
  },
  showSegmentsAt: (ids, voxel) => {
    if (ids.length > 0) set({ selection: [...new Set(ids)] });
    if (voxel) get().jumpTo(voxel);
  },
});
