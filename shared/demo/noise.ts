import type { Random } from './random';

/** Side of the square, toroidal noise tiles (a power of two so indices wrap with a mask). */
export const TILE = 256;
export const TILE_MASK = TILE - 1;

/**
 * Box blur of a toroidal TILE x TILE image along x (stride 1) or y (stride TILE), by a running
 * sum along each line.
 */
function boxBlur(src: Float32Array, dst: Float32Array, radius: number, stride: number): void {
  const step = stride === 1 ? TILE : 1;
  const norm = 1 / (2 * radius + 1);
  for (let line = 0; line < TILE; line++) {
    const base = line * step;
    let sum = 0;
    for (let i = -radius; i <= radius; i++) sum += src[base + (i & TILE_MASK) * stride]!;
    for (let i = 0; i < TILE; i++) {
      dst[base + i * stride] = sum * norm;
      sum +=
        src[base + ((i + radius + 1) & TILE_MASK) * stride]! -
        src[base + ((i - radius) & TILE_MASK) * stride]!;
    }
  }
}

/**
 * Smooth noise (white noise box-blurred twice, so close to Gaussian-filtered) rescaled to zero
 * mean and unit standard deviation; `radius` sets the blob size in pixels.
 */
export function smoothTile(rng: Random, radius: number): Float32Array {
  const a = new Float32Array(TILE * TILE);
  const b = new Float32Array(TILE * TILE);
  for (let i = 0; i < a.length; i++) a[i] = rng.next() - 0.5;
  for (let pass = 0; pass < 2; pass++) {
    boxBlur(a, b, radius, 1);
    boxBlur(b, a, radius, TILE);
  }
  let mean = 0;
  for (let i = 0; i < a.length; i++) mean += a[i]!;
  mean /= a.length;
  let variance = 0;
  for (let i = 0; i < a.length; i++) variance += (a[i]! - mean) ** 2;
  const scale = 1 / Math.sqrt(variance / a.length);
  for (let i = 0; i < a.length; i++) a[i] = (a[i]! - mean) * scale;
  return a;
}

/** Standard normal samples to read from at random offsets (cheaper than sampling per voxel). */
export function gaussianTable(rng: Random, size: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = rng.normal();
  return out;
}
