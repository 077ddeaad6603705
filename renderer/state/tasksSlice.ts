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

export const createTasksSlice: StateCreator<AppState, [], [], TasksSlice> = (set, get) => ({
  tasks: {},
  errors: [],
  taskStarted: (taskId, label) =>
    set((s) => ({ tasks: { ...s.tasks, [taskId]: { taskId, label, done: 0, total: 0, startedAt: Date.now() } } })),
  taskEnded: (taskId) => {
    if (!(taskId in get().tasks)) return;
    set((s) => {
      const tasks = { ...s.tasks };
      delete tasks[taskId];
      return { tasks };
    });
  },
  applyEvent: (event) => {
    if (event.type === 'taskEnd') {
      get().taskEnded(event.taskId);
      if (event.error && !event.cancelled) get().pushError(event.error);
      return;
    }
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
});
