import type { Box3, Vec3, VoxelArray } from './types';

export function clampBox(box: Box3, shape: Vec3): Box3 {
  const start = [0, 0, 0].map((_, i) => Math.max(0, Math.min(shape[i]!, box.start[i]!))) as unknown as Vec3;
  const end = [0, 0, 0].map((_, i) =>
    Math.max(start[i]!, Math.min(shape[i]!, box.start[i]! + box.size[i]!)),
  ) as unknown as Vec3;
  return { start, size: [end[0] - start[0], end[1] - start[1], end[2] - start[2]] };
}

/** Chunk indices (zyx) of every chunk of `chunkShape` that `box` touches. */
export function chunksInBox(box: Box3, chunkShape: Vec3): Vec3[] {
  const lo = box.start.map((s, i) => Math.floor(s / chunkShape[i]!));
  const hi = box.start.map((s, i) => Math.floor((s + box.size[i]! - 1) / chunkShape[i]!));
  const out: Vec3[] = [];
  if (box.size.some((n) => n <= 0)) return out;
  for (let z = lo[0]!; z <= hi[0]!; z++)
    for (let y = lo[1]!; y <= hi[1]!; y++) for (let x = lo[2]!; x <= hi[2]!; x++) out.push([z, y, x]);
  return out;
}

/** The box a chunk covers inside a volume of `shape` (edge chunks are cut short). */
export function chunkBox(index: Vec3, chunkShape: Vec3, shape: Vec3): Box3 {
  const start: Vec3 = [index[0] * chunkShape[0], index[1] * chunkShape[1], index[2] * chunkShape[2]];
  return clampBox({ start, size: chunkShape }, shape);
}

/**
 * Copy the part of `src` (covering `srcBox`) that overlaps `dstBox` into `dst` (covering `dstBox`).
 * Both arrays are C-order zyx and of the same element kind.
 */
export function copyBox(src: VoxelArray, srcBox: Box3, dst: VoxelArray, dstBox: Box3): void {
  const s = srcBox.start;
  const d = dstBox.start;
  const z0 = Math.max(s[0], d[0]);
  const y0 = Math.max(s[1], d[1]);
  const x0 = Math.max(s[2], d[2]);
  const z1 = Math.min(s[0] + srcBox.size[0], d[0] + dstBox.size[0]);
  const y1 = Math.min(s[1] + srcBox.size[1], d[1] + dstBox.size[1]);
  const x1 = Math.min(s[2] + srcBox.size[2], d[2] + dstBox.size[2]);
  if (z1 <= z0 || y1 <= y0 || x1 <= x0) return;
  const [, sy, sx] = srcBox.size;
  const [, dy, dx] = dstBox.size;
  const run = x1 - x0;
  for (let z = z0; z < z1; z++) {
    for (let y = y0; y < y1; y++) {
      const si = ((z - s[0]) * sy + (y - s[1])) * sx + (x0 - s[2]);
      const di = ((z - d[0]) * dy + (y - d[1])) * dx + (x0 - d[2]);
      (dst as Uint8Array).set((src as Uint8Array).subarray(si, si + run), di);
    }
  }
}
