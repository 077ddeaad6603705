import type { Vec3 } from '../../shared/volume/types';
import type { BrushStroke, SplitSeeds } from '../state/toolSlice';
import { cssColor, SINK_COLOR, SOURCE_COLOR } from './previewTint';
import { AXIS_LAYOUT } from './sliceAxes';
import { voxelToScreen, type ViewTransform } from './viewTransform';

/** Seeds this many slices away are still drawn, as rings, so the annotator can find them. */
const NEAR_SLICES = 3;
const SEED_PX = 6;

const centreOf = (t: ViewTransform, v: Vec3) => voxelToScreen(t, [v[0] + 0.5, v[1] + 0.5, v[2] + 0.5]);

function seedShape(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, sink: boolean): void {
  ctx.beginPath();
  if (sink) {
    ctx.moveTo(x, y - r * 1.25);
    ctx.lineTo(x + r * 1.25, y);
    ctx.lineTo(x, y + r * 1.25);
    ctx.lineTo(x - r * 1.25, y);
    ctx.closePath();
  } else ctx.arc(x, y, r, 0, Math.PI * 2);
}

/**
 * Split seeds on this slice: sources as discs, sinks as diamonds, in their side's colour with a
 * dark edge; seeds on nearby slices as thin rings.
 */
export function drawSeeds(
  ctx: CanvasRenderingContext2D,
  t: ViewTransform,
  index: number,
  seeds: SplitSeeds,
): void {
  const dim = AXIS_LAYOUT[t.axis].slice;
  const r = Math.max(SEED_PX, Math.min(t.scaleX, t.scaleY) * 0.6);
  const groups: [readonly Vec3[], number, boolean][] = [
    [seeds.sources, SOURCE_COLOR, false],
    [seeds.sinks, SINK_COLOR, true],
  ];
  for (const [list, rgb, sink] of groups) {
    for (const v of list) {
      const distance = Math.abs(v[dim] - index);
      if (distance > NEAR_SLICES) continue;
      const [x, y] = centreOf(t, v);
      seedShape(ctx, x, y, r, sink);
      if (distance === 0) {
        ctx.fillStyle = cssColor(rgb);
        ctx.fill();
        ctx.lineWidth = 2;
        ctx.strokeStyle = 'rgba(0,0,0,0.85)';
      } else {
        ctx.lineWidth = 1.5;
        ctx.strokeStyle = cssColor(rgb);
      }
      ctx.stroke();
    }
  }
}

/** The disc a brush stamp at `voxel` covers in `axis`'s plane (radius in voxels). */
function brushDisc(ctx: CanvasRenderingContext2D, t: ViewTransform, voxel: Vec3, radius: number): void {
  const [x, y] = centreOf(t, voxel);
  ctx.beginPath();
  ctx.ellipse(x, y, (radius + 0.5) * t.scaleX, (radius + 0.5) * t.scaleY, 0, 0, Math.PI * 2);
}

/** A stroke being painted (filled discs) in this view, when it is on the shown slice. */
export function drawStroke(
  ctx: CanvasRenderingContext2D,
  t: ViewTransform,
  stroke: BrushStroke,
  radius: number,
  color: string,
): void {
  if (stroke.axis !== t.axis) return;
  ctx.fillStyle = color;
  ctx.globalAlpha = 0.45;
  for (const v of stroke.centers) {
    brushDisc(ctx, t, v, radius);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}

/** The brush outline under the pointer. */
export function drawBrushCursor(
  ctx: CanvasRenderingContext2D,
  t: ViewTransform,
  voxel: Vec3,
  radius: number,
  erase: boolean,
): void {
  brushDisc(ctx, t, voxel, radius);
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = erase ? '#ff8a65' : '#ffffff';
  ctx.setLineDash(erase ? [4, 3] : []);
  ctx.stroke();
  ctx.setLineDash([]);
}
