import type { SliceAxis } from '../../shared/api/types';
import type { Vec3 } from '../../shared/volume/types';
import { AXIS_LAYOUT, type Dim } from './sliceAxes';

/**
 * Screen <-> voxel math of a slice view, in CSS pixels. Continuous voxel coordinates: voxel i
 * covers [i, i + 1). A view is centred on `center` (continuous, zyx) and scales each screen axis
 * by that dimension's voxel size in nm times the zoom (screen pixels per nm), so anisotropic
 * volumes keep their physical proportions.
 */
export interface Viewport {
  readonly width: number;
  readonly height: number;
}

export interface ViewTransform {
  readonly axis: SliceAxis;
  /** Screen pixels per voxel along the screen's x and y. */
  readonly scaleX: number;
  readonly scaleY: number;
  /** Screen position of continuous voxel coordinate 0. */
  readonly offsetX: number;
  readonly offsetY: number;
}

export function makeViewTransform(
  axis: SliceAxis,
  center: Vec3,
  zoom: number,
  resolution: Vec3,
  viewport: Viewport,
): ViewTransform {
  const { screenX, screenY } = AXIS_LAYOUT[axis];
  const scaleX = resolution[screenX] * zoom;
  const scaleY = resolution[screenY] * zoom;
  return {
    axis,
    scaleX,
    scaleY,
    offsetX: viewport.width / 2 - center[screenX] * scaleX,
    offsetY: viewport.height / 2 - center[screenY] * scaleY,
  };
}

function withDims(base: Vec3, a: Dim, va: number, b: Dim, vb: number): Vec3 {
  const out: [number, number, number] = [base[0], base[1], base[2]];
  out[a] = va;
  out[b] = vb;
  return out;
}

/** Continuous voxel coordinates under a screen point; the slice dimension comes from `position`. */
export function screenToVoxel(t: ViewTransform, x: number, y: number, position: Vec3): Vec3 {
  const { screenX, screenY, slice } = AXIS_LAYOUT[t.axis];
  const base = withDims(position, slice, position[slice] + 0.5, slice, position[slice] + 0.5);
  return withDims(base, screenX, (x - t.offsetX) / t.scaleX, screenY, (y - t.offsetY) / t.scaleY);
}

/** The integer voxel under a screen point. */
export function voxelAt(t: ViewTransform, x: number, y: number, position: Vec3): Vec3 {
  const c = screenToVoxel(t, x, y, position);
  return [Math.floor(c[0]), Math.floor(c[1]), Math.floor(c[2])];
}

export function voxelToScreen(t: ViewTransform, coord: Vec3): readonly [number, number] {
  const { screenX, screenY } = AXIS_LAYOUT[t.axis];
  return [coord[screenX] * t.scaleX + t.offsetX, coord[screenY] * t.scaleY + t.offsetY];
}

/**
 * The canvas matrix [a, b, c, d, e, f] that maps slice image pixels (u = column, v = row) to the
 * screen, transposing where the view shows the data's rows across (YZ).
 */
export function imageMatrix(t: ViewTransform): readonly [number, number, number, number, number, number] {
  const { col, screenX } = AXIS_LAYOUT[t.axis];
  return col === screenX
    ? [t.scaleX, 0, 0, t.scaleY, t.offsetX, t.offsetY]
    : [0, t.scaleY, t.scaleX, 0, t.offsetX, t.offsetY];
}

/** Pan: the centre moves against the drag so that the content follows the pointer. */
export function panCenter(t: ViewTransform, center: Vec3, dx: number, dy: number): Vec3 {
  const { screenX, screenY } = AXIS_LAYOUT[t.axis];
  return withDims(center, screenX, center[screenX] - dx / t.scaleX, screenY, center[screenY] - dy / t.scaleY);
}

/** The centre that keeps the voxel under (x, y) fixed on screen when the zoom changes. */
export function zoomCenterAbout(
  t: ViewTransform,
  center: Vec3,
  zoom: number,
  newZoom: number,
  x: number,
  y: number,
  viewport: Viewport,
): Vec3 {
  const { screenX, screenY } = AXIS_LAYOUT[t.axis];
  const ratio = zoom / newZoom;
  const fx = (x - t.offsetX) / t.scaleX;
  const fy = (y - t.offsetY) / t.scaleY;
  const dx = x - viewport.width / 2;
  const dy = y - viewport.height / 2;
  // After the zoom the point must sit at the same screen offset from the view centre.
  return withDims(center, screenX, fx - (dx / t.scaleX) * ratio, screenY, fy - (dy / t.scaleY) * ratio);
}

/** The largest zoom at which the whole volume fits every slice view, with a small margin. */
export function fitZoom(
  shape: Vec3,
  resolution: Vec3,
  viewports: Partial<Record<SliceAxis, Viewport>>,
): number {
  let best = Infinity;
  for (const [axis, viewport] of Object.entries(viewports) as [SliceAxis, Viewport][]) {
    const { screenX, screenY } = AXIS_LAYOUT[axis];
    if (viewport.width <= 0 || viewport.height <= 0) continue;
    const zx = viewport.width / (shape[screenX] * resolution[screenX]);
    const zy = viewport.height / (shape[screenY] * resolution[screenY]);
    best = Math.min(best, zx, zy);
  }
  return Number.isFinite(best) ? best * 0.92 : 0.25;
}

export interface ScaleBar {
  readonly nm: number;
  readonly px: number;
  readonly label: string;
}

/** A 1/2/5 x 10^k length in nm whose bar is at most `maxPx` long. */
export function scaleBar(zoom: number, maxPx: number): ScaleBar {
  const maxNm = maxPx / zoom;
  const exponent = Math.floor(Math.log10(maxNm));
  let nm = 10 ** exponent;
  for (const step of [5, 2]) {
    if (step * 10 ** exponent <= maxNm) {
      nm = step * 10 ** exponent;
      break;
    }
  }
  const label = nm >= 1000 ? `${+(nm / 1000).toPrecision(3)} µm` : `${+nm.toPrecision(3)} nm`;
  return { nm, px: nm * zoom, label };
}
