import { hexToColor } from '../../shared/color/segmentColor';
import { idKey, idString, type IdKey, type SegmentPalette } from './segmentPalette';

/** What decides how segments are drawn over the EM image. */
export interface OverlayStyle {
  readonly opacity: number;
  readonly outlineOnly: boolean;
  readonly hidden: ReadonlySet<string>;
  readonly selected: ReadonlySet<string>;
  readonly colors: Readonly<Record<string, string>>;
  /** The segment under the pointer, drawn like a selected one. */
  readonly hover: string | null;
}

/** Alpha of a segment: selected and hovered segments are drawn more opaque. */
export function segmentAlpha(opacity: number, selected: boolean, hovered: boolean): number {
  if (opacity <= 0) return 0;
  let a = opacity;
  if (selected) a += (1 - a) * 0.5;
  if (hovered) a += (1 - a) * 0.4;
  return Math.min(1, a);
}

/** Packed style of one id: alpha (0..256) in bits 24..32, colour below. 0 = not drawn. */
function styleOf(lo: number, hi: number, key: IdKey, style: OverlayStyle, palette: SegmentPalette): number {
  const id = idString(lo, hi);
  if (style.hidden.has(id)) return 0;
  const override = style.colors[id];
  const rgb = override ? hexToColor(override) : palette.baseColor(lo, hi, key);
  const alpha = Math.round(segmentAlpha(style.opacity, style.selected.has(id), style.hover === id) * 256);
  return alpha === 0 ? 0 : alpha * 0x1000000 + rgb;
}

/**
 * Composite a slice: EM greyscale with the segmentation blended over it, into RGBA `out`
 * (width * height * 4). One pass over the pixels; ids are read as (lo, hi) words of the uint64
 * labels and styles are looked up once per run of equal ids. In outline mode only pixels with a
 * differently labelled 4-neighbour inside the slice are coloured.
 */
export function compositeSlice(
  image: Uint8Array,
  labels: BigUint64Array,
  width: number,
  height: number,
  style: OverlayStyle,
  palette: SegmentPalette,
  out: Uint8ClampedArray,
): void {
  const n = width * height;
  if (image.length < n || labels.length < n || out.length < 4 * n)
    throw new RangeError('slice arrays are smaller than width x height');
  const words = new Uint32Array(labels.buffer, labels.byteOffset, 2 * n);
  const styles = new Map<IdKey, number>();
  const outline = style.outlineOnly;
  let prevLo = 0;
  let prevHi = 0;
  // Style of the run's id, unpacked; alpha 0 = not drawn (id 0, hidden).
  let alpha = 0;
  let red = 0;
  let green = 0;
  let blue = 0;
  for (let row = 0, i = 0; row < height; row++) {
    for (let col = 0; col < width; col++, i++) {
      const lo = words[2 * i]!;
      const hi = words[2 * i + 1]!;
      if (lo !== prevLo || hi !== prevHi) {
        prevLo = lo;
        prevHi = hi;
        let packed = 0;
        if (lo !== 0 || hi !== 0) {
          const key = idKey(lo, hi);
          const known = styles.get(key);
          packed = known ?? styleOf(lo, hi, key, style, palette);
          if (known === undefined) styles.set(key, packed);
        }
        alpha = Math.floor(packed / 0x1000000);
        red = (packed >>> 16) & 0xff;
        green = (packed >>> 8) & 0xff;
        blue = packed & 0xff;
      }
      const grey = image[i]!;
      const o = 4 * i;
      out[o + 3] = 255;
      if (alpha === 0 || (outline && !isBoundary(words, i, row, col, width, height, lo, hi))) {
        out[o] = out[o + 1] = out[o + 2] = grey;
        continue;
      }
      const keep = 256 - alpha;
      out[o] = (grey * keep + red * alpha) >> 8;
      out[o + 1] = (grey * keep + green * alpha) >> 8;
      out[o + 2] = (grey * keep + blue * alpha) >> 8;
    }
  }
}

function isBoundary(
  words: Uint32Array,
  i: number,
  row: number,
  col: number,
  width: number,
  height: number,
  lo: number,
  hi: number,
): boolean {
  if (col > 0 && (words[2 * i - 2] !== lo || words[2 * i - 1] !== hi)) return true;
  if (col < width - 1 && (words[2 * i + 2] !== lo || words[2 * i + 3] !== hi)) return true;
  const up = 2 * (i - width);
  if (row > 0 && (words[up] !== lo || words[up + 1] !== hi)) return true;
  const down = 2 * (i + width);
  return row < height - 1 && (words[down] !== lo || words[down + 1] !== hi);
}
