import type { MetricsSnapshot } from '../../shared/api/metricsTypes';
import type { EditLogEntry, EditOutcome } from '../../shared/api/types';
import type { EditState } from '../../shared/edit/types';
import type { Skeleton } from '../../shared/formats/swc';
import type { LabelArray } from '../../shared/volume/types';
import { ChunkCache } from './chunkCache';
import { countVolumes } from './metrics/fullPass';
import { EditTally } from './metrics/editTally';
import { MetricsHistoryStore } from './metrics/historyStore';
import {
  demoGroundTruth,
  nodeVoxels,
  openGroundTruth,
  type GroundTruth,
  type GroundTruthRequest,
} from './metrics/groundTruth';
import { LiveTables } from './metrics/liveTables';
import { changeBox, overrideChanges } from './metrics/overrideDiff';
import { computeScores, ErlMemo, type Scores } from './metrics/scores';
import { sessionVolumes, type SessionVolumes } from './metrics/sessionVolumes';
import type { Session } from './session';
import { CancelledError, type TaskRegistry } from './tasks';

export interface LiveMetricsDeps {
  readonly tasks: TaskRegistry;
  /** The backend's open session, undefined when none. */
  readonly session: () => Session | undefined;
  /** Edits applied when a session opens (for the counts), oldest first. */
  readonly appliedEdits: () => Promise<readonly EditLogEntry[]>;
}

let passCounter = 0;

/**
 * Live metrics of the open session: the corrected segmentation against the original one and,
 * when a ground truth is loaded (the demo's automatically), against it. One full pass counts
 * the volumes into `LiveTables` (a task: progress, cancellation, yielding between blocks); after
 * that every edit is applied incrementally from the voxels whose overrides changed.
 */
export class LiveMetrics {
  private readonly cache = new ChunkCache(128 * 2 ** 20);
  private readonly tally = new EditTally();
  private readonly erlMemo = new ErlMemo();
  private volumes: SessionVolumes | undefined;
  private gt: GroundTruth | undefined;
  private tables: LiveTables | undefined;
  private lastState: EditState | undefined;
  private scores: Scores | undefined;
  private pass: { id: string; done: Promise<void> } | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** Settles once a new session's ground truth is found (or found missing). */
  private started: Promise<void> = Promise.resolve();
  private status: MetricsSnapshot['status'] = 'idle';
  private progress: MetricsSnapshot['progress'] = null;
  private error: string | null = null;
  /** Why a stored or found ground truth could not be opened (the session still scores). */
  private gtProblem: string | null = null;
  private lastUpdate: MetricsSnapshot['lastUpdate'] = null;
  private version = 0;

  constructor(private readonly deps: LiveMetricsDeps) {}

  /** The snapshot as it stands once the latest edit is counted (not waiting for a full pass). */
  async snapshot(): Promise<MetricsSnapshot> {
    this.follow();
    if (!this.pass) await this.queue;
    return this.current();
  }

  /** An edit, undo or redo happened: count it (queued, so edits are applied in order). */
  onEdited(outcome: EditOutcome): void {
    this.follow();
    if (outcome.steps === 1) this.tally.apply(outcome);
    else {
      this.queue = this.queue.then(async () => this.tally.setApplied(await this.deps.appliedEdits()));
    }
    this.queue = this.queue.then(() => this.update(outcome)).catch((error: unknown) => this.fail(error));
  }

  /** Score against a ground truth from now on; resolves when its full pass is done. */
  async loadGroundTruth(request: GroundTruthRequest, taskId?: string): Promise<MetricsSnapshot> {
    const volumes = this.follow();
    if (!volumes) throw new Error('no volume is open: open a segmentation before loading its ground truth');
    const gt = await openGroundTruth(request, volumes.shape, volumes.resolution);
    if (this.pass) this.deps.tasks.cancel(this.pass.id);
    this.replaceGroundTruth(gt);
    this.useHistory(volumes);
    this.gtProblem = null;
    const { project } = volumes.session;
    project.setSource('groundtruth', request.groundTruth, gt.source.info);
    project.setMeta('groundtruth.skeletons', request.skeletons ?? '');
    await this.startPass(taskId);
    return this.current();
  }

