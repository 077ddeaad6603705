import type { MetricsPoint, ProofreadingChange } from '../../../shared/api/metricsTypes';
import type { EditLogEntry, EditOutcome } from '../../../shared/api/types';
import type { MetricsHistoryStore } from './historyStore';
import type { Scores } from './scores';

/** Below this span of editing, a rate per hour says nothing. */
const MIN_RATE_SPAN_MS = 2 * 60 * 1000;
/** The plot keeps this many points; older ones are dropped (every snapshot carries them all). */
const MAX_POINTS = 5000;

/** The applied edits by kind and time, and the history of metric values, kept from edit events. */
export class EditTally {
  private readonly applied = new Map<number, { kind: EditLogEntry['kind']; at: number }>();
  private readonly points: MetricsPoint[] = [];
  private store: MetricsHistoryStore | null = null;

  /** Count these edits as the applied ones (when a session opens, after undo / redo all). */
  setApplied(applied: readonly EditLogEntry[]): void {
    this.applied.clear();
    for (const entry of applied) if (!entry.undone) this.record(entry);
  }

  /**
   * Plot against another ground truth (or none), keep the edit counts: the points come from
   * `store` (the project's earlier points for that ground truth) and new ones go there.
   */
  useHistory(store: MetricsHistoryStore | null): void {
    this.store = store;
    this.points.length = 0;
    if (store) this.points.push(...store.load(MAX_POINTS));
  }

  /** Count an action of one step (several steps: `setApplied` from the log). */
  apply(outcome: EditOutcome): void {
    if (outcome.action === 'undo') this.applied.delete(outcome.entry.seq);
    else this.record(outcome.entry);
  }

  get history(): readonly MetricsPoint[] {
    return this.points;
  }

  /**
   * Add a point to the plot: after `outcome`, or when `outcome` is null a starting point, which
   * a reopened project only gets when its scores moved since its last stored point (edits made
   * from the command line, another ground truth file).
   */
  point(outcome: EditOutcome | null, scores: Scores): void {
    const s = scores.scores;
    const last = this.points.at(-1);
    const change = {
      voi_split: scores.change.voi_split,
      voi_merge: scores.change.voi_merge,
      edits: this.applied.size,
    };
    const groundTruth = s
      ? {
          voi_split: s.voi_split,
          voi_merge: s.voi_merge,
          adapted_rand_error: s.adapted_rand_error,
          nerl: s.nerl,
        }
      : null;
    if (!outcome && last && samePoint(last, change, groundTruth)) return;
    const verb = outcome && outcome.action !== 'do' ? `${outcome.action} ` : '';
    const point: MetricsPoint = {
      step: (last?.step ?? -1) + 1,
      action: outcome ? outcome.action : 'start',
      seq: outcome ? outcome.entry.seq : null,
      label: outcome
        ? outcome.steps > 1
          ? `${outcome.action} ${outcome.steps} edits`
          : `${verb}${outcome.entry.text}`
        : last
          ? 'opened'
          : 'start',
      at: new Date().toISOString(),
      change,
      groundTruth,
    };
    if (this.points.length >= MAX_POINTS) this.points.splice(0, this.points.length - MAX_POINTS + 1);
    this.points.push(point);
    if (this.store) {
      this.store.append(point);
      if (point.step % MAX_POINTS === 0) this.store.trim(MAX_POINTS);
    }
  }

  summary(scores: Scores): ProofreadingChange {
    const count = { merges: 0, splits: 0, paints: 0, erases: 0 };
    let first = Infinity;
    let last = -Infinity;
    for (const { kind, at } of this.applied.values()) {
      if (kind === 'merge') count.merges++;
      else if (kind === 'split' || kind === 'splitComponents') count.splits++;
      else if (kind === 'paint') count.paints++;
      else count.erases++;
      first = Math.min(first, at);
      last = Math.max(last, at);
    }
    const span = last - first;
    return {
      voi_split: scores.change.voi_split,
      voi_merge: scores.change.voi_merge,
      edits: this.applied.size,
      ...count,
      voxelsChanged: scores.change.voxelsChanged,
      editsPerHour: span >= MIN_RATE_SPAN_MS ? this.applied.size / (span / 3_600_000) : null,
      firstEditAt: Number.isFinite(first) ? new Date(first).toISOString() : null,
      lastEditAt: Number.isFinite(last) ? new Date(last).toISOString() : null,
    };
  }

  private record(entry: EditLogEntry): void {
    const at = Date.parse(entry.at);
    this.applied.set(entry.seq, { kind: entry.kind, at: Number.isNaN(at) ? Date.now() : at });
  }
}

const close = (a: number | null, b: number | null): boolean =>
  a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));

function samePoint(
  last: MetricsPoint,
  change: MetricsPoint['change'],
  groundTruth: MetricsPoint['groundTruth'],
): boolean {
  if (last.change.edits !== change.edits) return false;
  if (!close(last.change.voi_split, change.voi_split) || !close(last.change.voi_merge, change.voi_merge))
    return false;
  const a = last.groundTruth;
  if (!a || !groundTruth) return a === groundTruth;
  return (
    close(a.voi_split, groundTruth.voi_split) &&
    close(a.voi_merge, groundTruth.voi_merge) &&
    close(a.adapted_rand_error, groundTruth.adapted_rand_error) &&
    close(a.nerl, groundTruth.nerl)
  );
}
