import { useServices } from '../services';
import { useAppStore } from '../state/hooks';
import { SegmentSwatch, VisibilityToggle } from './SegmentSwatch';

/** The selection (shown in 3D), each with its colour, visibility and a button to drop it. */
export function SelectedSegments() {
  const { store } = useServices();
  const selection = useAppStore((s) => s.selection);
  return (
    <section className="selected-segments" data-testid="selected-segments">
      <div className="panel-heading">
        <span>Selected ({selection.length})</span>
        {selection.length > 0 && (
          <span className="panel-actions">
            <button
              type="button"
              className="link"
              onClick={() => store.getState().requestFrame()}
              title="Frame in 3D (F)"
            >
              frame
            </button>
            <button
              type="button"
              className="link"
              data-testid="clear-selection"
              onClick={() => store.getState().clearSelection()}
              title="Clear (Esc)"
            >
              clear
            </button>
          </span>
        )}
      </div>
      {selection.length === 0 ? (
        <p className="muted hint">Double-click a segment in a slice, or click one in the list.</p>
      ) : (
        <ul className="selected-list">
          {selection.map((id) => (
            <li key={id} className="selected-item" data-testid={`selected-segment-${id}`}>
              <VisibilityToggle id={id} />
              <SegmentSwatch id={id} />
              <span className="segment-id">{id}</span>
              <button
                type="button"
                className="icon"
                aria-label={`Deselect ${id}`}
                onClick={() => store.getState().deselect(id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
