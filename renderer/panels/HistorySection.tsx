import { useServices } from '../services';
import type { HistoryEntry } from '../state/editSlice';
import { useAppStore } from '../state/hooks';

const time = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
};

/**
 * The edit log, newest first; undone edits are struck through. Click one to go where it was; its
 * button undoes every edit after it (or redoes an undone one and those before it). "Undo all" and
 * "Redo all" move the whole history in one step.
 */
export function HistorySection() {
  const { store, edits } = useServices();
  const history = useAppStore((s) => s.history);
  const busy = useAppStore((s) => s.editsInFlight > 0);
  const entries = history?.entries ?? [];
  const applied = history?.applied ?? 0;
  const undone = (history?.total ?? 0) - applied;
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
      <ol className="proofread-list" data-testid="history-list">
        {entries.map((e) => (
          <li
            key={e.seq}
            className={e.undone ? 'proofread-row undone' : 'proofread-row'}
            data-testid={`history-${e.seq}`}
            data-undone={e.undone}
            title={`${e.changedVoxels.toLocaleString('en-US')} voxels changed · click: go to (${e.voxel.join(', ')})`}
            onClick={() => store.getState().jumpTo(e.voxel)}
          >
            <span className="row-seq">{e.seq}</span>
            <span className="row-main">{e.text}</span>
            <span className="row-meta">{time(e.at)}</span>
            <RowMove entry={e} entries={entries} busy={busy} />
          </li>
        ))}
      </ol>
    </section>
  );
}

interface RowMoveProps {
  readonly entry: HistoryEntry;
  readonly entries: readonly HistoryEntry[];
  readonly busy: boolean;
}

/** "Undo to here" on an applied edit with later ones; "redo to here" on an undone edit. */
function RowMove({ entry, entries, busy }: RowMoveProps) {
  const { edits } = useServices();
  const later = entries.filter((e) => !e.undone && e.seq > entry.seq).length;
  const upTo = entries.filter((e) => e.undone && e.seq <= entry.seq).length;
  if (!entry.undone && later === 0) return null;
  const undo = !entry.undone;
  const steps = undo ? later : upTo;
  return (
    <button
      type="button"
      className="row-action"
      data-testid={`history-${undo ? 'undo' : 'redo'}-to-${entry.seq}`}
      disabled={busy}
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
