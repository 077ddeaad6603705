import type { Vec3 } from '../../../shared/volume/types';

/** A small seeded PRNG (mulberry32) so the volumes are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticVolume {
  readonly shape: Vec3;
  readonly resolution: Vec3;
  readonly image: Uint8Array;
  /** 1 = tube A, 2 = tube B, blob ids as listed, 0 = extracellular. */
  readonly groundTruth: BigUint64Array;
  /** Ground truth with tubes A and B fused into `fusedId`. */
  readonly segmentation: BigUint64Array;
  readonly fusedId: bigint;
  /** A voxel deep inside each tube, near its two ends. */
  readonly seedsA: Vec3[];
  readonly seedsB: Vec3[];
}

export interface TubeOptions {
  readonly shape: Vec3;
  /** Tube radius in voxels along y (z radius follows from the resolution). */
  readonly radius: number;
  readonly resolution?: Vec3;
  /** Blobs added to the segmentation (and ground truth) with these ids. */
  readonly blobIds?: readonly bigint[];
  readonly noise?: number;
  readonly seed?: number;
}

/**
 * Two axon-like tubes along x: A straight, B bending in to touch A along the middle third of the
 * volume and away at the ends. Each tube has a dark membrane at its surface, so where they touch
 * a dark sheet runs between them; the segmentation fuses them into one id (an FFN merge error).
 */
export function twoTouchingTubes(o: TubeOptions): SyntheticVolume {
  const [sz, sy, sx] = o.shape;
  const res = o.resolution ?? [8, 8, 8];
  const r = o.radius;
  const random = rng(o.seed ?? 1);
  const noise = o.noise ?? 30;
  const zc = (sz - 1) / 2;
  const yA = r + 3;
  // B's axis: 2r + gap from A at the ends, 2r - 1 (overlapping by a voxel) in the middle third.
  const yB = (x: number): number => {
    const t = Math.min(1, Math.max(0, Math.abs(x - sx / 2) / (sx / 6) - 1));
    return yA + 2 * r - 1 + 6 * t * t;
  };
  const n = sz * sy * sx;
  const image = new Uint8Array(n);
  const groundTruth = new BigUint64Array(n);
  const scaleZ = res[0] / res[1];
  for (let z = 0, i = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, i++) {
        const dz = (z - zc) * scaleZ;
        const dA = Math.hypot(dz, y - yA);
        const dB = Math.hypot(dz, y - yB(x));
        let label = 0n;
        let d = Infinity;
        if (dA <= r && dA <= dB) [label, d] = [1n, dA];
        else if (dB <= r) [label, d] = [2n, dB];
        const between = dA <= r && dB <= r && Math.abs(dA - dB) < 1.2;
        const membrane = label !== 0n && (d > r - 1.2 || between);
        const base = label === 0n ? 140 : membrane ? 45 : 200;
        image[i] = Math.max(0, Math.min(255, Math.round(base + (random() - 0.5) * 2 * noise)));
        groundTruth[i] = label;
      }
    }
  }
  const fusedId = 7n;
  const segmentation = groundTruth.map((v) => (v === 1n || v === 2n ? fusedId : v));
  addBlobs(o.shape, [groundTruth, segmentation], o.blobIds ?? [], random);
  const zi = Math.round(zc);
  const ends = [Math.round(sx * 0.08), Math.round(sx * 0.92)];
  return {
    shape: o.shape,
    resolution: res,
    image,
    groundTruth,
    segmentation,
    fusedId,
    seedsA: ends.map((x): Vec3 => [zi, Math.round(yA), x]),
    seedsB: ends.map((x): Vec3 => [zi, Math.round(yB(x)), x]),
  };
}

/** Balls of the given ids in the free space beside the tubes (far side in y). */
function addBlobs(shape: Vec3, into: BigUint64Array[], ids: readonly bigint[], random: () => number): void {
  const [sz, sy, sx] = shape;
  for (const [k, id] of ids.entries()) {
    const rad = 2 + Math.floor(random() * 2);
    const c = [Math.floor(sz / 2), sy - rad - 1, Math.floor(((k + 0.5) * sx) / ids.length)];
    for (let z = 0; z < sz; z++)
      for (let y = 0; y < sy; y++)
        for (let x = 0; x < sx; x++) {
          if ((z - c[0]!) ** 2 + (y - c[1]!) ** 2 + (x - c[2]!) ** 2 > rad * rad) continue;
          for (const a of into) a[(z * sy + y) * sx + x] = id;
        }
  }
}

/** Random labelled blocks: a few ids (one above 2^53) in axis-aligned boxes, some split in two. */
export function blobVolume(
  shape: Vec3,
  seed: number,
): { shape: Vec3; labels: BigUint64Array; image: Uint8Array } {
  const random = rng(seed);
  const [sz, sy, sx] = shape;
  const labels = new BigUint64Array(sz * sy * sx);
  const image = new Uint8Array(labels.length).map(() => 100 + Math.floor(random() * 100));
  const ids = [3n, 5n, 9n, 2n ** 60n + 11n, 40n];
  for (let b = 0; b < 9; b++) {
    const id = ids[b % ids.length]!;
    const lo = [0, 1, 2].map((d) => Math.floor(random() * shape[d]! * 0.8));
    const hi = lo.map((l, d) => Math.min(shape[d]!, l + 2 + Math.floor(random() * shape[d]! * 0.5)));
    for (let z = lo[0]!; z < hi[0]!; z++)
      for (let y = lo[1]!; y < hi[1]!; y++)
        for (let x = lo[2]!; x < hi[2]!; x++) labels[(z * sy + y) * sx + x] = id;
  }
  return { shape, labels, image };
}
