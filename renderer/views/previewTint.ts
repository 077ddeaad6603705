import type { SliceAxis } from '../../shared/api/types';
import type { Box3 } from '../../shared/volume/types';
import { AXIS_LAYOUT } from './sliceAxes';

/** Colours of a split preview's sides (and of their seeds), 0xRRGGBB. */
export const SOURCE_COLOR = 0x19c3ff;
export const SINK_COLOR = 0xff4fd8;
export const SIDE_ALPHA = 0.7;

export const cssColor = (rgb: number): string => `#${rgb.toString(16).padStart(6, '0')}`;

export interface SlicePlane {
  readonly axis: SliceAxis;
  readonly index: number;
  readonly width: number;
  readonly height: number;
}

export interface PreviewSides {
  readonly box: Box3;
  /** 0 = not in the segment, 1 = source side, 2 = sink side; C-order zyx over `box`. */
  readonly sides: Uint8Array;
}

/**
 * Paint a split preview over a composited slice: voxels of each side take that side's colour
 * blended over the EM grey (`image`), replacing the segment's own colour so the two sides read
 * apart. Returns how many pixels were tinted.
 */
export function tintPreview(
  out: Uint8ClampedArray,
  image: Uint8Array,
  plane: SlicePlane,
  preview: PreviewSides,
  alpha = SIDE_ALPHA,
): number {
  const { slice, row: rowDim, col: colDim } = AXIS_LAYOUT[plane.axis];
  const { start, size } = preview.box;
  const local = plane.index - start[slice];
  if (local < 0 || local >= size[slice]) return 0;
  const strides = [size[1] * size[2], size[2], 1] as const;
  const a = Math.round(alpha * 256);
  const keep = 256 - a;
  const colors = [0, SOURCE_COLOR, SINK_COLOR];
  const r0 = Math.max(0, start[rowDim]);
  const r1 = Math.min(plane.height, start[rowDim] + size[rowDim]);
  const c0 = Math.max(0, start[colDim]);
  const c1 = Math.min(plane.width, start[colDim] + size[colDim]);
  let tinted = 0;
  for (let r = r0; r < r1; r++) {
    const base = local * strides[slice] + (r - start[rowDim]) * strides[rowDim];
    for (let c = c0; c < c1; c++) {
      const side = preview.sides[base + (c - start[colDim]) * strides[colDim]]!;
      if (side !== 1 && side !== 2) continue;
      const rgb = colors[side]!;
      const i = r * plane.width + c;
      const grey = image[i]! * keep;
      const o = 4 * i;
      out[o] = (grey + ((rgb >> 16) & 0xff) * a) >> 8;
      out[o + 1] = (grey + ((rgb >> 8) & 0xff) * a) >> 8;
      out[o + 2] = (grey + (rgb & 0xff) * a) >> 8;
      tinted++;
    }
  }
  return tinted;
}
