import type { BackendEvent } from '../../shared/api/types';

/** Progress callback handed to long work; `done`/`total` in any unit. */
export type Progress = (done: number, total: number) => void;

export interface TaskContext {
  readonly signal: AbortSignal;
  readonly progress: Progress;
}

export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(label: string) {
    super(`${label} was cancelled`);
  }
}

let counter = 0;

/**
 * Long work (loading, meshing, metrics, export) runs as a named task: it reports progress as
 * events and can be cancelled by id from the UI or the CLI (Ctrl-C).
 */
export class TaskRegistry {
  private readonly running = new Map<string, AbortController>();
  private readonly listeners = new Set<(event: BackendEvent) => void>();

  onEvent(listener: (event: BackendEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async run<T>(
    label: string,
    taskId: string | undefined,
    work: (ctx: TaskContext) => Promise<T>,
  ): Promise<T> {
    const id = taskId ?? `task-${++counter}`;
    const controller = new AbortController();
    this.running.set(id, controller);
    let last = 0;
    const progress: Progress = (done, total) => {
      if (controller.signal.aborted) throw new CancelledError(label);
      const now = Date.now();
      // Throttle: a progress bar needs ~20 updates a second at most.
      if (now - last < 50 && done < total) return;
      last = now;
      this.emit({ type: 'progress', taskId: id, label, done, total });
    };
    try {
      progress(0, 1);
      const result = await work({ signal: controller.signal, progress });
      this.emit({ type: 'taskEnd', taskId: id });
      return result;
    } catch (error) {
      const cancelled = controller.signal.aborted;
      this.emit({
        type: 'taskEnd',
        taskId: id,
        cancelled,
        error: cancelled ? undefined : String((error as Error).message),
      });
      if (cancelled && !(error instanceof CancelledError)) throw new CancelledError(label);
      throw error;
    } finally {
      this.running.delete(id);
    }
  }

  cancel(taskId: string): boolean {
    const controller = this.running.get(taskId);
    controller?.abort();
    return controller !== undefined;
  }

  /** Send an event to every listener (progress, task ends, and the backend's 'edited'). */
  emit(event: BackendEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** Let the event loop breathe between chunks of synchronous work, and honour cancellation. */
export async function yieldToLoop(signal?: AbortSignal, label = 'task'): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (signal?.aborted) throw new CancelledError(label);
}
