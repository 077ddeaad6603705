import { colorToHex } from '../../shared/color/segmentColor';
import type { Vec3 } from '../../shared/volume/types';
import { useAppStore } from '../state/hooks';
import { colorOfId } from '../views/segmentPalette';

const nm = (voxel: Vec3, res: Vec3) =>
  `x ${voxel[2] * res[2]}  y ${voxel[1] * res[1]}  z ${voxel[0] * res[0]} nm`;

function Cursor() {
  const hover = useAppStore((s) => s.hover);
  const resolution = useAppStore((s) => s.session?.segmentation.resolution);
  const colors = useAppStore((s) => s.view.colors);
  if (!hover || !resolution) return <span className="status-item muted">Move the pointer over a slice</span>;
  const { voxel, id } = hover;
  return (
    <>
      <span className="status-item" data-testid="status-voxel">
        z {voxel[0]} · y {voxel[1]} · x {voxel[2]}
      </span>
      <span className="status-item muted">{nm(voxel, resolution)}</span>
      <span className="status-item" data-testid="status-segment">
        {id === null ? (
          'segment …'
        ) : id === '0' ? (
          'background'
        ) : (
          <>
            <span className="swatch small" style={{ background: colorToHex(colorOfId(id, colors)) }} />
            segment {id}
          </>
        )}
      </span>
    </>
  );
}

export function StatusBar() {
  const position = useAppStore((s) => s.view.position);
  const zoom = useAppStore((s) => s.view.zoom);
  const selected = useAppStore((s) => s.selection.length);
  const hasSession = useAppStore((s) => s.session !== null);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <Cursor />
      <span className="toolbar-spacer" />
      {hasSession && (
        <>
          <span className="status-item muted">{selected} selected</span>
          <span className="status-item" data-testid="status-position">
            crosshair z {position[0]} · y {position[1]} · x {position[2]}
          </span>
          <span className="status-item muted">{(1 / zoom).toPrecision(3)} nm/px</span>
        </>
      )}
    </footer>
  );
}
