import type { TodoEntry, TodoList, TodoStatus } from '../../shared/api/metricsTypes';
import { compactLabels, IdTable } from '../../shared/volume/idTable';
import { voxelCount, formatVec, type Box3 } from '../../shared/volume/types';
import type { SessionVolumes } from './metrics/sessionVolumes';
import { TodoStore } from './metrics/todoStore';
import type { Session } from './session';
import { yieldToLoop, type TaskContext, type TaskRegistry } from './tasks';
import { runMetricsJob } from './todoServiceJobs';

/** The whole corrected volume is handed to the worker: beyond this it would not fit in memory. */
const MAX_TODO_VOXELS = 2 ** 28;
/** Share of the progress bar for reading the volume; the rest is the worker's. */
const READ_SHARE = 0.15;
const STEPS = 1000;

/**
 * The to-do list of likely errors: findLikelyErrors (shared/todo) on the corrected segmentation
 * with the EM image as evidence, in a worker thread, as a cancellable task. Items and the
 * annotator's verdicts live in the project file.
 */
export class TodoService {
  private readonly stores = new WeakMap<Session, TodoStore>();

  constructor(private readonly tasks: TaskRegistry) {}

  compute(volumes: SessionVolumes, taskId?: string): Promise<TodoList> {
    return this.tasks.run('Finding likely errors', taskId, async (ctx) => {
      const { labels, ids, image } = await readVolume(volumes, ctx);
      const items = await runMetricsJob(
        { kind: 'todo', labels, ids: ids.ids(), shape: volumes.shape, resolution: volumes.resolution, image },
        'finding likely errors',
        ctx.signal,
        (done, total) =>
          ctx.progress(
            Math.round(STEPS * (READ_SHARE + (1 - READ_SHARE) * (done / Math.max(1, total)))),
            STEPS,
          ),
      );
      return this.store(volumes.session).replace(items);
    });
  }

  list(session: Session): TodoList {
    return this.store(session).list();
  }

  setStatus(session: Session, id: number, status: TodoStatus): TodoEntry {
    return this.store(session).setStatus(id, status);
  }

  private store(session: Session): TodoStore {
    let store = this.stores.get(session);
    if (!store) {
      store = new TodoStore(session.project.db);
      this.stores.set(session, store);
    }
    return store;
  }
}

/** The corrected segmentation as dense indices and the windowed image, read in z slabs. */
async function readVolume(
  volumes: SessionVolumes,
  ctx: TaskContext,
): Promise<{ labels: Uint32Array; ids: IdTable; image: Uint8Array }> {
  const shape = volumes.shape;
  const total = voxelCount(shape);
  if (total > MAX_TODO_VOXELS) {
    throw new RangeError(
      `the to-do list works on volumes of up to ${MAX_TODO_VOXELS} voxels; this one is ${formatVec(shape)} (${total})`,
    );
  }
  const plane = shape[1] * shape[2];
  const slab = Math.max(1, Math.floor(2 ** 21 / plane));
  const labels = new Uint32Array(total);
  const image = new Uint8Array(total);
  const ids = new IdTable();
  for (let z = 0; z < shape[0]; z += slab) {
    await yieldToLoop(ctx.signal, 'finding likely errors');
    const box: Box3 = { start: [z, 0, 0], size: [Math.min(slab, shape[0] - z), shape[1], shape[2]] };
    const [corrected, em] = await Promise.all([volumes.readCorrected(box), volumes.readImage(box)]);
    labels.set(compactLabels(corrected, ids), z * plane);
    image.set(em, z * plane);
    ctx.progress(Math.round(STEPS * READ_SHARE * ((z + box.size[0]) / shape[0])), STEPS);
  }
  return { labels, ids, image };
}
