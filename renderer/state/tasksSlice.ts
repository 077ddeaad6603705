import type { StateCreator } from 'zustand/vanilla';
import type { BackendEvent } from '../../shared/api/types';
import type { AppState } from './store';

export interface TaskProgress {
  readonly taskId: string;
  readonly label: string;
  readonly done: number;
  /** 0 while the size of the work is not known yet (an indeterminate bar). */
  readonly total: number;
  readonly startedAt: number;
}

export interface AppError {
  readonly id: number;
  readonly message: string;
}

export interface TasksSlice {
  readonly tasks: Readonly<Record<string, TaskProgress>>;
  readonly errors: readonly AppError[];
  /** A task the UI started and waits on; progress events fill in its label and fraction. */
  readonly taskStarted: (taskId: string, label: string) => void;
  readonly taskEnded: (taskId: string) => void;
  readonly applyEvent: (event: BackendEvent) => void;
  readonly pushError: (message: string) => void;
  readonly dismissError: (id: number) => void;
}

let nextErrorId = 1;

export const createTasksSlice: StateCreator<AppState, [], [], TasksSlice> = (set, get) => {
  // Progress (WebSocket) and the call's answer (HTTP) travel apart: a late progress event of a
  // finished task must not bring its bar back.
  const ended = new Set<string>();
  // Tasks the UI started report their own failures, with context ("Could not mesh segment 5: …").
  const own = new Set<string>();
  const remember = (ids: Set<string>, taskId: string) => {
    ids.add(taskId);
    if (ids.size > 500) ids.delete(ids.values().next().value!);
  };
  return {
    tasks: {},
    errors: [],
    taskStarted: (taskId, label) => {
      remember(own, taskId);
      set((s) => ({
        tasks: { ...s.tasks, [taskId]: { taskId, label, done: 0, total: 0, startedAt: Date.now() } },
      }));
    },
    taskEnded: (taskId) => {
      remember(ended, taskId);
      if (!(taskId in get().tasks)) return;
      set((s) => {
        const tasks = { ...s.tasks };
        delete tasks[taskId];
        return { tasks };
      });
    },
    applyEvent: (event) => {
      if (event.type === 'edited') return; // the edit controller handles these
      if (event.type === 'taskEnd') {
        get().taskEnded(event.taskId);
        if (event.error && !event.cancelled && !own.has(event.taskId)) get().pushError(event.error);
        return;
      }
      if (ended.has(event.taskId)) return;
      set((s) => ({
        tasks: {
          ...s.tasks,
          [event.taskId]: {
            taskId: event.taskId,
            label: event.label,
            done: event.done,
            total: event.total,
            startedAt: s.tasks[event.taskId]?.startedAt ?? Date.now(),
          },
        },
      }));
    },
    pushError: (message) => {
      // The same failure often arrives twice (the rejected call and the task's end event).
      if (get().errors.some((e) => e.message === message)) return;
      set((s) => ({ errors: [...s.errors.slice(-4), { id: nextErrorId++, message }] }));
    },
    dismissError: (id) => set((s) => ({ errors: s.errors.filter((e) => e.id !== id) })),
  };
};
