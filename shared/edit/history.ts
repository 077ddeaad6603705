import { applyCommand } from './commands';
import { applyDelta, invertDelta } from './state';
import type { EditCommand, EditDelta, EditResult, EditState, EditSummary, LabelReader } from './types';

/** One performed edit: the command as issued and what it changed. */
export interface HistoryEntry {
  readonly command: EditCommand;
  readonly delta: EditDelta;
  readonly summary: EditSummary;
}

/**
 * Linear undo/redo over an edit state (immutable; each call returns a new history). Undo applies
 * an entry's inverse delta, redo its delta: neither re-runs the command. A new edit drops the
 * redo stack. The backend persists the same entries in its SQLite log.
 */
export interface EditHistory {
  readonly state: EditState;
  readonly done: readonly HistoryEntry[];
  readonly undone: readonly HistoryEntry[];
}

export function createHistory(state: EditState): EditHistory {
  return { state, done: [], undone: [] };
}

export function perform(
  history: EditHistory,
  reader: LabelReader,
  command: EditCommand,
): { history: EditHistory; result: EditResult } {
  const result = applyCommand(history.state, reader, command);
  const entry: HistoryEntry = { command, delta: result.delta, summary: result.summary };
  return { history: { state: result.state, done: [...history.done, entry], undone: [] }, result };
}

/** Undo the last edit; null when there is none. */
export function undo(history: EditHistory): { history: EditHistory; entry: HistoryEntry } | null {
  const entry = history.done.at(-1);
  if (!entry) return null;
  return {
    history: {
      state: applyDelta(history.state, invertDelta(entry.delta)),
      done: history.done.slice(0, -1),
      undone: [...history.undone, entry],
    },
    entry,
  };
}

/** Redo the last undone edit; null when there is none. */
export function redo(history: EditHistory): { history: EditHistory; entry: HistoryEntry } | null {
  const entry = history.undone.at(-1);
  if (!entry) return null;
  return {
    history: {
      state: applyDelta(history.state, entry.delta),
      done: [...history.done, entry],
      undone: history.undone.slice(0, -1),
    },
    entry,
  };
}
