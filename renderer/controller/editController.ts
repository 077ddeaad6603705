import type { EditOutcome } from '../../shared/api/types';
import type { EditCommandJson } from '../../shared/edit/json';
import type { Backend } from '../api/client';
import { watch, type AppStore } from '../state/store';
import type { SliceCache } from '../views/sliceCache';
import { historyOf, idMergeOf, idsToSelect, OutcomeDeduper, summarizeOutcome } from './outcomes';
import { afterPaint } from './afterPaint';
import { messageOf, newTaskId } from './taskIds';

const HISTORY_LIMIT = 200;
const HISTORY_DELAY_MS = 60;

/**
 * Sends edits, undo and redo as named tasks, and applies every outcome (this window's answers and
 * other windows' 'edited' events) once: undo/redo state, selection, the slices crossing the
 * changed box (a merge relabels the cached slices instead); views follow `lastOutcome`. Keeps the history list current.
 */
export class EditController {
  private readonly deduper = new OutcomeDeduper();
  private historyTimer: ReturnType<typeof setTimeout> | undefined;
  private cancelHistory: () => void = () => undefined;

  constructor(
    private readonly store: AppStore,
    private readonly backend: Backend,
    private readonly sliceCache: SliceCache,
  ) {}

  /** Listen to 'edited' events and reload the history when edits or sessions change. */
  start(): () => void {
    const offEvents = this.backend.onEvent((event) => {
      if (event.type === 'edited') this.apply(event.outcome, false);
    });
    const reload = () => this.scheduleHistory();
    const offSession = watch(
      this.store,
      (s) => s.sessionSeq,
      () => {
        this.deduper.reset();
        reload();
      },
    );
    const offEdits = watch(this.store, (s) => s.editSeq, reload);
    if (this.store.getState().session) reload();
    return () => {
      offEvents();
      offSession();
      offEdits();
      this.cancelHistory();
      clearTimeout(this.historyTimer);
    };
  }

  /** Apply an outcome; `own` when it answers this window's call (its new pieces get selected). */
  apply(outcome: EditOutcome, own: boolean): void {
    const summary = summarizeOutcome(outcome);
    const s = this.store.getState();
    const select = idsToSelect(summary, s.selection, own);
    if (!this.deduper.admit(summary)) {
      // Seen already as an event: only the part that is this window's own is left to do.
      if (select.length > 0) s.outcomeApplied({ ...summary, changed: [], removed: [] }, select);
      return;
    }
    // The store first: the slices then compose once, with the selection the outcome leaves.
    s.outcomeApplied(summary, select);
    const merge = idMergeOf(summary);
    if (merge) this.sliceCache.merge(merge.from.map(BigInt), BigInt(merge.to));
    else this.sliceCache.invalidate(summary.box);
  }

  /** Perform one edit; resolves true when it was applied (failures go to the error banner). */
  async run(command: EditCommandJson, label: string): Promise<boolean> {
    return this.task(label, async (taskId) => {
      this.apply(await this.backend.api.edit({ command, taskId }), true);
    });
  }

  /** Undo the latest edit, the latest `steps` or 'all' (one transaction on the backend). */
  undo(steps: number | 'all' = 1): Promise<boolean> {
    return this.move('undo', steps);
  }

  redo(steps: number | 'all' = 1): Promise<boolean> {
    return this.move('redo', steps);
  }

  private move(action: 'undo' | 'redo', steps: number | 'all'): Promise<boolean> {
    const verb = action === 'undo' ? 'Undo' : 'Redo';
    const label = steps === 1 ? verb : steps === 'all' ? `${verb} all` : `${verb} ${steps} edits`;
    return this.task(label, async () => {
      const request = steps === 'all' ? { all: true } : steps === 1 ? {} : { steps };
      const outcome = await this.backend.api[action](request);
      if (outcome) this.apply(outcome, true);
      else this.store.getState().setHint(`Nothing to ${action}`);
    });
  }

  private async task(label: string, work: (taskId: string) => Promise<void>): Promise<boolean> {
    const s = this.store.getState();
    if (!s.session) return false;
    const taskId = newTaskId('edit');
    s.setHint(null);
    s.taskStarted(taskId, label);
    s.editStarted();
    try {
      await work(taskId);
      return true;
    } catch (error) {
      this.store.getState().pushError(`Could not ${label.toLowerCase()}: ${messageOf(error)}`);
      return false;
    } finally {
      this.store.getState().editEnded();
      this.store.getState().taskEnded(taskId);
    }
  }

  /** Reload the history once the edit is on screen, coalescing edits that come in a burst. */
  private scheduleHistory(): void {
    this.cancelHistory();
    clearTimeout(this.historyTimer);
    this.cancelHistory = afterPaint(() => {
      this.historyTimer = setTimeout(() => void this.loadHistory(), HISTORY_DELAY_MS);
    });
  }

  private async loadHistory(): Promise<void> {
    const { sessionSeq, editSeq, session } = this.store.getState();
    if (!session) return;
    try {
      const page = await this.backend.api.listEdits({ limit: HISTORY_LIMIT });
      // A newer edit has scheduled its own reload: this page may already be out of date.
      const now = this.store.getState();
      if (sessionSeq === now.sessionSeq && editSeq === now.editSeq) now.setHistory(historyOf(page));
    } catch (error) {
      this.store.getState().pushError(`Could not read the edit history: ${messageOf(error)}`);
    }
  }
}
