import type { EditLogPage, EditOutcome } from '../../shared/api/types';
import type { Vec3 } from '../../shared/volume/types';
import type { EditHistory, OutcomeSummary } from '../state/editSlice';

/** Ids arrive as bigint (IPC, envelopes) or as decimal strings (events over JSON). */
const ids = (list: readonly unknown[]): string[] => list.map((id) => String(id));
const vec = (v: readonly number[]): Vec3 => [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0];

export function summarizeOutcome(o: EditOutcome): OutcomeSummary {
  const before = ids(o.entry.segmentsBefore);
  const after = ids(o.entry.segmentsAfter);
  // Undo runs the edit backwards: what it creates is what the edit had consumed.
  const [from, to] = o.action === 'undo' ? [after, before] : [before, after];
  return {
    action: o.action,
    seq: o.entry.seq,
    steps: o.steps,
    kind: o.entry.kind,
    text: o.entry.text,
    voxel: vec(o.entry.voxel),
    changed: ids(o.changed),
    removed: ids(o.removed),
    created: to.filter((id) => !from.includes(id)),
    box: o.box ? { start: vec(o.box.start), size: vec(o.box.size) } : null,
    canUndo: o.canUndo,
    canRedo: o.canRedo,
  };
}

/**
 * The same outcome can arrive twice: as the answer to this window's call and as the 'edited'
 * event every window gets. The actions on one log entry alternate (do, undo, redo, undo, ...),
 * so an outcome whose action repeats the last one seen for its entry is the duplicate. An action
 * of several steps (undo / redo all) names only its last entry: it is told apart by its whole
 * identity, and the entries it moved unseen make the per-entry record stale, so it starts over.
 */
export class OutcomeDeduper {
  private readonly last = new Map<number, string>();
  private lastBatch: string | null = null;

  /** True the first time an outcome is seen, false for its duplicate. */
  admit(o: OutcomeSummary): boolean {
    if (o.steps > 1) {
      const identity = `${o.seq}:${o.action}:${o.steps}:${o.canUndo}:${o.canRedo}`;
      if (identity === this.lastBatch) return false;
      this.last.clear();
      this.lastBatch = identity;
      return true;
    }
    this.lastBatch = null;
    if (this.last.get(o.seq) === o.action) return false;
    this.last.delete(o.seq);
    this.last.set(o.seq, o.action);
    if (this.last.size > 1000) this.last.delete(this.last.keys().next().value!);
    return true;
  }

  reset(): void {
    this.last.clear();
    this.lastBatch = null;
  }
}

/**
 * Ids to add to the selection after this window's own action: what the action created, when it
 * acted on a segment that is selected (the new piece of a split, the source of an undone merge).
 */
export function idsToSelect(o: OutcomeSummary, selection: readonly string[], own: boolean): string[] {
  if (!own || o.created.length === 0) return [];
  const touched = new Set([...o.changed, ...o.removed]);
  return selection.some((id) => touched.has(id)) ? [...o.created] : [];
}

export function historyOf(page: EditLogPage): EditHistory {
  return {
    total: page.total,
    applied: page.applied,
    entries: page.entries.map((e) => ({
      seq: e.seq,
      at: e.at,
      kind: e.kind,
      text: e.text,
      voxel: vec(e.voxel),
      changedVoxels: e.changedVoxels,
      undone: e.undone,
    })),
  };
}

/** Segments folded into one survivor by a merge: no voxel changed, only ids. */
export interface IdMerge {
  readonly from: readonly string[];
  readonly to: string;
}

/**
 * The ids a merge (or its redo) folded into its survivor, which the views can apply themselves
 * (relabel the slices they hold, show the meshes they have under one id); null for every other
 * outcome, whose voxels the views must read again.
 */
export function idMergeOf(o: OutcomeSummary): IdMerge | null {
  if (o.kind !== 'merge' || o.action === 'undo' || o.steps !== 1 || o.box !== null) return null;
  const survivors = o.changed.filter((id) => !o.removed.includes(id));
  if (o.removed.length === 0 || survivors.length !== 1) return null;
  return { from: o.removed, to: survivors[0]! };
}
