import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meshSegment } from '../../../shared/mesh/meshSegment';
import { meshStats } from '../../../shared/mesh/meshStats';
import type { Vec3 } from '../../../shared/volume/types';
import { expectedSurfaces } from './digitalTopology';
import { type Block, randomUniform } from './shapes';

/** A random block of labels 0-2; `density` is the share of label 1. */
function randomBlock(shape: Vec3, density: number, seed: number): Block {
  const rand = randomUniform(seed);
  const labels = new Uint32Array(shape[0] * shape[1] * shape[2]);
  for (let i = 0; i < labels.length; i++) {
    const r = rand();
    labels[i] = r < density ? 1 : r < (1 + density) / 2 ? 2 : 0;
  }
  return { shape, labels };
}

const blocks = fc
  .record({
    shape: fc.tuple(
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 6 }),
    ),
    density: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
    seed: fc.integer(),
  })
  .map(({ shape, density, seed }) => randomBlock(shape as Vec3, density, seed));

describe('mesh topology on random voxel sets', () => {
  for (const connectivity of [6, 18] as const) {
    it(`is closed, manifold, outward and has one surface per region boundary (connectivity ${connectivity})`, () => {
      fc.assert(
        fc.property(blocks, (block) => {
          const mesh = meshSegment(block.labels, block.shape, 1, { resolution: [30, 8, 8], connectivity });
          const s = meshStats(mesh);
          expect(s.boundaryEdges).toBe(0);
          expect(s.nonManifoldEdges).toBe(0);
          expect(s.misorientedEdges).toBe(0);
          expect(s.nonManifoldVertices).toBe(0);
          expect(s.degenerateTriangles).toBe(0);
          expect(s.components).toBe(expectedSurfaces(block, 1, connectivity));
          // Closed orientable surfaces: Euler characteristic 2 - 2 * genus each.
          expect(Math.abs(s.euler % 2)).toBe(0);
          expect(s.euler).toBeLessThanOrEqual(2 * s.components);
          if (s.triangles > 0) expect(s.signedVolume).toBeGreaterThan(0);
        }),
        { numRuns: 300, seed: 20240611 },
      );
    });
  }
});
