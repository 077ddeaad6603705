import { memo, useMemo } from 'react';
import { useServices } from '../services';
import type { HistoryEntry } from '../state/editSlice';
import { useAppStore } from '../state/hooks';

/** Formatters made once: toLocale*String builds a new one per call. */
const TIMES = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' });
const COUNTS = new Intl.NumberFormat('en-US');

const time = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : TIMES.format(d);
};

/**
 * The edit log, newest first; undone edits are struck through. Click one to go where it was; its
 * button undoes every edit after it (or redoes an undone one and those before it). "Undo all" and
 * "Redo all" move the whole history in one step.
 */
export function HistorySection() {
  const { edits } = useServices();
  const history = useAppStore((s) => s.history);
  const busy = useAppStore((s) => s.editsInFlight > 0);
  const entries = history?.entries ?? [];
  const applied = history?.applied ?? 0;
  const undone = (history?.total ?? 0) - applied;
  const moves = useMemo(() => rowMoves(entries), [entries]);
  return (
    <section className="proofread-section fill" data-testid="history-section">
      <div className="panel-heading">
        <span title={undone > 0 ? `${undone} undone edits can be redone` : undefined}>
          History ({history?.total ?? 0}
          {undone > 0 ? ` · ${undone} undone` : ''})
        </span>
      </div>
      <div className="history-actions">
        <button
          type="button"
          data-testid="undo-all"
          disabled={busy || applied === 0}
          title="Undo every edit (one step, can be redone)"
          onClick={() => void edits.undo('all')}
        >
          Undo all
        </button>
        <button
          type="button"
          data-testid="redo-all"
          disabled={busy || undone === 0}
          title="Redo every undone edit"
          onClick={() => void edits.redo('all')}
        >
          Redo all
        </button>
      </div>
      {entries.length === 0 && <p className="muted hint">No edits yet.</p>}
      {/* While an edit is in flight the rows' buttons are off (CSS): no row re-renders for it. */}
      <ol className={busy ? 'proofread-list busy' : 'proofread-list'} data-testid="history-list">
        {entries.map((e, i) => (
          <HistoryRow key={e.seq} entry={e} later={moves.later[i]!} upTo={moves.upTo[i]!} />
        ))}
      </ol>
    </section>
  );
}

/**
 * Per row (newest first): the applied edits after it (what "undo to here" undoes) and the undone
 * edits up to it (what "redo to here" redoes). One pass each way instead of a scan per row.
 */
function rowMoves(entries: readonly HistoryEntry[]): { later: number[]; upTo: number[] } {
  const later: number[] = [];
  const upTo: number[] = new Array<number>(entries.length);
  let applied = 0;
  for (const e of entries) {
    later.push(applied);
    if (!e.undone) applied++;
  }
  let undone = 0;
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i]!.undone) undone++;
    upTo[i] = undone;
  }
  return { later, upTo };
}

interface HistoryRowProps {
  readonly entry: HistoryEntry;
  readonly later: number;
  readonly upTo: number;
}

/** One edit; re-rendered only when it or its counts change (a long history stays cheap). */
const HistoryRow = memo(function HistoryRow({ entry: e, later, upTo }: HistoryRowProps) {
  const { store } = useServices();
  return (
    <li
      className={e.undone ? 'proofread-row undone' : 'proofread-row'}
      data-testid={`history-${e.seq}`}
      data-undone={e.undone}
      title={`${COUNTS.format(e.changedVoxels)} voxels changed · click: go to (${e.voxel.join(', ')})`}
      onClick={() => store.getState().jumpTo(e.voxel)}
    >
      <span className="row-seq">{e.seq}</span>
      <span className="row-main">{e.text}</span>
      <span className="row-meta">{time(e.at)}</span>
      <RowMove entry={e} later={later} upTo={upTo} />
    </li>
  );
});

/** "Undo to here" on an applied edit with later ones; "redo to here" on an undone edit. */
function RowMove({ entry, later, upTo }: HistoryRowProps) {
  const { edits } = useServices();
  if (!entry.undone && later === 0) return null;
  const undo = !entry.undone;
  const steps = undo ? later : upTo;
  return (
    <button
      type="button"
      className="row-action"
      data-testid={`history-${undo ? 'undo' : 'redo'}-to-${entry.seq}`}
      title={
        undo
          ? `Undo the ${steps} edit${steps > 1 ? 's' : ''} after this one`
          : `Redo up to this edit (${steps} edit${steps > 1 ? 's' : ''})`
      }
      onClick={(event) => {
        event.stopPropagation();
        void (undo ? edits.undo(steps) : edits.redo(steps));
      }}
    >
      {undo ? '⤺' : '⤻'}
    </button>
  );
}
