import type { EditLogEntry } from '../../shared/api/types';
import type { Backend, Handlers } from './backend';
import { LiveMetrics } from './liveMetrics';
import { SkeletonService } from './metrics/skeletonService';
import type { Session } from './session';
import { TodoService } from './todoService';

export type MetricsMethod =
  | 'getMetrics'
  | 'loadGroundTruth'
  | 'recomputeMetrics'
  | 'computeTodo'
  | 'listTodo'
  | 'setTodoStatus'
  | 'getSkeletons';

/**
 * The metrics, to-do list and skeleton methods of the API (issue 4), spread into
 * Backend.handlers. Subscribes to the backend's 'edited' events so that the live metrics follow
 * every edit, undo and redo; clients re-read getMetrics after an 'edited' event.
 */
export function metricsHandlers(backend: Backend): Pick<Handlers, MetricsMethod> {
  const session = (): Session | undefined => {
    try {
      return backend.current;
    } catch {
      return undefined;
    }
  };
  const metrics = new LiveMetrics({
    tasks: backend.tasks,
    session,
    appliedEdits: () => appliedEdits(backend),
  });
  const todo = new TodoService(backend.tasks);
  const skeletons = new SkeletonService();
  backend.onEvent((event) => {
    if (event.type !== 'edited') return;
    metrics.onEdited(event.outcome);
    skeletons.invalidate([...event.outcome.changed, ...event.outcome.removed]);
  });
  return {
    getMetrics: () => metrics.snapshot(),
    loadGroundTruth: ({ groundTruth, skeletons: skeletonPath, resolution, taskId }) =>
      metrics.loadGroundTruth(
        {
          groundTruth,
          ...(skeletonPath ? { skeletons: skeletonPath } : {}),
          ...(resolution ? { resolution } : {}),
        },
        taskId,
      ),
    recomputeMetrics: ({ taskId }) => metrics.recompute(taskId),
    computeTodo: ({ taskId }) => todo.compute(metrics.sessionVolumes(), taskId),
    listTodo: () => settle(() => todo.list(metrics.sessionVolumes().session)),
    setTodoStatus: ({ id, status }) =>
      settle(() => todo.setStatus(metrics.sessionVolumes().session, id, status)),
    getSkeletons: async ({ ids, groundTruth, taskId }) => {
      const volumes = metrics.sessionVolumes();
      const wanted = (ids ?? []).map((s) => BigInt(s));
      const gt = (groundTruth ?? ids === undefined) ? await metrics.groundTruthSkeletons() : [];
      if (wanted.length === 0) return skeletons.skeletons(volumes, [], gt);
      return backend.tasks.run(`Skeletonizing ${wanted.length} segment(s)`, taskId, ({ signal }) =>
        skeletons.skeletons(volumes, wanted, gt, signal),
      );
    },
  };
}

/** Run synchronous work as a promise: a throw (an unknown item) becomes a rejection. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

/** Edits applied in the session's log, oldest first (empty before the edit service exists). */
async function appliedEdits(backend: Backend): Promise<EditLogEntry[]> {
  const out: EditLogEntry[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await backend.handlers.listEdits({ offset, limit: 1000 });
    out.push(...page.entries.filter((e) => !e.undone));
    if (page.entries.length < 1000) break;
  }
  return out.reverse();
}
