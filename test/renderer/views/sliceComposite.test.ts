import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentColor } from '../../../shared/color/segmentColor';
import { compositeSlice, segmentAlpha, type OverlayStyle } from '../../../renderer/views/sliceComposite';
import { SegmentPalette } from '../../../renderer/views/segmentPalette';

const style = (patch: Partial<OverlayStyle> = {}): OverlayStyle => ({
  opacity: 0.5,
  outlineOnly: false,
  hidden: new Set(),
  selected: new Set(),
  colors: {},
  hover: null,
  ...patch,
});

/** Straightforward per-pixel version with bigint ids, to check the fast one against. */
function reference(
  image: Uint8Array,
  labels: BigUint64Array,
  width: number,
  height: number,
  s: OverlayStyle,
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height * 4);
  const at = (r: number, c: number) => labels[r * width + c]!;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const i = r * width + c;
      const id = at(r, c);
      const key = id.toString();
      const grey = image[i]!;
      const neighbours = [
        [r, c - 1],
        [r, c + 1],
        [r - 1, c],
        [r + 1, c],
      ].filter(([nr, nc]) => nr! >= 0 && nc! >= 0 && nr! < height && nc! < width);
      const boundary = neighbours.some(([nr, nc]) => at(nr!, nc!) !== id);
      const alpha = Math.round(segmentAlpha(s.opacity, s.selected.has(key), s.hover === key) * 256);
      const drawn = id !== 0n && !s.hidden.has(key) && alpha > 0 && (!s.outlineOnly || boundary);
      const rgb = s.colors[key] ? parseInt(s.colors[key].slice(1), 16) : segmentColor(id);
      const channels = [(rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255];
      for (let ch = 0; ch < 3; ch++)
        out[4 * i + ch] = drawn ? (grey * (256 - alpha) + channels[ch]! * alpha) >> 8 : grey;
      out[4 * i + 3] = 255;
    }
  }
  return out;
}

function run(
  image: Uint8Array,
  labels: BigUint64Array,
  width: number,
  height: number,
  s: OverlayStyle,
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height * 4);
  compositeSlice(image, labels, width, height, s, new SegmentPalette(), out);
  return out;
}

// Ids around the word boundaries: 2^32 - 1, 2^32, beyond 2^53, near 2^64.
const IDS = [0n, 1n, 7n, 4294967295n, 4294967296n, 9007199254740993n, 18446744073709551615n];

describe('compositeSlice', () => {
  it('draws grey where there is no segment and the exact colour at opacity 1', () => {
    const image = Uint8Array.from([10, 20, 30, 40]);
    const labels = BigUint64Array.from([0n, 5n, 5n, 0n]);
    const out = run(image, labels, 2, 2, style({ opacity: 1 }));
    const rgb = segmentColor(5n);
    expect([...out.subarray(0, 4)]).toEqual([10, 10, 10, 255]);
    expect([...out.subarray(4, 8)]).toEqual([(rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, 255]);
    expect([...out.subarray(12, 16)]).toEqual([40, 40, 40, 255]);
  });

  it('hides hidden segments, applies colour overrides and draws nothing at opacity 0', () => {
    const image = new Uint8Array(4).fill(100);
    const labels = BigUint64Array.from([3n, 3n, 4n, 4n]);
    const out = run(
      image,
      labels,
      2,
      2,
      style({ opacity: 1, hidden: new Set(['3']), colors: { '4': '#ff0000' } }),
    );
    expect([...out.subarray(0, 8)]).toEqual([100, 100, 100, 255, 100, 100, 100, 255]);
    expect([...out.subarray(8, 12)]).toEqual([255, 0, 0, 255]);
    const none = run(image, labels, 2, 2, style({ opacity: 0, selected: new Set(['4']) }));
    expect([...none].filter((_, i) => i % 4 !== 3).every((v) => v === 100)).toBe(true);
  });

  it('draws selected segments more opaque than the others', () => {
    const image = new Uint8Array(2).fill(0);
    const labels = BigUint64Array.from([8n, 9n]);
    const out = run(
      image,
      labels,
      2,
      1,
      style({ opacity: 0.3, colors: { '8': '#ffffff', '9': '#ffffff' }, selected: new Set(['9']) }),
    );
    expect(out[4]!).toBeGreaterThan(out[0]!);
    expect(out[0]).toBe((Math.round(0.3 * 256) * 255) >> 8);
  });

  it('outline mode colours only pixels next to another label', () => {
    // A 3x3 block of id 2 inside a 5x5 slice of id 1: its centre is interior.
    const width = 5;
    const labels = new BigUint64Array(25).fill(1n);
    for (let r = 1; r < 4; r++) for (let c = 1; c < 4; c++) labels[r * width + c] = 2n;
    const image = new Uint8Array(25).fill(50);
    const out = run(
      image,
      labels,
      width,
      5,
      style({ opacity: 1, outlineOnly: true, colors: { '1': '#0000ff', '2': '#00ff00' } }),
    );
    const pixel = (r: number, c: number) => [...out.subarray(4 * (r * width + c), 4 * (r * width + c) + 3)];
    expect(pixel(2, 2)).toEqual([50, 50, 50]); // interior of 2
    expect(pixel(1, 1)).toEqual([0, 255, 0]); // edge of 2
    expect(pixel(0, 2)).toEqual([0, 0, 255]); // 1 next to 2
    expect(pixel(0, 0)).toEqual([50, 50, 50]); // 1 with only 1 around: the slice edge is no boundary
  });

  it('matches the per-pixel bigint reference on random slices (ids across word boundaries)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.constantFrom(...IDS), { minLength: 81, maxLength: 81 }),
        fc.uint8Array({ minLength: 81, maxLength: 81 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        fc.subarray(IDS.map(String)),
        fc.subarray(IDS.map(String)),
        fc.option(fc.constantFrom(...IDS.map(String))),
        (width, height, ids, image, opacity, outlineOnly, hidden, selected, hover) => {
          const n = width * height;
          const labels = BigUint64Array.from(ids.slice(0, n));
          const img = image.slice(0, n);
          const s = style({
            opacity,
            outlineOnly,
            hidden: new Set(hidden),
            selected: new Set(selected),
            hover,
            colors: { '7': '#123456' },
          });
          expect(run(img, labels, width, height, s)).toEqual(reference(img, labels, width, height, s));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('composites a 256 x 256 slice filled and as outlines', () => {
    const size = 256;
    const labels = new BigUint64Array(size * size);
    const image = new Uint8Array(size * size);
    // Blocky segments with big ids and membranes, like an FFN slice.
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        const i = r * size + c;
        labels[i] =
          r % 23 === 0 || c % 31 === 0
            ? 0n
            : (1n << 40n) + BigInt(Math.floor(r / 23) * 16 + Math.floor(c / 31));
        image[i] = (r * 7 + c * 13) & 255;
      }
    }
    const out = new Uint8ClampedArray(size * size * 4);
    const palette = new SegmentPalette();
    const outputs: string[] = [];
    for (const outlineOnly of [false, true]) {
      compositeSlice(
        image,
        labels,
        size,
        size,
        style({ outlineOnly, selected: new Set([((1n << 40n) + 5n).toString()]) }),
        palette,
        out,
      );
      outputs.push(out.join(','));
    }
    // Outline-only mode draws fewer coloured pixels than the filled overlay.
    expect(outputs[0]).not.toBe(outputs[1]);
  });
});
