import { describe, expect, it } from 'vitest';
import { distanceTransform } from '../../../shared/skeleton/distanceTransform';
import type { Vec3 } from '../../../shared/volume/types';
import { runPython } from '../../helpers/python';
import { rng } from '../edit/syntheticVolumes';

/** Distance from each foreground voxel to the nearest background voxel, outside counting as background. */
function bruteForce(mask: Uint8Array, shape: Vec3, res: Vec3): Float32Array {
  const [nz, ny, nx] = shape;
  const background: Vec3[] = [];
  for (let z = -1; z <= nz; z++) {
    for (let y = -1; y <= ny; y++) {
      for (let x = -1; x <= nx; x++) {
        const inside = z >= 0 && y >= 0 && x >= 0 && z < nz && y < ny && x < nx;
        if (!inside || mask[(z * ny + y) * nx + x] === 0) background.push([z, y, x]);
      }
    }
  }
  const out = new Float32Array(mask.length);
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 0) continue;
    const p = [Math.floor(i / (ny * nx)), Math.floor(i / nx) % ny, i % nx];
    let best = Infinity;
    for (const b of background) {
      const d =
        ((p[0]! - b[0]) * res[0]) ** 2 + ((p[1]! - b[1]) * res[1]) ** 2 + ((p[2]! - b[2]) * res[2]) ** 2;
      if (d < best) best = d;
    }
    out[i] = Math.sqrt(best);
  }
  return out;
}

function randomBlobs(shape: Vec3, seed: number): Uint8Array {
  const random = rng(seed);
  const [nz, ny, nx] = shape;
  const mask = new Uint8Array(nz * ny * nx);
  for (let b = 0; b < 4; b++) {
    const c = [random() * nz, random() * ny, random() * nx];
    const r = 2 + random() * 5;
    for (let z = 0; z < nz; z++) {
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < nx; x++) {
          if (((z - c[0]!) * 2) ** 2 + (y - c[1]!) ** 2 + (x - c[2]!) ** 2 < r * r)
            mask[(z * ny + y) * nx + x] = 1;
        }
      }
    }
  }
  return mask;
}

describe('distanceTransform', () => {
  it('matches a brute-force anisotropic distance on random blobs', () => {
    const shape: Vec3 = [7, 13, 17];
    const res: Vec3 = [30, 8, 6];
    for (const seed of [1, 2, 3]) {
      const mask = randomBlobs(shape, seed);
      const got = distanceTransform(mask, shape, res);
      const want = bruteForce(mask, shape, res);
      for (let i = 0; i < mask.length; i++) expect(got[i]).toBeCloseTo(want[i]!, 3);
    }
  });

  it('agrees with scipy.ndimage.distance_transform_edt on a zero-padded mask', () => {
    const shape: Vec3 = [12, 20, 24];
    const res: Vec3 = [30, 8, 8];
    const mask = randomBlobs(shape, 9);
    const got = distanceTransform(mask, shape, res);
    const out = runPython(
      [
        'import sys, numpy as np',
        'from scipy import ndimage',
        'm = np.array([int(c) for c in sys.argv[1]], dtype=np.uint8).reshape(12, 20, 24)',
        'd = ndimage.distance_transform_edt(np.pad(m, 1), sampling=(30, 8, 8))[1:-1, 1:-1, 1:-1]',
        "print(' '.join('%.4f' % v for v in d.ravel()))",
      ].join('\n'),
      [Array.from(mask).join('')],
    );
    const want = out.trim().split(/\s+/).map(Number);
    expect(want).toHaveLength(mask.length);
    for (let i = 0; i < mask.length; i++) expect(got[i]).toBeCloseTo(want[i]!, 2);
  });

  it('measures a slab by its thinnest anisotropic direction', () => {
    // 3 slices thick in z (30 nm), wide in y and x: the centre slice is 60 nm from the outside.
    const shape: Vec3 = [3, 20, 20];
    const mask = new Uint8Array(3 * 20 * 20).fill(1);
    const d = distanceTransform(mask, shape, [30, 8, 8]);
    expect(d[(1 * 20 + 10) * 20 + 10]).toBeCloseTo(60, 5);
    expect(d[(0 * 20 + 10) * 20 + 10]).toBeCloseTo(30, 5);
    expect(d[(1 * 20 + 0) * 20 + 10]).toBeCloseTo(8, 5);
  });
});
