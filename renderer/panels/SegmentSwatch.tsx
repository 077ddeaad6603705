import { colorToHex } from '../../shared/color/segmentColor';
import { useServices } from '../services';
import { useAppStore } from '../state/hooks';
import { colorOfId } from '../views/segmentPalette';

/** The segment's colour; clicking opens a colour picker that overrides it (saved in the view state). */
export function SegmentSwatch({ id }: { id: string }) {
  const { store } = useServices();
  const hex = useAppStore((s) => colorToHex(colorOfId(id, s.view.colors)));
  return (
    <input
      type="color"
      className="swatch"
      value={hex}
      title="Change colour"
      data-testid={`segment-color-${id}`}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      onChange={(e) => store.getState().setColor(id, e.target.value)}
    />
  );
}

/** Show/hide a segment in the slices and in 3D. */
export function VisibilityToggle({ id }: { id: string }) {
  const { store } = useServices();
  const hidden = useAppStore((s) => s.view.hidden.includes(id));
  return (
    <input
      type="checkbox"
      className="visibility"
      checked={!hidden}
      title={hidden ? 'Show segment' : 'Hide segment'}
      data-testid={`segment-visible-${id}`}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      onChange={(e) => store.getState().setHidden(id, !e.target.checked)}
    />
  );
}
