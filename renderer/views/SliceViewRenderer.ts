import type { SliceAxis } from '../../shared/api/types';
import { colorToHex } from '../../shared/color/segmentColor';
import { watch, type AppStore } from '../state/store';
import { AXIS_LAYOUT } from './sliceAxes';
import { drawBounds, drawCrosshair, drawLabel, drawMessage, drawScaleBar } from './sliceOverlay';
import { attachSliceInput } from './sliceInput';
import { colorOfId } from './segmentPalette';
import { drawBrushCursor, drawSeeds, drawStroke } from './sliceMarkers';
import { drawSkeletons, watchSkeletons } from './skeletonOverlay';
import { idAtVoxel, isBrush, type ToolContext } from './sliceTools';
import type { SliceLayer } from './sliceLayer';
import { imageMatrix, makeViewTransform, type ViewTransform, type Viewport } from './viewTransform';
import { recordRedraw } from '../perfLog';

/**
 * One 2D slice view: draws its layer's composite with the view transform (nearest neighbour,
 * physical proportions), then crosshair, bounds, scale bar and label. Redraws at most once a
 * frame, driven by store subscriptions and layer changes, never by React.
 */
export class SliceViewRenderer {
  private readonly ctx: CanvasRenderingContext2D;
  private viewport: Viewport = { width: 0, height: 0 };
  private frame = 0;
  /** The layer's composeCount at the last draw (redraw timing). */
  private drawnCompose = -1;
  private readonly offs: (() => void)[] = [];
  private readonly resizeObserver: ResizeObserver;

  readonly axis: SliceAxis;
  private readonly store: AppStore;
  private readonly layer: SliceLayer;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    tools: ToolContext,
    /** Called after each draw that showed the slice the crosshair asks for. */
    private readonly onDrawn: (axis: SliceAxis) => void = () => {},
  ) {
    const { axis, store, layer } = tools;
    this.axis = axis;
    this.store = store;
    this.layer = layer;
    this.ctx = canvas.getContext('2d', { alpha: false })!;
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(canvas);
    this.resize();
    const redraw = () => this.requestDraw();
    this.offs.push(
      watch(store, (s) => s.view.position, redraw),
      watchSkeletons(store, redraw),
      watch(store, (s) => s.center, redraw),
      watch(store, (s) => s.view.zoom, redraw),
      watch(store, (s) => s.session, redraw),
      watch(store, (s) => s.split, redraw),
      watch(store, (s) => s.stroke, redraw),
      watch(store, (s) => s.brushRadius, redraw),
      watch(
        store,
        (s) => s.tool,
        (tool) => {
          canvas.dataset.tool = tool;
          redraw();
        },
      ),
      watch(store, (s) => (isBrush(s.tool) ? s.hover : null), redraw),
      watch(store, (s) => !s.session && Object.keys(s.tasks).length > 0, redraw),
      layer.onChange(() => {
        this.refreshHover();
        redraw();
      }),
      attachSliceInput(canvas, tools, () => this.transform()),
    );
  }

  transform(): ViewTransform {
    const s = this.store.getState();
    const resolution = s.session?.segmentation.resolution ?? [1, 1, 1];
    return makeViewTransform(this.axis, s.center, s.view.zoom, resolution, this.viewport);
  }

  requestDraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.resizeObserver.disconnect();
    for (const off of this.offs) off();
  }

  private resize(): void {
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    const dpr = window.devicePixelRatio || 1;
    this.viewport = { width, height };
    this.canvas.width = Math.max(1, Math.round(width * dpr));
    this.canvas.height = Math.max(1, Math.round(height * dpr));
    this.store.getState().setViewport(this.axis, this.viewport);
    this.draw();
  }

  private draw(): void {
    const started = performance.now();
    this.drawView();
    const { layer } = this;
    if (layer.composeCount !== this.drawnCompose) {
      // A redraw with a new slice: compositing image + labels, then drawing the view.
      this.drawnCompose = layer.composeCount;
      recordRedraw(layer.lastComposeMs + performance.now() - started);
    }
  }

  private drawView(): void {
    const { ctx, viewport, layer } = this;
    const s = this.store.getState();
    const dpr = this.canvas.width / Math.max(1, viewport.width);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#050505';
    ctx.fillRect(0, 0, viewport.width, viewport.height);
    if (!s.session) {
      drawMessage(ctx, Object.keys(s.tasks).length > 0 ? 'Loading…' : 'No volume open', viewport);
      return;
    }
    const t = this.transform();
    if (layer.slice) {
      ctx.save();
      ctx.transform(...imageMatrix(t));
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(layer.canvas, 0, 0);
      ctx.restore();
    }
    const shape = s.session.segmentation.shape;
    drawBounds(ctx, t, shape);
    drawSkeletons(ctx, t, s);
    drawCrosshair(ctx, t, s.view.position, viewport);
    this.drawToolMarkers(t);
    drawScaleBar(ctx, s.view.zoom, viewport);
    const current = layer.slice?.index === s.view.position[AXIS_LAYOUT[this.axis].slice];
    drawLabel(ctx, this.axis, s.view.position, shape, !current);
    if (current) this.onDrawn(this.axis);
  }

  /** Split seeds, the stroke being painted and the brush outline under the pointer. */
  private drawToolMarkers(t: ViewTransform): void {
    const s = this.store.getState();
    const index = s.view.position[AXIS_LAYOUT[this.axis].slice];
    if (s.tool === 'split') drawSeeds(this.ctx, t, index, s.split);
    if (!isBrush(s.tool)) return;
    const erase = s.tool === 'erase';
    const selected = s.selection[0];
    const color = erase || !selected ? '#ff8a65' : colorToHex(colorOfId(selected, s.view.colors));
    if (s.stroke) drawStroke(this.ctx, t, s.stroke, s.brushRadius, color);
    if (s.hover?.axis === this.axis) drawBrushCursor(this.ctx, t, s.hover.voxel, s.brushRadius, erase);
  }

  /** The slice under the pointer arrived or changed: fill in the hovered segment id. */
  private refreshHover(): void {
    const { hover, setHover } = this.store.getState();
    if (!hover || hover.axis !== this.axis) return;
    // Also after an edit relabelled the voxel under the pointer.
    const id = idAtVoxel(this.layer, hover.voxel);
    if (id !== null && id !== hover.id) setHover({ ...hover, id });
  }
}
