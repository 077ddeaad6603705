import type { EditLogPage, EditOutcome, SegmentSummary, SplitPreviewData } from '../../../shared/api/types';
import { applyCommand } from '../../../shared/edit/commands';
import { commandToJson, deltaToJson } from '../../../shared/edit/json';
import { applyDelta, applyToBlock, invertDelta } from '../../../shared/edit/state';
import { chunkKey } from '../../../shared/edit/overrides';
import type {
  ChunkOverrides,
  EditCommand,
  EditDelta,
  EditResult,
  EditState,
} from '../../../shared/edit/types';
import { chunksInBox } from '../../../shared/volume/box';
import { SIDE_UNREACHED, SIDE_SOURCE } from '../../../shared/edit/watershed';
import type { Box3, ImageArray, LabelArray, Vec3 } from '../../../shared/volume/types';
import type { VolumeSource } from '../../io/openVolume';
import type { ChunkCache } from '../chunkCache';
import { EditWorker } from '../editWorker';
import type { ProjectStore } from '../projectStore';
import type { SegmentIndex } from '../segmentIndex';
import { toDisplay, toUint64, type IntensityWindow } from '../slices';
import { CancelledError, type TaskContext } from '../tasks';
import { type Block, blockReader } from './blockReader';
import { DeltaApplier } from './deltaApplier';
import { DeltaCache, type LoggedEdit } from './deltaCache';
import { EditLog } from './editLog';
import {
  type BlockRequest,
  type EditPlan,
  firstChangedVoxel,
  planEdit,
  segmentRegion,
  voxelOfSegment,
} from './editPlan';
import { replayLog, type EditStart } from './editReplay';
import { type SegmentChanges, changesToJson, mergeChanges, voxelChanges } from './segmentStats';

/** What the edit service works on: the open volumes, their index and the project file. */
export interface EditVolumes {
  readonly project: ProjectStore;
  readonly segmentation: VolumeSource;
  readonly image: VolumeSource;
  readonly cache: ChunkCache;
  readonly index: SegmentIndex;
  readonly resolution: Vec3;
  readonly window: IntensityWindow;
}

export interface SplitPreviewParams {
  readonly segment: bigint;
  readonly sources: readonly Vec3[];
  readonly sinks: readonly Vec3[];
}

/**
 * The proofreading edits of an open session: the edit state on top of the unmodified
 * segmentation, its linear undo/redo history and the durable log in the project file. Every
 * action is written to the log (one transaction) before the in-memory state changes and before
 * the call returns. Actions run one at a time, in the order they were asked for.
 */
