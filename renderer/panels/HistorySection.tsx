import { useServices } from '../services';
import { useAppStore } from '../state/hooks';

const time = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
};

/** The edit log, newest first; undone edits are struck through. Click one to go where it was. */
export function HistorySection() {
  const { store } = useServices();
  const history = useAppStore((s) => s.history);
  const entries = history?.entries ?? [];
  return (
    <section className="proofread-section fill" data-testid="history-section">
      <div className="panel-heading">
        <span>History ({history?.total ?? 0})</span>
        {history && history.applied < history.total && (
          <span className="panel-actions muted">{history.total - history.applied} undone</span>
        )}
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
          </li>
        ))}
      </ol>
    </section>
  );
}
