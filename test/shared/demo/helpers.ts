import type { Vec3 } from '../../../shared/volume/types';
import { generateDemo } from '../../../shared/demo/generateDemo';
import type { DemoVolume } from '../../../shared/demo/types';

/** A small demo volume most tests use: quick to generate, still a dozen axons with all error kinds. */
export const SMALL: Vec3 = [32, 128, 128];

const cache = new Map<string, DemoVolume>();

/** The demo for (seed, shape), generated once per test file. */
export function demo(seed = 1, shape: Vec3 = SMALL): DemoVolume {
  const key = `${seed}:${shape.join('x')}`;
  let volume = cache.get(key);
  if (!volume) {
    volume = generateDemo({ seed, shape });
    cache.set(key, volume);
  }
  return volume;
}

/** FNV-1a over the bytes of typed arrays (enough to tell runs apart). */
export function fnv1a(...arrays: ArrayBufferView[]): string {
  let h = 0x811c9dc5;
  for (const a of arrays) {
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  }
  return (h >>> 0).toString(16);
}

export function index(shape: Vec3, v: Vec3): number {
  return (v[0] * shape[1] + v[1]) * shape[2] + v[2];
}

/** GT labels as numbers (demo GT ids are small), for fast scans. */
export function smallLabels(labels: BigUint64Array): Uint32Array {
  const out = new Uint32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i]!;
    if (v > 0xffffffffn) throw new RangeError(`label ${v} does not fit 32 bits`);
    out[i] = Number(v);
  }
  return out;
}

/** Voxels holding `id`, and how many 6-connected components they form. */
export function components(labels: Uint32Array, shape: Vec3, id: number): { voxels: number; count: number } {
  const [nz, ny, nx] = shape;
  const seen = new Uint8Array(labels.length);
  const queue = new Int32Array(labels.length);
  let voxels = 0;
  let count = 0;
  for (let start = 0; start < labels.length; start++) {
    if (labels[start] !== id || seen[start]) continue;
    count++;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    seen[start] = 1;
    while (head < tail) {
      const k = queue[head++]!;
      voxels++;
      const x = k % nx;
      const y = Math.floor(k / nx) % ny;
      const z = Math.floor(k / (nx * ny));
      const next = [
        x > 0 ? k - 1 : -1,
        x < nx - 1 ? k + 1 : -1,
        y > 0 ? k - nx : -1,
        y < ny - 1 ? k + nx : -1,
        z > 0 ? k - nx * ny : -1,
        z < nz - 1 ? k + nx * ny : -1,
      ];
      for (const n of next) {
        if (n < 0 || seen[n] || labels[n] !== id) continue;
        seen[n] = 1;
        queue[tail++] = n;
      }
    }
  }
  return { voxels, count };
}

/** Face-adjacent voxel pairs with one voxel in `a` and the other in `b`. */
export function faceContacts(labels: Uint32Array, shape: Vec3, a: number, b: number): number {
  const [nz, ny, nx] = shape;
  let n = 0;
  for (let k = 0; k < labels.length; k++) {
    const v = labels[k];
    if (v !== a && v !== b) continue;
    const other = v === a ? b : a;
    const x = k % nx;
    const y = Math.floor(k / nx) % ny;
    const z = Math.floor(k / (nx * ny));
    if (x < nx - 1 && labels[k + 1] === other) n++;
    if (y < ny - 1 && labels[k + nx] === other) n++;
    if (z < nz - 1 && labels[k + nx * ny] === other) n++;
  }
  return n;
}

/** For each GT id, the segment ids over its voxels with voxel counts. */
export function overlaps(volume: DemoVolume): Map<bigint, Map<bigint, number>> {
  const out = new Map<bigint, Map<bigint, number>>();
  const { groundTruth, segmentation } = volume;
  for (let k = 0; k < groundTruth.length; k++) {
    const g = groundTruth[k]!;
    let row = out.get(g);
    if (!row) out.set(g, (row = new Map<bigint, number>()));
    const s = segmentation[k]!;
    row.set(s, (row.get(s) ?? 0) + 1);
  }
  return out;
}