export class EditService {
  private readonly deltas = new DeltaCache();
  /** Previews and applied splits run in separate workers, so cancelling one spares the other. */
  private readonly workers = { preview: new EditWorker(), apply: new EditWorker() };
  private readonly versions = new Map<bigint, number>();
  private readonly listeners = new Set<(outcome: EditOutcome) => void>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly v: EditVolumes,
    readonly log: EditLog,
    private editState: EditState,
    /** Applied edits' seqs, oldest first. */
    private readonly done: number[],
    /** Undone edits' seqs, the next to redo last. */
    private readonly undone: number[],
  ) {}

  /** Rebuild the edit state of a project by replaying the deltas of its applied edits. */
  static async open(v: EditVolumes, ctx: TaskContext): Promise<EditService> {
    const log = new EditLog(v.project.db);
    const start: EditStart = await replayLog(v.project, log, v.index, ctx);
    return new EditService(v, log, start.state, log.applied(), log.undone());
  }

  /** Called after every edit, undo and redo (the backend turns it into an 'edited' event). */
  onOutcome(listener: (outcome: EditOutcome) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** The current edit state (immutable; the next action replaces it). */
  get state(): EditState {
    return this.editState;
  }

  /** Bumped whenever a segment's voxels or identity change: part of its mesh cache key. */
  version(id: bigint): number {
    return this.versions.get(id) ?? 0;
  }

  /**
   * The corrected segmentation of `box` (base labels with every applied edit), uint64 ids, C-order
   * zyx. What slices, meshes, metrics and export read; the segmentation file is never changed.
   */
  async readCorrectedLabels(box: Box3): Promise<BigUint64Array> {
    const raw = (await this.v.cache.read(this.v.segmentation, box)) as LabelArray;
    return applyToBlock(this.state, box, raw);
  }

  private async readUnder(state: EditState, box: Box3): Promise<BigUint64Array> {
    return applyToBlock(state, box, (await this.v.cache.read(this.v.segmentation, box)) as LabelArray);
  }

  /** Perform an edit command; it is in the log when this resolves. */
  edit(command: EditCommand, ctx?: TaskContext): Promise<EditOutcome> {
    return this.serial(() => this.perform(command, ctx));
  }

  /** Undo the latest applied edit; null when there is none. */
  undo(): Promise<EditOutcome | null> {
    return this.undoSteps(1);
  }

  redo(): Promise<EditOutcome | null> {
    return this.redoSteps(1);
  }

  /**
   * Undo the latest `steps` edits (Infinity: all) in one transaction; null when there is nothing
   * to undo. Listeners get one outcome for them all (`steps` says how many).
   */
  undoSteps(steps: number): Promise<EditOutcome | null> {
    return this.serial(() => this.move('undo', steps));
  }

  /** Redo the next `steps` undone edits (Infinity: all), as `undoSteps`. */
  redoSteps(steps: number): Promise<EditOutcome | null> {
    return this.serial(() => this.move('redo', steps));
  }

  listEdits(offset: number, limit: number): EditLogPage {
    return this.log.page(offset, limit);
  }

  /**
   * The annotator is about to split: start the split workers and warm them up, so that the first
   * preview and split of a large segment run at the speed of later ones (a cold worker's first
   * previews of a 2 Mvoxel segment take several times longer). Resolves when both are warm.
   */
  async prepareSplit(): Promise<void> {
    await Promise.all([this.workers.preview.warmUp(), this.workers.apply.warmUp()]);
  }

  /** Where a split would cut (nothing changes). Unreached voxels go with the source side. */
  async splitPreview(params: SplitPreviewParams, ctx?: TaskContext): Promise<SplitPreviewData> {
    const state = this.state;
    const { segment, box } = segmentRegion(this.planContext(state), params.segment, undefined);
    const shape = this.v.segmentation.info.shape;
    // Seeds outside the volume are not read; the split model names them.
    const seeds = [...params.sources, ...params.sinks]
      .filter((at) => at.every((c, d) => c >= 0 && c < shape[d]!))
      .map((at) => ({ box: unit(at), image: false }));
    const blocks = await this.readAhead([{ box, image: true }, ...seeds], ctx);
    const command = { kind: 'split' as const, ...params, segment, box };
    const reply = await this.offThread('preview', state, command, blocks, ctx);
    if (!('preview' in reply)) throw new Error('the edit worker answered a preview with no preview');
    const p = reply.preview;
    const sides = p.sides;
    for (let i = 0; i < sides.length; i++) if (sides[i] === SIDE_UNREACHED) sides[i] = SIDE_SOURCE;
    return {
      segment: p.segment,
      box: p.box,
      sides,
      sourceVoxels: p.sourceVoxels + p.unreachedVoxels,
      sinkVoxels: p.sinkVoxels,
    };
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private planContext(state: EditState) {
    return {
      state,
      ids: blockReader(this.base(), []),
      shape: this.v.segmentation.info.shape,
      lookup: (id: bigint) => this.v.index.get(id),
    };
  }

  private base() {
    const index = this.v.index;
    return {
      shape: this.v.segmentation.info.shape,
      resolution: this.v.resolution,
      maxId: index.baseMaxId,
      hasId: (id: bigint) => index.hasBaseId(id),
    };
  }

  private async readAhead(requests: readonly BlockRequest[], ctx?: TaskContext): Promise<Block[]> {
    const blocks = await Promise.all(
      requests.map(async ({ box, image }): Promise<Block> => {
        const [labels, pixels] = await Promise.all([
          this.v.cache.read(this.v.segmentation, box),
          image ? this.v.cache.read(this.v.image, box) : undefined,
        ]);
        const uint64 = toUint64(labels as LabelArray);
        return pixels
          ? { box, labels: uint64, image: toDisplay(pixels as ImageArray, this.v.window) }
          : { box, labels: uint64 };
      }),
    );
    if (ctx?.signal.aborted) throw new CancelledError('edit');
    return blocks;
  }

  /** Run a split or its preview in the worker, on the blocks read ahead (handed over to it). */
  private offThread(
    action: 'preview' | 'apply',
    state: EditState,
    command: Extract<EditCommand, { kind: 'split' | 'splitComponents' }>,
    blocks: readonly Block[],
    ctx?: TaskContext,
  ) {
    const base = this.base();
    return this.workers[action].run(
      {
        action,
        command,
        state: stateWithin(state, blocks),
        shape: base.shape,
        resolution: base.resolution,
        maxId: base.maxId,
        knownIds: [command.segment],
        blocks,
      },
      ctx?.signal,
    );
  }

  /** Apply an edit: splits in the worker (the model gives the delta, applied here), the rest here. */
  private async compute(state: EditState, plan: EditPlan, ctx?: TaskContext): Promise<EditResult> {
    const blocks = await this.readAhead(plan.blocks, ctx);
    const command = plan.command;
    if (command.kind !== 'split' && command.kind !== 'splitComponents') {
      return applyCommand(state, blockReader(this.base(), blocks), command);
    }
    const reply = await this.offThread('apply', state, command, blocks, ctx);
    if (!('delta' in reply)) throw new Error('the edit worker answered a split with no delta');
    const delta = reply.delta;
    return { state: applyDelta(state, delta), delta, inverse: invertDelta(delta), summary: reply.summary };
  }

  /** Stop the worker (the session is closing). */
  close(): void {
    this.workers.preview.stop();
    this.workers.apply.stop();
  }

  private async perform(command: EditCommand, ctx?: TaskContext): Promise<EditOutcome> {
    const before = this.state;
    const plan = planEdit(this.planContext(before), command);
    const result = await this.compute(before, plan, ctx);
    if (ctx?.signal.aborted) throw new CancelledError('edit');
    const lookup = (id: bigint) => this.v.index.get(id);
    const changes =
      result.summary.kind === 'merge'
        ? mergeChanges(result.summary.segments[0]!, result.summary.segments[1]!, lookup)
        : await voxelChanges(
            result.delta,
            { before, after: result.state },
            (s, b) => this.readUnder(s, b),
            lookup,
          );
    const voxel = await this.whereItHappened(plan.command, result, changes, before);
    const seq = this.log.append({
      kind: result.summary.kind,
      text: result.summary.text,
      params: commandToJson(plan.command),
      segmentsBefore: present(changes.before),
      segmentsAfter: present(changes.after),
      changedVoxels: result.summary.changedVoxels,
      voxel,
      delta: deltaToJson(result.delta),
      stats: changesToJson(changes),
    });
    // Durable now: change the state in memory.
    this.editState = result.state;
    this.done.push(seq);
    for (const dropped of this.undone.splice(0)) this.deltas.delete(dropped);
    this.deltas.set(seq, { delta: result.delta, changes });
    return this.announce(seq, 'do', [changes]);
  }

  private async whereItHappened(
    command: EditCommand,
    result: EditResult,
    changes: SegmentChanges,
    before: EditState,
  ): Promise<Vec3> {
    if (command.kind === 'split') return command.sinks[0]!;
    const changed = firstChangedVoxel(result.delta, before.chunkShape);
    if (changed) return changed;
    const from = result.summary.segments[1];
    const summary: SegmentSummary | null | undefined =
      from === undefined ? undefined : changes.before.get(from);
    if (!summary) return [0, 0, 0];
    return voxelOfSegment(summary, (box) => this.readUnder(before, box));
  }

  private move(action: 'undo' | 'redo', steps: number): Promise<EditOutcome | null> {
    const from = action === 'undo' ? this.done : this.undone;
    const to = action === 'undo' ? this.undone : this.done;
    const seqs = from.slice(-Math.min(from.length, Math.max(0, steps))).reverse();
    if (seqs.length === 0) return Promise.resolve(null);
    const edits: LoggedEdit[] = seqs.map((seq) => this.deltas.get(seq) ?? this.deltas.load(this.log, seq));
    const deltas = edits.map((e): EditDelta => (action === 'undo' ? invertDelta(e.delta) : e.delta));
    let state: EditState;
    if (deltas.length === 1) {
      state = applyDelta(this.state, deltas[0]!);
    } else {
      const applier = new DeltaApplier(this.state);
      for (const delta of deltas) applier.apply(delta);
      state = applier.finish();
    }
    this.log.record(action, seqs);
    this.editState = state;
    from.length -= seqs.length;
    to.push(...seqs);
    return Promise.resolve(
      this.announce(
        seqs.at(-1)!,
        action,
        edits.map((e) => e.changes),
      ),
    );
  }

  /**
   * Update the segment index and mesh versions after the actions whose segment changes are
   * `steps` (in the order they happened), then tell the listeners once.
   */
  private announce(
    seq: number,
    action: EditOutcome['action'],
    steps: readonly SegmentChanges[],
  ): EditOutcome {
    const final = new Map<bigint, SegmentSummary | null>();
    let box: Box3 | null = null;
    for (const changes of steps) {
      for (const [id, summary] of action === 'undo' ? changes.before : changes.after) final.set(id, summary);
      if (changes.box) box = box ? unionBox(box, changes.box) : changes.box;
    }
    for (const [id, summary] of final) {
      this.v.index.set(id, summary);
      this.versions.set(id, this.version(id) + 1);
    }
    const outcome: EditOutcome = {
      entry: this.log.entry(seq),
      action,
      steps: steps.length,
      changed: [...final.keys()],
      removed: [...final].filter(([, s]) => s === null).map(([id]) => id),
      box,
      canUndo: this.canUndo,
      canRedo: this.canRedo,
    };
    // The action is durable already: a failing listener must not make it look failed.
    for (const listener of this.listeners) {
      try {
        listener(outcome);
      } catch (error) {
        console.error(`axon-proofreader: an 'edited' listener failed: ${(error as Error).message}`);
      }
    }
    return outcome;
  }
}

function unionBox(a: Box3, b: Box3): Box3 {
  const start = a.start.map((v, i) => Math.min(v, b.start[i]!)) as unknown as Vec3;
  const size = a.start.map(
    (v, i) => Math.max(v + a.size[i]!, b.start[i]! + b.size[i]!) - start[i]!,
  ) as unknown as Vec3;
  return { start, size };
}

const unit = (at: Vec3): Box3 => ({ start: at, size: [1, 1, 1] });

/** The state with only the overrides of chunks the blocks touch (what a worker needs). */
function stateWithin(state: EditState, blocks: readonly Block[]): EditState {
  const overrides = new Map<string, ChunkOverrides>();
  for (const block of blocks) {
    for (const chunk of chunksInBox(block.box, state.chunkShape)) {
      const key = chunkKey(chunk);
      const entry = state.overrides.get(key);
      if (entry) overrides.set(key, entry);
    }
  }
  return { ...state, overrides };
}

function present(summaries: ReadonlyMap<bigint, SegmentSummary | null>): bigint[] {
  return [...summaries].filter(([, s]) => s !== null).map(([id]) => id);
}