  /** Count everything again from the files. */
  async recompute(taskId?: string): Promise<MetricsSnapshot> {
    if (!this.follow()) throw new Error('no volume is open');
    await this.startPass(taskId);
    return this.current();
  }

  /** What the to-do list and skeletons read: the current session's volumes. */
  sessionVolumes(): SessionVolumes {
    const volumes = this.follow();
    if (!volumes) throw new Error('no volume is open: open an image and a segmentation first');
    return volumes;
  }

  async groundTruthSkeletons(): Promise<readonly Skeleton[]> {
    this.follow();
    await this.started;
    return this.gt?.skeletons ?? [];
  }

  /** How long the last incremental update took, for benchmarks. */
  get lastUpdateMs(): number | null {
    return this.lastUpdate?.ms ?? null;
  }

  close(): void {
    if (this.pass) this.deps.tasks.cancel(this.pass.id);
    // A pass of the old session that ends after this finds itself superseded and keeps quiet.
    this.pass = undefined;
    this.replaceGroundTruth(undefined);
    this.useHistory(undefined);
    this.volumes = undefined;
  }

  /** Track the backend's session: a new one starts over (and finds the demo's ground truth). */
  private follow(): SessionVolumes | undefined {
    const session = this.deps.session();
    if (session === this.volumes?.session) return this.volumes;
    this.close();
    this.tables = undefined;
    this.scores = undefined;
    this.status = 'idle';
    this.error = null;
    this.gtProblem = null;
    this.lastUpdate = null;
    if (!session) return undefined;
    const volumes = sessionVolumes(session, this.cache);
    this.volumes = volumes;
    this.queue = this.start(volumes).catch((error: unknown) => this.fail(error));
    return volumes;
  }

  private async start(volumes: SessionVolumes): Promise<void> {
    this.started = this.findGroundTruth(volumes);
    await this.started;
    if (this.volumes === volumes) await this.startPass();
  }

  private async findGroundTruth(volumes: SessionVolumes): Promise<void> {
    this.tally.setApplied(await this.deps.appliedEdits().catch(() => []));
    const request = storedGroundTruth(volumes.session) ?? demoGroundTruth(volumes.base.info.path);
    if (request) {
      try {
        const gt = await openGroundTruth(request, volumes.shape, volumes.resolution);
        if (this.volumes === volumes) this.replaceGroundTruth(gt);
        else gt.source.close();
      } catch (error) {
        this.gtProblem = `ground truth not loaded: ${(error as Error).message}`;
      }
    }
    if (this.volumes === volumes) this.useHistory(volumes);
  }

  private startPass(taskId?: string): Promise<void> {
    if (this.pass) this.deps.tasks.cancel(this.pass.id);
    const volumes = this.volumes!;
    const gt = this.gt;
    const id = taskId ?? `metrics-${++passCounter}`;
    this.status = 'computing';
    this.progress = { done: 0, total: 1 };
    const done = this.deps.tasks
      .run('Computing metrics', id, async (ctx) => {
        const t0 = performance.now();
        const state = volumes.editState();
        const skeletonVoxels = gt ? nodeVoxels(gt.skeletons, gt.resolution, volumes.shape) : [];
        const tables = new LiveTables(volumes.shape, gt !== undefined, skeletonVoxels);
        const progress = (d: number, t: number): void => {
          this.progress = { done: d, total: t };
          ctx.progress(d, t);
        };
        await countVolumes({ base: volumes.base, groundTruth: gt?.source, state }, tables, {
          ...ctx,
          progress,
        });
        if (this.pass?.id !== id) throw new CancelledError('metrics');
        this.tables = tables;
        this.lastState = state;
        await this.applyChanges();
        this.scores = this.score();
        this.tally.point(null, this.scores);
        this.settle(performance.now() - t0, false);
      })
      .catch((error: unknown) => {
        // Superseded (a newer pass, another session): its outcome no longer matters.
        if (this.pass?.id !== id) return;
        this.fail(error);
        throw error;
      })
      .finally(() => {
        if (this.pass?.id === id) this.pass = undefined;
      });
    this.pass = { id, done };
    this.queue = this.queue.then(() => done).catch(() => undefined);
    return done;
  }

