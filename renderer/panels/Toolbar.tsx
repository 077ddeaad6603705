import { useState } from 'react';
import { formatVec } from '../../shared/volume/types';
import { useServices } from '../services';
import { useAppStore } from '../state/hooks';
import { OpenDialog } from './OpenDialog';

function VolumeInfo() {
  const session = useAppStore((s) => s.session);
  if (!session) return <span className="toolbar-info muted">No volume open</span>;
  const { image, segmentation } = session;
  const name = (v: typeof image) =>
    v.dataset ? `${v.path.split(/[\\/]/).pop()}:${v.dataset}` : v.path.split(/[\\/]/).pop();
  return (
    <span
      className="toolbar-info"
      title={`${image.path}:${image.dataset}\n${segmentation.path}:${segmentation.dataset}`}
    >
      {name(image)} + {name(segmentation)} · {formatVec(image.shape)} vox · {formatVec(image.resolution)} nm
    </span>
  );
}

export function Toolbar() {
  const { store } = useServices();
  const opacity = useAppStore((s) => s.view.opacity);
  const outlineOnly = useAppStore((s) => s.view.outlineOnly);
  const hasSession = useAppStore((s) => s.session !== null);
  const showPlanes = useAppStore((s) => s.showPlanes3d);
  const [openDialog, setOpenDialog] = useState(false);
  return (
    <header className="toolbar">
      <span className="brand">Axon Proofreader</span>
      <button type="button" data-testid="open-button" onClick={() => setOpenDialog(true)}>
        Open…
      </button>
      <VolumeInfo />
      <span className="toolbar-spacer" />
      <label className="toolbar-control" title="Segmentation opacity">
        Opacity
        <input
          type="range"
          min={0}
          max={1}
          step={0.01}
          value={opacity}
          data-testid="opacity-slider"
          onChange={(e) => store.getState().setOpacity(Number(e.target.value))}
        />
        <span className="toolbar-value">{Math.round(opacity * 100)}%</span>
      </label>
      <label className="toolbar-control" title="Draw segment outlines only (O)">
        <input
          type="checkbox"
          checked={outlineOnly}
          data-testid="outline-toggle"
          onChange={(e) => store.getState().setOutlineOnly(e.target.checked)}
        />
        Outlines
      </label>
      <label className="toolbar-control" title="Show the slice planes in the 3D view (S)">
        <input
          type="checkbox"
          checked={showPlanes}
          data-testid="planes-toggle"
          onChange={(e) => store.getState().setShowPlanes3d(e.target.checked)}
        />
        Slices in 3D
      </label>
      <button
        type="button"
        data-testid="reset-view"
        disabled={!hasSession}
        title="Fit the volume in the views (R)"
        onClick={() => store.getState().resetView()}
      >
        Reset view
      </button>
      <button
        type="button"
        data-testid="frame-selection"
        disabled={!hasSession}
        title="Frame the selected meshes in 3D (F)"
        onClick={() => store.getState().requestFrame()}
      >
        Frame selection
      </button>
      {openDialog && <OpenDialog onClose={() => setOpenDialog(false)} />}
    </header>
  );
}
