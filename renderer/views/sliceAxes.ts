import type { SliceAxis } from '../../shared/api/types';

/** An index into a zyx triple. */
export type Dim = 0 | 1 | 2;

/**
 * How each slice view maps volume dimensions. `row`/`col` describe the SliceData the backend
 * sends; `screenX`/`screenY` describe what the view draws horizontally/vertically. YZ is shown
 * transposed (z across, y down) so that its rows line up with the XY view's rows, as in
 * webKnossos; XZ sits under XY sharing its x columns.
 */
export interface AxisLayout {
  readonly slice: Dim;
  readonly row: Dim;
  readonly col: Dim;
  readonly screenX: Dim;
  readonly screenY: Dim;
}

export const AXIS_LAYOUT: Readonly<Record<SliceAxis, AxisLayout>> = {
  xy: { slice: 0, row: 1, col: 2, screenX: 2, screenY: 1 },
  xz: { slice: 1, row: 0, col: 2, screenX: 2, screenY: 0 },
  yz: { slice: 2, row: 0, col: 1, screenX: 0, screenY: 1 },
};

export const SLICE_AXES: readonly SliceAxis[] = ['xy', 'xz', 'yz'];

export const DIM_NAMES = ['z', 'y', 'x'] as const;

/** Accent colour per plane, used for its view border and for its crosshair line in other views. */
export const AXIS_COLORS: Readonly<Record<SliceAxis, string>> = {
  xy: '#4f8ff7',
  xz: '#4fd17a',
  yz: '#f0605d',
};

/** The view whose plane is perpendicular to `dim` (the plane a crosshair line at fixed `dim` shows). */
export function axisFixing(dim: Dim): SliceAxis {
  return dim === 0 ? 'xy' : dim === 1 ? 'xz' : 'yz';
}
