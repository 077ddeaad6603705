import { createStore, type StoreApi } from 'zustand/vanilla';
import { createEditSlice, type EditSlice } from './editSlice';
import { createHoverSlice, type HoverSlice } from './hoverSlice';
import { createMetricsSlice, type MetricsSlice } from './metricsSlice';
import { createSelectionSlice, type SelectionSlice } from './selectionSlice';
import { createSessionSlice, type SessionSlice } from './sessionSlice';
import { createTasksSlice, type TasksSlice } from './tasksSlice';
import { createToolSlice, type ToolSlice } from './toolSlice';
import { createViewSlice, type ViewSlice } from './viewSlice';

export type AppState = SessionSlice &
  ViewSlice &
  SelectionSlice &
  HoverSlice &
  TasksSlice &
  ToolSlice &
  EditSlice &
  MetricsSlice;
export type AppStore = StoreApi<AppState>;

/** The one vanilla store of the renderer; React reads it through hooks, views subscribe to it. */
export function createAppStore(): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createSessionSlice(...a),
    ...createViewSlice(...a),
    ...createSelectionSlice(...a),
    ...createHoverSlice(...a),
    ...createTasksSlice(...a),
    ...createToolSlice(...a),
    ...createEditSlice(...a),
    ...createMetricsSlice(...a),
  }));
}

/**
 * Call `listener` when `select(state)` changes (by `equal`, default Object.is): the way
 * imperative views follow the store without React.
 */
export function watch<T>(
  store: AppStore,
  select: (s: AppState) => T,
  listener: (value: T, previous: T) => void,
  equal: (a: T, b: T) => boolean = Object.is,
): () => void {
  let current = select(store.getState());
  return store.subscribe((state) => {
    const next = select(state);
    if (equal(next, current)) return;
    const previous = current;
    current = next;
    listener(next, previous);
  });
}
