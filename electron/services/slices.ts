import type { SliceAxis } from '../../shared/api/types';
import type { Box3, ImageArray, LabelArray, Vec3, VolumeInfo } from '../../shared/volume/types';

/** The one-voxel-thick box of a slice, and the plane's width/height (columns/rows). */
export function sliceBox(
  axis: SliceAxis,
  index: number,
  shape: Vec3,
): { box: Box3; width: number; height: number } {
  const [nz, ny, nx] = shape;
  const limit = axis === 'xy' ? nz : axis === 'xz' ? ny : nx;
  if (index >= limit) throw new RangeError(`slice ${axis} ${index} is outside the volume (0..${limit - 1})`);
  switch (axis) {
    case 'xy':
      return { box: { start: [index, 0, 0], size: [1, ny, nx] }, width: nx, height: ny };
    case 'xz':
      return { box: { start: [0, index, 0], size: [nz, 1, nx] }, width: nx, height: nz };
    case 'yz':
      return { box: { start: [0, 0, index], size: [nz, ny, 1] }, width: ny, height: nz };
  }
}

/** Maps stored intensities to 0..255 for display. */
export interface IntensityWindow {
  readonly min: number;
  readonly max: number;
}

export function windowFor(info: VolumeInfo, sample: ImageArray): IntensityWindow {
  if (info.dtype === 'uint8') return { min: 0, max: 255 };
  // 0.5% and 99.5% percentiles of a sample, as viewers do for 16-bit and float EM.
  const values = Float64Array.from(sample).sort();
  const at = (q: number): number => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
  const min = at(0.005);
  const max = at(0.995);
  return { min, max: max > min ? max : min + 1 };
}

export function toDisplay(data: ImageArray, window: IntensityWindow): Uint8Array {
  if (data instanceof Uint8Array && window.min === 0 && window.max === 255) return data;
  const out = new Uint8Array(data.length);
  const scale = 255 / (window.max - window.min);
  for (let i = 0; i < data.length; i++) {
    const v = (data[i]! - window.min) * scale;
    out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return out;
}

/** Any label array as uint64 ids (negative int64 labels are refused at open). */
export function toUint64(labels: LabelArray): BigUint64Array {
  if (labels instanceof BigUint64Array) return labels;
  if (labels instanceof BigInt64Array)
    return new BigUint64Array(labels.buffer, labels.byteOffset, labels.length);
  const out = new BigUint64Array(labels.length);
  const words = new Uint32Array(out.buffer);
  for (let i = 0; i < labels.length; i++) words[2 * i] = labels[i]!;
  return out;
}
