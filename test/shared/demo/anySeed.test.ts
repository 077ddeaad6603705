import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_MIN_SHAPE, generateDemo } from '../../../shared/demo/generateDemo';
import { components, index, smallLabels } from './helpers';

describe('demo invariants for any seed (smallest shape)', () => {
  it('keeps axons whole and the manifest true to the segmentation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const volume = generateDemo({ seed, shape: DEMO_MIN_SHAPE });
        const gt = smallLabels(volume.groundTruth);
        for (const id of volume.axonIds) {
          expect(components(gt, volume.shape, Number(id)).count, `seed ${seed} axon ${id}`).toBe(1);
        }
        const kinds = volume.errors.map((e) => e.kind);
        expect(kinds.filter((k) => k === 'merge').length).toBeGreaterThanOrEqual(3);
        expect(kinds.filter((k) => k === 'split').length).toBeGreaterThanOrEqual(4);
        for (const error of volume.errors) {
          for (const seedVoxel of error.seeds) {
            const k = index(volume.shape, seedVoxel.voxel);
            expect(String(volume.segmentation[k])).toBe(seedVoxel.segmentId);
            expect(String(volume.groundTruth[k])).toBe(seedVoxel.gtId);
          }
        }
      }),
      { numRuns: 6 },
    );
  });
});
