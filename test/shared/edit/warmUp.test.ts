import { describe, expect, it } from 'vitest';
import { COARSE_MIN_VOXELS } from '../../../shared/edit/coarseSplit';
import { fusedTubes, warmUpSplit } from '../../../shared/edit/warmUp';
import { SIDE_SINK, SIDE_SOURCE } from '../../../shared/edit/watershed';

describe('the split warm-up', () => {
  it('splits its fused tubes apart at both resolutions, on the coarse-to-fine path', () => {
    const tubes = fusedTubes(12, 384);
    const [, sy, sx] = tubes.shape;
    const segment = tubes.labels.reduce((n, v) => n + (v === 1n ? 1 : 0), 0);
    expect(segment).toBeGreaterThanOrEqual(COARSE_MIN_VOXELS);
    const previews = warmUpSplit(1);
    expect(previews).toHaveLength(2);
    for (const p of previews) {
      expect(p.sourceVoxels + p.sinkVoxels).toBe(segment);
      expect(p.unreachedVoxels).toBe(0);
      // Tube A (y below the middle) holds the sources, tube B the sinks: each voxel on its side.
      const [bz, by, bx] = p.box.size;
      const [oz, oy, ox] = p.box.start;
      let wrong = 0;
      for (let z = 0, j = 0; z < bz; z++) {
        for (let y = 0; y < by; y++) {
          for (let x = 0; x < bx; x++, j++) {
            if (tubes.labels[((z + oz) * sy + y + oy) * sx + x + ox] !== 1n) continue;
            if (p.sides[j] !== (y + oy < sy / 2 ? SIDE_SOURCE : SIDE_SINK)) wrong++;
          }
        }
      }
      expect(wrong).toBe(0);
    }
  });
});
