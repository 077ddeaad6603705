import type { SliceAxis } from '../../shared/api/types';
import type { Vec3 } from '../../shared/volume/types';
import type { EditActions } from '../controller/editActions';
import type { AppStore } from '../state/store';
import type { BrushStroke, Tool } from '../state/toolSlice';
import { AXIS_LAYOUT } from './sliceAxes';
import type { SliceLayer } from './sliceLayer';

/** What a slice view's tools act through. */
export interface ToolContext {
  readonly axis: SliceAxis;
  readonly store: AppStore;
  readonly layer: SliceLayer;
  readonly actions: EditActions;
}

export interface Modifiers {
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
}

/** The segment id (decimal) of `voxel` in the layer's slice, or null when that slice is not shown yet. */
export function idAtVoxel(layer: SliceLayer, voxel: Vec3): string | null {
  const slice = layer.slice;
  const { slice: dim, row: rowDim, col: colDim } = AXIS_LAYOUT[layer.axis];
  if (!slice || slice.index !== voxel[dim]) return null;
  const row = voxel[rowDim];
  const col = voxel[colDim];
  if (row < 0 || col < 0 || row >= slice.height || col >= slice.width) return null;
  return (slice.labels[row * slice.width + col] ?? 0n).toString();
}

export const isBrush = (tool: Tool): boolean => tool === 'paint' || tool === 'erase';

function inside(voxel: Vec3, shape: Vec3 | undefined): boolean {
  return shape !== undefined && voxel.every((v, d) => v >= 0 && v < shape[d]!);
}

/**
 * A click (no drag) with the current tool. Ctrl/Cmd+click always moves the crosshair. Navigate:
 * click moves the crosshair, Shift+click merges the segment into the selected one. Split: click
 * places a source seed, Shift+click a sink seed. Paint / erase: one brush stamp.
 */
export function toolClick(c: ToolContext, voxel: Vec3, mods: Modifiers): void {
  const s = c.store.getState();
  if (!inside(voxel, s.session?.segmentation.shape)) return;
  if (mods.ctrlKey || mods.metaKey || (s.tool === 'navigate' && !mods.shiftKey)) {
    s.setPosition(voxel);
    return;
  }
  const id = idAtVoxel(c.layer, voxel);
  if (s.tool === 'navigate') void c.actions.mergeIntoSelected(id);
  else if (s.tool === 'split') s.toggleSeed(mods.shiftKey ? 'sink' : 'source', voxel, id);
  else void sendStroke(c, { axis: c.axis, centers: [voxel] });
}

/** Pointer down with a brush tool: a new stroke at `voxel`. */
export function startStroke(c: ToolContext, voxel: Vec3): void {
  c.store.getState().setStroke({ axis: c.axis, centers: [voxel] });
}

/** Pointer moved while painting: add the voxel when it is a new one (the backend joins stamps). */
export function extendStroke(c: ToolContext, voxel: Vec3): void {
  const { stroke, setStroke } = c.store.getState();
  if (!stroke || stroke.axis !== c.axis) return;
  const last = stroke.centers[stroke.centers.length - 1];
  if (last && last[0] === voxel[0] && last[1] === voxel[1] && last[2] === voxel[2]) return;
  setStroke({ axis: c.axis, centers: [...stroke.centers, voxel] });
}

/** Pointer up: send the stroke as one edit; it stays drawn until the edit has answered. */
export function finishStroke(c: ToolContext): void {
  const stroke = c.store.getState().stroke;
  if (stroke && stroke.axis === c.axis) void sendStroke(c, stroke);
}

async function sendStroke(c: ToolContext, stroke: BrushStroke): Promise<void> {
  const s = c.store.getState();
  const shape = s.session?.segmentation.shape;
  const centers = stroke.centers.filter((v) => inside(v, shape));
  s.setStroke({ ...stroke, centers });
  try {
    await c.actions.stroke(stroke.axis, centers, s.tool === 'erase');
  } finally {
    const now = c.store.getState();
    if (now.stroke?.axis === stroke.axis && now.stroke.centers === centers) now.setStroke(null);
  }
}
