import { copyBox } from '../volume/box';
import { type Box3, type Vec3, boxVoxels, voxelCount } from '../volume/types';
import type { LabelReader } from './types';

export interface MemoryVolumes {
  readonly shape: Vec3;
  /** Voxel size in nm, zyx. */
  readonly resolution: Vec3;
  /** Base segmentation, C-order zyx. */
  readonly labels: BigUint64Array;
  /** EM image, C-order zyx (optional). */
  readonly image?: Uint8Array;
}

/** A LabelReader over whole volumes held in memory (the demo, tests, small files). */
export function memoryReader(volumes: MemoryVolumes): LabelReader {
  const { shape, labels, image } = volumes;
  if (labels.length !== voxelCount(shape) || (image && image.length !== voxelCount(shape))) {
    throw new RangeError('volume arrays do not match the shape');
  }
  const whole: Box3 = { start: [0, 0, 0], size: shape };
  const ids = collectIds(labels);
  let maxId = 0n;
  for (const id of ids) if (id > maxId) maxId = id;
  const reader: LabelReader = {
    shape,
    resolution: volumes.resolution,
    maxId,
    hasId: (id) => ids.has(id),
    readLabels(box) {
      const out = new BigUint64Array(boxVoxels(box));
      copyBox(labels, whole, out, box);
      return out;
    },
  };
  if (!image) return reader;
  return {
    ...reader,
    readImage(box) {
      const out = new Uint8Array(boxVoxels(box));
      copyBox(image, whole, out, box);
      return out;
    },
  };
}

/** Every id in `labels` (one Set insertion per run of equal ids). */
export function collectIds(labels: BigUint64Array): Set<bigint> {
  const ids = new Set<bigint>();
  const w = new Uint32Array(labels.buffer, labels.byteOffset, labels.length * 2);
  let lastLo = -1;
  let lastHi = -1;
  for (let i = 0; i < labels.length; i++) {
    const lo = w[2 * i]!;
    const hi = w[2 * i + 1]!;
    if (lo === lastLo && hi === lastHi) continue;
    lastLo = lo;
    lastHi = hi;
    ids.add((BigInt(hi) << 32n) | BigInt(lo));
  }
  return ids;
}
