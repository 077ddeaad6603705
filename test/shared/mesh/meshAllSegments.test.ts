import { describe, expect, it } from 'vitest';
import { meshAllSegments } from '../../../shared/mesh/meshAllSegments';
import { meshSegment } from '../../../shared/mesh/meshSegment';
import { meshStats } from '../../../shared/mesh/meshStats';
import type { MeshOptions } from '../../../shared/mesh/types';
import type { Vec3 } from '../../../shared/volume/types';
import { ball, type Block, emptyBlock, paint, randomUniform } from './shapes';

const EM: Vec3 = [30, 8, 8];

/** Touching balls of labels 1-4 over background, plus salt-and-pepper label 6 and 7 voxels. */
function crowdedBlock(): Block {
  const block = emptyBlock([12, 30, 34]);
  paint(block, 1, EM, ball([5 * 30, 10 * 8, 10 * 8], 80));
  paint(block, 2, EM, ball([6 * 30, 14 * 8, 20 * 8], 90));
  paint(block, 3, EM, ball([4 * 30, 22 * 8, 12 * 8], 70));
  paint(block, 4, EM, (p) => p[2] > 26 * 8); // a slab along the x border
  const rand = randomUniform(5);
  block.labels.forEach((_, i) => {
    const r = rand();
    if (r < 0.03) block.labels[i] = 6;
    else if (r < 0.05) block.labels[i] = 7;
  });
  return block;
}

describe('meshAllSegments', () => {
  for (const connectivity of [6, 18] as const) {
    it(`gives every non-zero label exactly the mesh meshSegment gives (connectivity ${connectivity})`, () => {
      const block = crowdedBlock();
      const opts: MeshOptions = { resolution: EM, offset: [3, 40, -5], connectivity };
      const all = meshAllSegments(block.labels, block.shape, opts);
      expect([...all.keys()].sort()).toEqual([1, 2, 3, 4, 6, 7]);
      for (const [label, mesh] of all) {
        const one = meshSegment(block.labels, block.shape, label, opts);
        expect(mesh.positions).toEqual(one.positions);
        expect(mesh.indices).toEqual(one.indices);
        expect(mesh.normals).toEqual(one.normals);
        const s = meshStats(mesh);
        expect([s.boundaryEdges, s.nonManifoldEdges, s.misorientedEdges, s.nonManifoldVertices]).toEqual([
          0, 0, 0, 0,
        ]);
      }
    });
  }

  it('returns nothing for an all-background block and skips normals on request', () => {
    expect(meshAllSegments(new Uint32Array(27), [3, 3, 3], { resolution: EM }).size).toBe(0);
    const one = meshAllSegments(new Uint32Array([0, 5, 0, 0]), [1, 2, 2], { resolution: EM, normals: false });
    expect(one.get(5)?.normals).toBeUndefined();
    expect(one.get(5)?.indices.length).toBe(24);
  });

  it('rejects labels that are not dense indices', () => {
    expect(() => meshAllSegments(new Uint32Array([1, 0xfffffff0]), [1, 1, 2], { resolution: EM })).toThrow(
      /dense/,
    );
  });
});
