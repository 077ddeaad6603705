import type { SliceAxis } from '../../shared/api/types';
import type { Vec3 } from '../../shared/volume/types';
import { AXIS_COLORS, AXIS_LAYOUT, DIM_NAMES, axisFixing } from './sliceAxes';
import { scaleBar, voxelToScreen, type ViewTransform, type Viewport } from './viewTransform';

/** Thin lines through the crosshair voxel's centre, each in the colour of the plane it marks. */
export function drawCrosshair(
  ctx: CanvasRenderingContext2D,
  t: ViewTransform,
  position: Vec3,
  viewport: Viewport,
): void {
  const { screenX, screenY } = AXIS_LAYOUT[t.axis];
  const [x, y] = voxelToScreen(t, [position[0] + 0.5, position[1] + 0.5, position[2] + 0.5]);
  const px = Math.round(x) + 0.5;
  const py = Math.round(y) + 0.5;
  ctx.lineWidth = 1;
  ctx.globalAlpha = 0.9;
  ctx.strokeStyle = AXIS_COLORS[axisFixing(screenX)];
  ctx.beginPath();
  ctx.moveTo(px, 0);
  ctx.lineTo(px, viewport.height);
  ctx.stroke();
  ctx.strokeStyle = AXIS_COLORS[axisFixing(screenY)];
  ctx.beginPath();
  ctx.moveTo(0, py);
  ctx.lineTo(viewport.width, py);
  ctx.stroke();
  ctx.globalAlpha = 1;
}

/** The volume's outline, so that its edge stays visible over a black background. */
export function drawBounds(ctx: CanvasRenderingContext2D, t: ViewTransform, shape: Vec3): void {
  const [x0, y0] = voxelToScreen(t, [0, 0, 0]);
  const [x1, y1] = voxelToScreen(t, shape);
  ctx.strokeStyle = 'rgba(255,255,255,0.25)';
  ctx.lineWidth = 1;
  ctx.strokeRect(
    Math.round(x0) - 0.5,
    Math.round(y0) - 0.5,
    Math.round(x1 - x0) + 1,
    Math.round(y1 - y0) + 1,
  );
}

export function drawScaleBar(ctx: CanvasRenderingContext2D, zoom: number, viewport: Viewport): void {
  const bar = scaleBar(zoom, Math.min(160, viewport.width * 0.3));
  const x = 12;
  const y = viewport.height - 14;
  ctx.fillStyle = 'rgba(0,0,0,0.45)';
  ctx.fillRect(x - 6, y - 18, bar.px + 12, 26);
  ctx.fillStyle = '#e8e8e8';
  ctx.fillRect(x, y, bar.px, 3);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'bottom';
  ctx.fillText(bar.label, x, y - 2);
}

/** "XY  z 12 / 64" in the top-left corner, in the plane's colour. */
export function drawLabel(
  ctx: CanvasRenderingContext2D,
  axis: SliceAxis,
  position: Vec3,
  shape: Vec3,
  loading: boolean,
): void {
  const dim = AXIS_LAYOUT[axis].slice;
  const text = `${axis.toUpperCase()}   ${DIM_NAMES[dim]} ${position[dim]} / ${shape[dim] - 1}${loading ? '   loading…' : ''}`;
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  const width = ctx.measureText(text).width;
  ctx.fillStyle = 'rgba(0,0,0,0.55)';
  ctx.fillRect(6, 6, width + 12, 20);
  ctx.fillStyle = AXIS_COLORS[axis];
  ctx.fillText(text, 12, 10);
}

/** Centred grey text, for a view with nothing to show yet. */
export function drawMessage(ctx: CanvasRenderingContext2D, text: string, viewport: Viewport): void {
  ctx.font = '13px system-ui, sans-serif';
  ctx.fillStyle = '#6f747c';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, viewport.width / 2, viewport.height / 2);
  ctx.textAlign = 'start';
}
