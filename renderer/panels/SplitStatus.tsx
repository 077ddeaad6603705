import { useServices } from '../services';
import { useAppStore } from '../state/hooks';
import { cssColor, SINK_COLOR, SOURCE_COLOR } from '../views/previewTint';
import { formatCount } from './SegmentRow';

/** The split being prepared: its segment, seed counts, the preview's side sizes, apply / cancel. */
export function SplitStatus() {
  const { store, actions } = useServices();
  const split = useAppStore((s) => s.split);
  const preview = useAppStore((s) => s.preview);
  const status = useAppStore((s) => s.previewStatus);
  const busy = useAppStore((s) => s.editsInFlight > 0);
  const canApply = split.sources.length > 0 && split.sinks.length > 0 && !busy;
  return (
    <span className="split-status" data-testid="split-status">
      <span className="muted">{split.segment === null ? 'click a segment' : `segment ${split.segment}`}</span>
      <span className="side" style={{ color: cssColor(SOURCE_COLOR) }} title="Source seeds (click)">
        ● {split.sources.length}
        {preview && status !== 'none' ? ` · ${formatCount(preview.sourceVoxels)} vox` : ''}
      </span>
      <span className="side" style={{ color: cssColor(SINK_COLOR) }} title="Sink seeds (Shift+click)">
        ◆ {split.sinks.length}
        {preview && status !== 'none' ? ` · ${formatCount(preview.sinkVoxels)} vox` : ''}
      </span>
      {status === 'computing' && <span className="muted">previewing…</span>}
      <button
        type="button"
        className="primary"
        data-testid="split-confirm"
        disabled={!canApply}
        title="Apply the split (Enter)"
        onClick={() => void actions.confirmSplit()}
      >
        Apply split
      </button>
      <button
        type="button"
        data-testid="split-clear"
        disabled={split.sources.length + split.sinks.length === 0}
        onClick={() => store.getState().clearSeeds()}
      >
        Clear seeds
      </button>
      <button
        type="button"
        data-testid="split-cancel"
        title="Esc"
        onClick={() => store.getState().setTool('navigate')}
      >
        Cancel
      </button>
    </span>
  );
}
