import { useServices } from '../services';
import { useAppStore } from '../state/hooks';
import { MAX_BRUSH_RADIUS, MIN_BRUSH_RADIUS, type Tool } from '../state/toolSlice';
import { SplitStatus } from './SplitStatus';

const TOOLS: readonly { tool: Tool; label: string; key: string; title: string }[] = [
  {
    tool: 'navigate',
    label: 'Navigate',
    key: 'Esc',
    title: 'Click: crosshair · Shift+click: merge into the selected segment',
  },
  {
    tool: 'split',
    label: 'Split',
    key: 'X',
    title: 'Click: source seed · Shift+click: sink seed · Enter: apply',
  },
  { tool: 'paint', label: 'Paint', key: 'B', title: 'Drag: paint the selected segment' },
  { tool: 'erase', label: 'Erase', key: 'E', title: "Drag: erase the selected segment's voxels" },
];

function BrushRadius() {
  const { store } = useServices();
  const radius = useAppStore((s) => s.brushRadius);
  return (
    <label className="toolbar-control" title="Brush radius in voxels (- / =)">
      Radius
      <input
        type="range"
        min={MIN_BRUSH_RADIUS}
        max={MAX_BRUSH_RADIUS}
        step={1}
        value={radius}
        data-testid="brush-radius"
        onChange={(e) => store.getState().setBrushRadius(Number(e.target.value))}
      />
      <span className="toolbar-value">{radius}</span>
    </label>
  );
}

/** Proofreading tools: the click tool, merge / split actions, undo and redo. */
export function EditToolbar() {
  const { store, edits, actions } = useServices();
  const tool = useAppStore((s) => s.tool);
  const selected = useAppStore((s) => s.selection.length);
  const canUndo = useAppStore((s) => s.canUndo);
  const canRedo = useAppStore((s) => s.canRedo);
  const hasSession = useAppStore((s) => s.session !== null);
  const hint = useAppStore((s) => s.hint);
  return (
    <div className="edit-toolbar" data-testid="edit-toolbar">
      <span className="tool-group" role="radiogroup" aria-label="Tool">
        {TOOLS.map((t) => (
          <button
            key={t.tool}
            type="button"
            role="radio"
            aria-checked={tool === t.tool}
            className={tool === t.tool ? 'tool active' : 'tool'}
            data-testid={`tool-${t.tool}`}
            disabled={!hasSession}
            title={`${t.title} (${t.key})`}
            onClick={() => store.getState().setTool(tool === t.tool ? 'navigate' : t.tool)}
          >
            {t.label} <kbd>{t.key}</kbd>
          </button>
        ))}
      </span>
      {(tool === 'paint' || tool === 'erase') && <BrushRadius />}
      {tool === 'split' && <SplitStatus />}
      {tool === 'navigate' && (
        <>
          <button
            type="button"
            data-testid="merge-selected"
            disabled={selected < 2}
            title="Merge the other selected segments into the first one (M)"
            onClick={() => void actions.mergeSelected()}
          >
            Merge selected
          </button>
          <button
            type="button"
            data-testid="split-components"
            disabled={selected < 1}
            title="Give each disconnected piece of the first selected segment its own id"
            onClick={() => void actions.splitComponents()}
          >
            Split off pieces
          </button>
        </>
      )}
      <span className="edit-hint" data-testid="edit-hint">
        {hint}
      </span>
      <span className="toolbar-spacer" />
      <button
        type="button"
        data-testid="undo-button"
        disabled={!canUndo}
        title="Undo (Ctrl+Z)"
        onClick={() => void edits.undo()}
      >
        Undo
      </button>
      <button
        type="button"
        data-testid="redo-button"
        disabled={!canRedo}
        title="Redo (Ctrl+Shift+Z, Ctrl+Y)"
        onClick={() => void edits.redo()}
      >
        Redo
      </button>
    </div>
  );
}
