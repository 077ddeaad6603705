import type { Vec3 } from '../volume/types';

/**
 * Exact anisotropic Euclidean distance transform of a binary mask: for every foreground voxel
 * (mask !== 0) the distance in nm from its centre to the nearest background voxel centre;
 * 0 on background. Voxels outside the array count as background (a "black border"), as
 * kimimaro's `edt` does for a cropped label. Felzenszwalb & Huttenlocher's separable lower
 * envelope of parabolas, one pass per axis (x, y, z), on squared distances.
 */
export function distanceTransform(mask: Uint8Array, shape: Vec3, resolution: Vec3): Float32Array {
  const [nz, ny, nx] = shape;
  // Squared distances in place, then their roots: float32 holds (1000 nm)^2 to 0.1 nm^2.
  const sq = new Float32Array(mask.length);
  passX(mask, sq, nz * ny, nx, resolution[2]);
  const scratch = new Scratch(Math.max(nx, ny, nz));
  // y pass: lines of stride nx inside each z slab.
  for (let z = 0; z < nz; z++) {
    for (let x = 0; x < nx; x++) scratch.line(sq, z * ny * nx + x, nx, ny, resolution[1]);
  }
  // z pass: copy each xz plane into a small block first, since lines of stride ny*nx miss the
  // cache on every read.
  const block = new Float32Array(nz * nx);
  for (let y = 0; y < ny; y++) {
    for (let z = 0; z < nz; z++) block.set(sq.subarray((z * ny + y) * nx, (z * ny + y + 1) * nx), z * nx);
    for (let x = 0; x < nx; x++) scratch.line(block, x, nx, nz, resolution[0]);
    for (let z = 0; z < nz; z++) sq.set(block.subarray(z * nx, (z + 1) * nx), (z * ny + y) * nx);
  }
  for (let i = 0; i < sq.length; i++) if (sq[i] !== 0) sq[i] = Math.sqrt(sq[i]!);
  return sq;
}

/** First axis, straight from the mask: squared distance to the nearest 0 along each row. */
function passX(mask: Uint8Array, sq: Float32Array, rows: number, nx: number, w: number): void {
  const w2 = w * w;
  for (let r = 0; r < rows; r++) {
    const o = r * nx;
    // Distance (in voxels) to the nearest background to the left, outside counting as background.
    let d = 0;
    for (let x = 0; x < nx; x++) {
      d = mask[o + x] === 0 ? 0 : d + 1;
      sq[o + x] = d;
    }
    d = 0;
    for (let x = nx - 1; x >= 0; x--) {
      d = mask[o + x] === 0 ? 0 : d + 1;
      const m = Math.min(d, sq[o + x]!);
      sq[o + x] = m * m * w2;
    }
  }
}

/** Buffers for the 1D lower-envelope transform, reused for every line. */
class Scratch {
  private readonly f: Float64Array;
  private readonly v: Int32Array;
  private readonly z: Float64Array;
  private readonly g: Float64Array;

  constructor(n: number) {
    this.g = new Float64Array(n);
    this.f = new Float64Array(n + 1);
    this.v = new Int32Array(n + 1);
    this.z = new Float64Array(n + 2);
  }

  /**
   * In place on one line of `n` values starting at `start` with `stride`: d(p) = min_q
   * (w (p - q))^2 + f(q), with f = Infinity where the line is still unreached; the ends of the
   * line are background just outside (distance to index -1 and n).
   */
  line(sq: Float32Array, start: number, stride: number, n: number, w: number): void {
    const { f, v, z, g } = this;
    // Gather the line (strided reads are the slow part) and skip all-background lines.
    let any = false;
    for (let p = 0, i = start; p < n; p++, i += stride) {
      const x = sq[i]!;
      g[p] = x;
      if (x !== 0) any = true;
    }
    if (!any) return;
    const w2 = w * w;
    // Parabolas at the virtual background voxels -1 and n bound every distance.
    let k = 0;
    v[0] = -1;
    f[0] = 0;
    z[0] = -Infinity;
    z[1] = Infinity;
    for (let q = 0; q <= n; q++) {
      const fq = q < n ? g[q]! : 0;
      if (fq === Infinity) continue;
      for (;;) {
        const vk = v[k]!;
        const s = (fq + w2 * q * q - (f[k]! + w2 * vk * vk)) / (2 * w2 * (q - vk));
        if (s <= z[k]! && k > 0) {
          k--;
          continue;
        }
        k++;
        v[k] = q;
        f[k] = fq;
        z[k] = s;
        z[k + 1] = Infinity;
        break;
      }
    }
    k = 0;
    for (let p = 0; p < n; p++) {
      while (z[k + 1]! < p) k++;
      const d = p - v[k]!;
      sq[start + p * stride] = w2 * d * d + f[k]!;
    }
  }
}
