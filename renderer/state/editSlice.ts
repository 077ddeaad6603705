import type { StateCreator } from 'zustand/vanilla';
import type { EditLogEntry, EditOutcome } from '../../shared/api/types';
import type { Box3, Vec3 } from '../../shared/volume/types';
import type { AppState } from './store';

/** An EditOutcome with decimal-string ids, as the views use them. */
export interface OutcomeSummary {
  readonly action: EditOutcome['action'];
  readonly seq: number;
  /** How many edits the action moved (undo / redo all: more than one; `seq` is the last). */
  readonly steps: number;
  readonly kind: EditLogEntry['kind'];
  readonly text: string;
  readonly voxel: Vec3;
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** Ids this action brought into existence (a split's new piece, an undone merge's source). */
  readonly created: readonly string[];
  readonly box: Box3 | null;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

/** One history row, ids as strings. */
export interface HistoryEntry {
  readonly seq: number;
  readonly at: string;
  readonly kind: EditLogEntry['kind'];
  readonly text: string;
  readonly voxel: Vec3;
  readonly changedVoxels: number;
  readonly undone: boolean;
}

export interface EditHistory {
  readonly total: number;
  readonly applied: number;
  /** Newest first. */
  readonly entries: readonly HistoryEntry[];
}

export interface EditSlice {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Bumped once per applied outcome: lists and the history reload when it changes. */
  readonly editSeq: number;
  /** The outcome applied last; views refresh what it touched. */
  readonly lastOutcome: OutcomeSummary | null;
  readonly history: EditHistory | null;
  /** Edits, undos and redos this window sent and waits for. */
  readonly editsInFlight: number;
  /** Adopt an outcome: undo/redo state, selection without removed ids (plus `select`). */
  readonly outcomeApplied: (outcome: OutcomeSummary, select: readonly string[]) => void;
  readonly setHistory: (history: EditHistory) => void;
  readonly editStarted: () => void;
  readonly editEnded: () => void;
}

export const createEditSlice: StateCreator<AppState, [], [], EditSlice> = (set) => ({
  canUndo: false,
  canRedo: false,
  editSeq: 0,
  lastOutcome: null,
  history: null,
  editsInFlight: 0,
  outcomeApplied: (outcome, select) =>
    set((s) => {
      const removed = new Set(outcome.removed);
      const kept = s.selection.filter((id) => !removed.has(id));
      const added = select.filter((id) => !kept.includes(id) && !removed.has(id));
      const selection =
        added.length > 0 || kept.length !== s.selection.length ? [...kept, ...added] : s.selection;
      return {
        canUndo: outcome.canUndo,
        canRedo: outcome.canRedo,
        editSeq: s.editSeq + 1,
        lastOutcome: outcome,
        selection,
      };
    }),
  setHistory: (history) => {
    const newest = history.entries[0];
    set({
      history,
      canUndo: history.applied > 0,
      canRedo: newest !== undefined && newest.undone,
    });
  },
  editStarted: () => set((s) => ({ editsInFlight: s.editsInFlight + 1 })),
  editEnded: () => set((s) => ({ editsInFlight: Math.max(0, s.editsInFlight - 1) })),
});
