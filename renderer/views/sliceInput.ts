import type { Vec3 } from '../../shared/volume/types';
import {
  extendStroke,
  finishStroke,
  idAtVoxel,
  isBrush,
  startStroke,
  toolClick,
  type ToolContext,
} from './sliceTools';
import { panCenter, voxelAt, zoomCenterAbout, type ViewTransform } from './viewTransform';

const CLICK_SLOP_PX = 4;
/** Pixel-mode wheel deltas (trackpads) add up to one slice per this many pixels. */
const WHEEL_STEP_PX = 40;

/**
 * Mouse handling of one slice view (Neuroglancer-like): left-drag pans (right- and middle-drag
 * too, in every tool), a click acts with the current tool (sliceTools.ts), double-click toggles
 * the segment's selection, wheel pages slices (Shift x10), Ctrl/Cmd + wheel zooms about the
 * pointer. With a brush tool a left-drag paints instead of panning.
 */
export function attachSliceInput(
  canvas: HTMLCanvasElement,
  tools: ToolContext,
  transform: () => ViewTransform,
): () => void {
  const { axis, store, layer } = tools;
  let drag: {
    id: number;
    startX: number;
    startY: number;
    lastX: number;
    lastY: number;
    moved: boolean;
    /** A brush stroke rather than a pan. */
    paints: boolean;
  } | null = null;
  let wheelAccumulator = 0;
  const local = (e: MouseEvent): [number, number] => {
    const r = canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };
  const voxelUnder = (e: MouseEvent): Vec3 => {
    const [x, y] = local(e);
    return voxelAt(transform(), x, y, store.getState().view.position);
  };
  const hover = (e: MouseEvent) => {
    const { session } = store.getState();
    if (!session) return;
    const voxel = voxelUnder(e);
    const shape = session.segmentation.shape;
    const inside = voxel.every((v, d) => v >= 0 && v < shape[d]!);
    store.getState().setHover(inside ? { axis, voxel, id: idAtVoxel(layer, voxel) } : null);
  };

  const onPointerDown = (e: PointerEvent) => {
    store.getState().setActiveAxis(axis);
    canvas.focus({ preventScroll: true });
    if (e.button > 2 || drag) return;
    const s = store.getState();
    const paints = e.button === 0 && isBrush(s.tool) && !e.ctrlKey && !e.metaKey && s.session !== null;
    drag = {
      id: e.pointerId,
      startX: e.clientX,
      startY: e.clientY,
      lastX: e.clientX,
      lastY: e.clientY,
      moved: false,
      paints,
    };
    if (paints) startStroke(tools, voxelUnder(e));
    canvas.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    store.getState().setActiveAxis(axis);
    if (drag && drag.id === e.pointerId && drag.paints) extendStroke(tools, voxelUnder(e));
    else if (drag && drag.id === e.pointerId) {
      if (!drag.moved && Math.hypot(e.clientX - drag.startX, e.clientY - drag.startY) > CLICK_SLOP_PX)
        drag.moved = true;
      if (drag.moved) {
        const s = store.getState();
        s.setCenter(panCenter(transform(), s.center, e.clientX - drag.lastX, e.clientY - drag.lastY));
        drag.lastX = e.clientX;
        drag.lastY = e.clientY;
        canvas.style.cursor = 'grabbing';
      }
    }
    hover(e);
  };
  const onPointerUp = (e: PointerEvent) => {
    if (!drag || drag.id !== e.pointerId) return;
    const { moved, paints } = drag;
    const button = e.button;
    drag = null;
    canvas.style.cursor = '';
    if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
    if (paints && e.type === 'pointercancel') store.getState().setStroke(null);
    else if (paints) finishStroke(tools);
    else if (!moved && button === 0 && e.type === 'pointerup' && store.getState().session)
      toolClick(tools, voxelUnder(e), e);
  };
  const onDoubleClick = (e: MouseEvent) => {
    // Double-clicks select in the navigate tool only; Shift+clicks there merge.
    if (store.getState().tool !== 'navigate' || e.shiftKey) return;
    const id = idAtVoxel(layer, voxelUnder(e));
    if (id !== null && id !== '0') store.getState().toggleSelected(id);
  };
  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    const s = store.getState();
    if (!s.session) return;
    // Shift+wheel arrives as horizontal scrolling in Chromium on Linux and Windows.
    const delta = (e.deltaY || e.deltaX) * (e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1);
    if (e.ctrlKey || e.metaKey) {
      const [x, y] = local(e);
      const zoom = s.view.zoom * Math.exp(-delta * 0.002);
      const viewport = { width: canvas.clientWidth, height: canvas.clientHeight };
      s.setZoom(zoom, zoomCenterAbout(transform(), s.center, s.view.zoom, zoom, x, y, viewport));
      return;
    }
    wheelAccumulator += delta;
    if (Math.abs(wheelAccumulator) < WHEEL_STEP_PX && Math.abs(delta) < WHEEL_STEP_PX) return;
    const steps = Math.sign(wheelAccumulator);
    wheelAccumulator = 0;
    s.moveSlice(axis, steps * (e.shiftKey ? 10 : 1));
    hover(e);
  };
  const onLeave = () => store.getState().setHover(null);
  const onContextMenu = (e: MouseEvent) => e.preventDefault();

  canvas.addEventListener('pointerdown', onPointerDown);
  canvas.addEventListener('pointermove', onPointerMove);
  canvas.addEventListener('pointerup', onPointerUp);
  canvas.addEventListener('pointercancel', onPointerUp);
  canvas.addEventListener('dblclick', onDoubleClick);
  canvas.addEventListener('wheel', onWheel, { passive: false });
  canvas.addEventListener('pointerleave', onLeave);
  canvas.addEventListener('contextmenu', onContextMenu);
  return () => {
    canvas.removeEventListener('pointerdown', onPointerDown);
    canvas.removeEventListener('pointermove', onPointerMove);
    canvas.removeEventListener('pointerup', onPointerUp);
    canvas.removeEventListener('pointercancel', onPointerUp);
    canvas.removeEventListener('dblclick', onDoubleClick);
    canvas.removeEventListener('wheel', onWheel);
    canvas.removeEventListener('pointerleave', onLeave);
    canvas.removeEventListener('contextmenu', onContextMenu);
  };
}
