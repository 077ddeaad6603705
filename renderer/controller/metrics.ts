import type { TodoEntry, TodoStatus } from '../../shared/api/metricsTypes';
import type { Backend } from '../api/client';
import { watch, type AppStore } from '../state/store';
import { afterPaint } from './afterPaint';
import { messageOf, newTaskId } from './taskIds';

/** While the full pass runs, re-read its progress this often. */
const COMPUTING_POLL_MS = 400;

/**
 * Keeps the metrics panel, the to-do list and the skeleton overlays in step with the backend:
 * metrics are re-read after every 'edited' event and when a metrics task ends; a new session
 * loads its to-do list (finding likely errors when it has none yet) and its ground-truth
 * skeletons; the selection's TEASAR skeletons follow the selection when they are shown.
 */
export class MetricsController {
  private inFlight = false;
  private again = false;
  private poll: ReturnType<typeof setTimeout> | undefined;
  private skeletonSeq = 0;

  constructor(
    private readonly store: AppStore,
    private readonly backend: Backend,
    /** Resolves when the first slices are drawn: the panels' loads wait for it. */
    private readonly firstSlicesDrawn: () => Promise<void> = () => Promise.resolve(),
  ) {}

  start(): () => void {
    const s = this.store;
    const offs = [
      this.backend.onEvent((event) => {
        if (event.type === 'edited') {
          // After the edit is on screen: the panel follows, it does not hold up the views.
          afterPaint(() => {
            this.refresh();
            if (s.getState().skeletonDisplay.selection) void this.loadSegmentSkeletons();
          });
        } else if (event.type === 'taskEnd' && event.taskId.startsWith('metrics-')) this.refresh();
      }),
      watch(
        s,
        (st) => st.sessionSeq,
        () => this.onSession(),
      ),
      watch(
        s,
        (st) => st.selection,
        () => void this.loadSegmentSkeletons(),
      ),
      watch(
        s,
        (st) => st.skeletonDisplay.selection,
        () => void this.loadSegmentSkeletons(),
      ),
    ];
    if (s.getState().session) this.onSession();
    return () => {
      clearTimeout(this.poll);
      for (const off of offs) off();
    };
  }

  /** Read the metrics again (coalesced: at most one request in flight, one more queued). */
  refresh(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    this.backend.api
      .getMetrics({})
      .then((metrics) => {
        this.store.getState().setMetrics(metrics);
        clearTimeout(this.poll);
        if (metrics.status === 'computing') this.poll = setTimeout(() => this.refresh(), COMPUTING_POLL_MS);
      })
      .catch((error: unknown) => this.report('read the metrics', error))
      .finally(() => {
        this.inFlight = false;
        if (this.again) {
          this.again = false;
          this.refresh();
        }
      });
  }

  async loadGroundTruth(groundTruth: string, skeletons: string): Promise<void> {
    const taskId = newTaskId('metrics');
    const state = this.store.getState();
    state.taskStarted(taskId, `Loading ground truth ${groundTruth}`);
    try {
      const metrics = await this.backend.api.loadGroundTruth({
        groundTruth,
        ...(skeletons ? { skeletons } : {}),
        taskId,
      });
      this.store.getState().setMetrics(metrics);
      await this.loadGroundTruthSkeletons();
    } finally {
      this.store.getState().taskEnded(taskId);
    }
  }

  async recompute(): Promise<void> {
    const taskId = newTaskId('metrics');
    this.store.getState().taskStarted(taskId, 'Recomputing metrics');
    try {
      this.store.getState().setMetrics(await this.backend.api.recomputeMetrics({ taskId }));
    } catch (error) {
      this.report('recompute the metrics', error);
    } finally {
      this.store.getState().taskEnded(taskId);
    }
  }

  async computeTodo(): Promise<void> {
    const taskId = newTaskId('todo');
    this.store.getState().taskStarted(taskId, 'Finding likely errors');
    try {
      this.store.getState().setTodo(await this.backend.api.computeTodo({ taskId }));
    } catch (error) {
      if (!/cancelled/.test(messageOf(error))) this.report('find likely errors', error);
    } finally {
      this.store.getState().taskEnded(taskId);
    }
  }

  async setTodoStatus(item: TodoEntry, status: TodoStatus): Promise<void> {
    try {
      this.store.getState().updateTodoItem(await this.backend.api.setTodoStatus({ id: item.id, status }));
    } catch (error) {
      this.report('save the to-do status', error);
    }
  }

  /** Select the item's segments and put the crosshair on its voxel. */
  showTodoItem(item: TodoEntry): void {
    this.store
      .getState()
      .showSegmentsAt(item.segmentIds.map(String), [item.voxel[0], item.voxel[1], item.voxel[2]]);
  }

  private onSession(): void {
    void this.firstSlicesDrawn().then(() => this.loadSession());
  }

  private loadSession(): void {
    if (!this.store.getState().session) return;
    this.refresh();
    void this.loadGroundTruthSkeletons();
    void this.loadSegmentSkeletons();
    this.backend.api
      .listTodo({})
      .then((todo) => {
        this.store.getState().setTodo(todo);
        // Computed automatically the first time a project is opened.
        if (todo.computedAt === null) void this.computeTodo();
      })
      .catch((error: unknown) => this.report('read the to-do list', error));
  }

  private async loadGroundTruthSkeletons(): Promise<void> {
    try {
      const set = await this.backend.api.getSkeletons({ groundTruth: true });
      this.store.getState().setGroundTruthSkeletons(set.skeletons);
    } catch (error) {
      this.report('load the ground-truth skeletons', error);
    }
  }

  private async loadSegmentSkeletons(): Promise<void> {
    const { selection, skeletonDisplay, setSegmentSkeletons } = this.store.getState();
    const seq = ++this.skeletonSeq;
    if (!skeletonDisplay.selection || selection.length === 0) {
      setSegmentSkeletons([]);
      return;
    }
    try {
      const set = await this.backend.api.getSkeletons({
        ids: selection.slice(0, 20),
        groundTruth: false,
        taskId: newTaskId('skeletons'),
      });
      if (seq === this.skeletonSeq) this.store.getState().setSegmentSkeletons(set.skeletons);
    } catch (error) {
      if (seq === this.skeletonSeq) this.report('skeletonize the selection', error);
    }
  }

  private report(what: string, error: unknown): void {
    this.store.getState().pushError(`Could not ${what}: ${messageOf(error)}`);
  }
}
