import { describe, expect, it } from 'vitest';
import { memoryReader } from '../../../shared/edit/memoryReader';
import { splitPreview } from '../../../shared/edit/split';
import { createEditState } from '../../../shared/edit/state';
import { SIDE_SINK, SIDE_SOURCE } from '../../../shared/edit/watershed';
import type { Vec3 } from '../../../shared/volume/types';
import { rng } from './syntheticVolumes';

/**
 * Two cells fused into one segment: A (y < 20) above B, a dark membrane between them with a
 * 3-voxel gap near x = 30, and across B at x = 60 a fainter dark band (say a mitochondrion).
 * A's seed and B's seed both lie at x = 100, so B's voxels left of the band are closer to A
 * (through the gap) than to B's seed (across the band) for a flood, which follows the weakest
 * point of a boundary; on average the membrane is far darker than the band.
 */
function gappedMembrane(resolution: Vec3): {
  reader: ReturnType<typeof memoryReader>;
  gt: Uint8Array;
  shape: Vec3;
} {
  const shape: Vec3 = [6, 40, 120];
  const [sz, sy, sx] = shape;
  const random = rng(7);
  const image = new Uint8Array(sz * sy * sx);
  const gt = new Uint8Array(image.length);
  for (let z = 0, i = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, i++) {
        gt[i] = y < 20 ? 1 : 2;
        const membrane = (y === 19 || y === 20) && (x < 29 || x > 31);
        const band = y > 20 && x >= 59 && x <= 61;
        const grey = membrane ? 45 : band ? 105 : 165;
        image[i] = Math.round(grey + (random() - 0.5) * 30);
      }
    }
  }
  const labels = new BigUint64Array(image.length).fill(5n);
  return { reader: memoryReader({ shape, resolution, labels, image }), gt, shape };
}

describe('split across a membrane with a gap', () => {
  it.each([
    ['isotropic', [8, 8, 8] as Vec3],
    ['anisotropic', [30, 8, 8] as Vec3],
  ])('keeps each cell on its own side (%s voxels)', (_, resolution) => {
    const { reader, gt, shape } = gappedMembrane(resolution);
    const z = Math.floor(shape[0] / 2);
    const preview = splitPreview(createEditState(reader), reader, {
      segment: 5n,
      sources: [[z, 8, 100]],
      sinks: [[z, 32, 100]],
    });
    let [aRight, aAll, bRight, bAll] = [0, 0, 0, 0];
    preview.sides.forEach((side, i) => {
      if (gt[i] === 1) [aRight, aAll] = [aRight + +(side === SIDE_SOURCE), aAll + 1];
      else [bRight, bAll] = [bRight + +(side === SIDE_SINK), bAll + 1];
    });
    expect(aRight / aAll).toBeGreaterThan(0.97);
    expect(bRight / bAll).toBeGreaterThan(0.97);
  });
});
