import type { EditDelta } from '../../../shared/edit/types';
import type { EditLog } from './editLog';
import { type SegmentChanges, changesFromJson } from './segmentStats';

/** An edit as undo and redo need it: its delta and the segment summaries around it. */
export interface LoggedEdit {
  readonly delta: EditDelta;
  readonly changes: SegmentChanges;
}

/** About 20 bytes a changed voxel (index, before, after): 2 Mi voxels is 40 MiB. */
const BUDGET_VOXELS = 2 * 2 ** 20;

const weight = (e: LoggedEdit): number => 1 + e.delta.voxels.reduce((n, c) => n + c.index.length, 0);

/**
 * Recent edits' deltas in memory (least recently used go first); older ones are read back from
 * the log, so a long history costs disk, not memory.
 */
export class DeltaCache {
  private readonly entries = new Map<number, LoggedEdit>();
  private voxels = 0;

  get(seq: number): LoggedEdit | undefined {
    const hit = this.entries.get(seq);
    if (hit) {
      this.entries.delete(seq);
      this.entries.set(seq, hit);
    }
    return hit;
  }

  /** Read an edit from the log and keep it. */
  load(log: EditLog, seq: number): LoggedEdit {
    const { delta, stats } = log.load(seq);
    const edit = { delta, changes: changesFromJson(stats) };
    this.set(seq, edit);
    return edit;
  }

  set(seq: number, edit: LoggedEdit): void {
    this.delete(seq);
    this.entries.set(seq, edit);
    this.voxels += weight(edit);
    for (const [key, e] of this.entries) {
      if (this.voxels <= BUDGET_VOXELS || key === seq) break;
      this.entries.delete(key);
      this.voxels -= weight(e);
    }
  }

  delete(seq: number): void {
    const e = this.entries.get(seq);
    if (!e) return;
    this.entries.delete(seq);
    this.voxels -= weight(e);
  }
}