  private async update(outcome: EditOutcome): Promise<void> {
    if (this.pass) await this.pass.done.catch(() => undefined);
    if (!this.tables || !this.volumes) return;
    const t0 = performance.now();
    if (!this.volumes.editState()) {
      // Without the edit model's state the changed voxels are unknown: count everything again.
      await this.startPass();
    } else {
      await this.applyChanges();
      this.scores = this.score();
      this.settle(performance.now() - t0, true);
    }
    if (this.scores) this.tally.point(outcome, this.scores);
  }

  /** Bring the tables from `lastState` to the session's current edit state. */
  private async applyChanges(): Promise<void> {
    const volumes = this.volumes!;
    const tables = this.tables!;
    const state = volumes.editState();
    if (!state) return;
    const previous = this.lastState;
    if (!previous) {
      this.lastState = state;
      return;
    }
    for (const change of overrideChanges(previous, state)) {
      const box = changeBox(change, state.chunkShape);
      const [base, gt] = await Promise.all([
        volumes.readBase(box),
        this.gt ? this.cache.read(this.gt.source, box) : undefined,
      ]);
      tables.applyChange(change, state.chunkShape, box, base, gt as LabelArray | undefined);
    }
    this.lastState = state;
  }

  private score(): Scores {
    const merges = this.lastState?.merges;
    return computeScores(this.tables!, {
      resolve: merges && merges.size > 0 ? (id) => merges.get(id) ?? id : (id) => id,
      mergeKey: merges ?? null,
      erlMemo: this.erlMemo,
      skeletons: this.gt?.skeletons ?? [],
      resolution: this.gt?.resolution ?? this.volumes!.resolution,
    });
  }

  private settle(ms: number, incremental: boolean): void {
    this.status = 'ready';
    this.progress = null;
    this.error = null;
    this.lastUpdate = { ms, incremental };
    this.version++;
  }

  private fail(error: unknown): void {
    if (error instanceof CancelledError) {
      this.status = this.scores ? 'ready' : 'idle';
      this.progress = null;
      return;
    }
    this.status = 'error';
    this.progress = null;
    this.error = error instanceof Error ? error.message : String(error);
    this.version++;
  }

  private replaceGroundTruth(gt: GroundTruth | undefined): void {
    if (this.gt) {
      this.cache.drop(this.gt.source);
      this.gt.source.close();
    }
    this.gt = gt;
  }

  /** The plot's points against the current ground truth, from the project and into it. */
  private useHistory(volumes: SessionVolumes | undefined): void {
    this.tally.useHistory(
      volumes ? new MetricsHistoryStore(volumes.session.project.db, this.gt?.spec ?? '') : null,
    );
  }

  private current(): MetricsSnapshot {
    const scores = this.scores;
    const gt = this.gt;
    return {
      status: this.status,
      progress: this.progress,
      error: this.error ?? this.gtProblem,
      groundTruth: gt
        ? {
            spec: gt.spec,
            skeletons: gt.skeletonPath,
            skeletonCount: gt.skeletons.length,
            resolution: gt.resolution,
            automatic: gt.automatic,
          }
        : null,
      change: scores ? this.tally.summary(scores) : null,
      scores: scores?.scores ?? null,
      topSplits: scores?.topSplits ?? [],
      topMerges: scores?.topMerges ?? [],
      history: [...this.tally.history],
      lastUpdate: this.lastUpdate,
      version: this.version,
    };
  }
}

/** A ground truth the user loaded into this project before. */
function storedGroundTruth(session: Session): GroundTruthRequest | undefined {
  const spec = session.project.sources().find((s) => s.role === 'groundtruth')?.spec;
  if (!spec) return undefined;
  const skeletons = session.project.getMeta('groundtruth.skeletons');
  return { groundTruth: spec, ...(skeletons ? { skeletons } : {}) };
}
