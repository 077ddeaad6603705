import { describe, expect, it } from 'vitest';
import { meshSegment } from '../../../shared/mesh/meshSegment';
import { meshStats, type MeshStats } from '../../../shared/mesh/meshStats';
import type { Mesh } from '../../../shared/mesh/types';
import type { Vec3 } from '../../../shared/volume/types';
import { ball, type Block, emptyBlock, paint, set, torus, voxelBounds } from './shapes';

const EM: Vec3 = [30, 8, 8];
const VOXEL_NM3 = EM[0] * EM[1] * EM[2];

function expectClosedManifold(s: MeshStats): void {
  expect(s.triangles).toBeGreaterThan(0);
  expect(s.boundaryEdges).toBe(0);
  expect(s.nonManifoldEdges).toBe(0);
  expect(s.misorientedEdges).toBe(0);
  expect(s.nonManifoldVertices).toBe(0);
  expect(s.degenerateTriangles).toBe(0);
}

/** Min and max of the positions per axis, xyz. */
function positionBounds(mesh: Mesh): [number[], number[]] {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  mesh.positions.forEach((v, i) => {
    lo[i % 3] = Math.min(lo[i % 3]!, v);
    hi[i % 3] = Math.max(hi[i % 3]!, v);
  });
  return [lo, hi];
}

/** A ball of 150 nm radius in EM voxels: 10 voxels across in z, 37 in x and y. */
function ballBlock(): { block: Block; voxels: number } {
  const block = emptyBlock([14, 44, 44]);
  const voxels = paint(block, 3, EM, ball([6.5 * 30, 21.5 * 8, 21.5 * 8], 150));
  return { block, voxels };
}

describe('meshSegment', () => {
  it('wraps a single voxel in a closed octahedron through its face centres', () => {
    const mesh = meshSegment(new Uint32Array([9]), [1, 1, 1], 9, { resolution: EM, offset: [2, 3, 4] });
    const s = meshStats(mesh);
    expectClosedManifold(s);
    expect([s.vertices, s.triangles, s.euler, s.components]).toEqual([6, 8, 2, 1]);
    // Octahedron with half-axes of half a voxel: 4/3 * 15 * 4 * 4 nm^3.
    expect(s.signedVolume).toBeCloseTo((4 / 3) * 15 * 4 * 4, 3);
    const [lo, hi] = positionBounds(mesh);
    expect(lo).toEqual([3.5 * 8, 2.5 * 8, 1.5 * 30]);
    expect(hi).toEqual([4.5 * 8, 3.5 * 8, 2.5 * 30]);
  });

  it('meshes a voxelised ball as one closed outward surface enclosing its voxel volume', () => {
    const { block, voxels } = ballBlock();
    const mesh = meshSegment(block.labels, block.shape, 3, { resolution: EM, connectivity: 6 });
    const s = meshStats(mesh);
    expectClosedManifold(s);
    expect(s.euler).toBe(2);
    expect(s.components).toBe(1);
    expect(s.signedVolume).toBeGreaterThan(0);
    expect(Math.abs(s.signedVolume / (voxels * VOXEL_NM3) - 1)).toBeLessThan(0.05);
  });

  it('gives normals that point away from the ball centre', () => {
    const { block } = ballBlock();
    const { positions: p, normals: n } = meshSegment(block.labels, block.shape, 3, { resolution: EM });
    const centre = [21.5 * 8, 21.5 * 8, 6.5 * 30];
    let outward = 0;
    for (let i = 0; i < p.length; i += 3) {
      const dot = [0, 1, 2].reduce((sum, a) => sum + n![i + a]! * (p[i + a]! - centre[a]!), 0);
      if (dot > 0) outward++;
      expect(Math.hypot(n![i]!, n![i + 1]!, n![i + 2]!)).toBeCloseTo(1, 5);
    }
    expect(outward).toBe(p.length / 3);
  });

  it('gives a torus Euler characteristic 0', () => {
    const block = emptyBlock([12, 40, 40]);
    paint(block, 1, EM, torus([5.5 * 30, 19.5 * 8, 19.5 * 8], 100, 45));
    const s = meshStats(meshSegment(block.labels, block.shape, 1, { resolution: EM }));
    expectClosedManifold(s);
    expect([s.euler, s.components]).toEqual([0, 1]);
  });

  it('gives two closed components for two separate blobs of one label', () => {
    const block = emptyBlock([10, 30, 40]);
    paint(block, 5, EM, ball([4 * 30, 14 * 8, 9 * 8], 60));
    paint(block, 5, EM, ball([5 * 30, 15 * 8, 30 * 8], 70));
    const s = meshStats(meshSegment(block.labels, block.shape, 5, { resolution: EM }));
    expectClosedManifold(s);
    expect([s.components, s.euler]).toEqual([2, 4]);
  });

  it('closes shapes cut by the block border, out to half a voxel beyond it', () => {
    const block = emptyBlock([3, 4, 5]);
    block.labels.fill(2);
    const mesh = meshSegment(block.labels, block.shape, 2, { resolution: EM });
    const s = meshStats(mesh);
    expectClosedManifold(s);
    expect([s.euler, s.components]).toEqual([2, 1]);
    const [lo, hi] = positionBounds(mesh);
    expect(lo).toEqual([-4, -4, -15]);
    expect(hi).toEqual([4.5 * 8, 3.5 * 8, 2.5 * 30]);
  });

  it('keeps edge- and corner-touching voxels closed and manifold, joined at an edge only at 18', () => {
    const edge = emptyBlock([2, 2, 2]);
    set(edge, 0, 0, 0, 1);
    set(edge, 1, 1, 0, 1); // shares the x-edge at z = y = 0.5
    const corner = emptyBlock([2, 2, 2]);
    set(corner, 0, 0, 0, 1);
    set(corner, 1, 1, 1, 1);
    const count = (b: Block, connectivity: 6 | 18): MeshStats => {
      const s = meshStats(meshSegment(b.labels, b.shape, 1, { resolution: EM, connectivity }));
      expectClosedManifold(s);
      return s;
    };
    expect(count(edge, 18).components).toBe(1);
    expect(count(edge, 18).euler).toBe(2);
    expect(count(edge, 6).components).toBe(2);
    expect(count(corner, 18).components).toBe(2);
    expect(count(corner, 6).components).toBe(2);
  });

  it('places vertices by offset and anisotropic resolution, half a voxel beyond the voxels', () => {
    const block = emptyBlock([8, 12, 10]);
    paint(block, 4, EM, ball([3 * 30, 6 * 8, 5 * 8], 30));
    const [vlo, vhi] = voxelBounds(block, 4)!;
    const offset: Vec3 = [100, -7, 2000];
    const resolution: Vec3 = [40, 4, 6];
    const [lo, hi] = positionBounds(meshSegment(block.labels, block.shape, 4, { resolution, offset }));
    for (let axis = 0; axis < 3; axis++) {
      const zyx = 2 - axis; // positions are xyz, voxel bounds zyx
      expect(lo[axis]).toBeCloseTo((vlo[zyx]! + offset[zyx]! - 0.5) * resolution[zyx]!, 2);
      expect(hi[axis]).toBeCloseTo((vhi[zyx]! + offset[zyx]! + 0.5) * resolution[zyx]!, 2);
    }
  });

  it('ignores other labels, touching or not', () => {
    const alone = ballBlock().block;
    const crowded = ballBlock().block;
    crowded.labels.forEach((v, i) => {
      if (v !== 3) crowded.labels[i] = [1, 2, 4, 5][(i >> 4) & 3]!;
    });
    const a = meshSegment(alone.labels, alone.shape, 3, { resolution: EM });
    const b = meshSegment(crowded.labels, crowded.shape, 3, { resolution: EM });
    expect(b.positions).toEqual(a.positions);
    expect(b.indices).toEqual(a.indices);
  });

  it('restricts to opts.box and gives the same mesh for the segment bbox as for the whole block', () => {
    const block = emptyBlock([10, 30, 40]);
    paint(block, 5, EM, ball([4 * 30, 14 * 8, 9 * 8], 60));
    paint(block, 5, EM, ball([5 * 30, 15 * 8, 30 * 8], 70));
    const whole = meshSegment(block.labels, block.shape, 5, { resolution: EM });
    const bbox = meshSegment(block.labels, block.shape, 5, {
      resolution: EM,
      box: { start: [0, 0, 0], size: [10, 30, 40] },
    });
    expect(bbox.indices).toEqual(whole.indices);
    const left = meshSegment(block.labels, block.shape, 5, {
      resolution: EM,
      box: { start: [0, 0, 0], size: [10, 30, 20] },
    });
    const s = meshStats(left);
    expectClosedManifold(s);
    expect(s.components).toBe(1);
    expect(positionBounds(left)[1][0]).toBeLessThan(20 * 8);
  });

  it('returns an empty mesh for an absent label and rejects a wrong shape', () => {
    const mesh = meshSegment(new Uint32Array(8), [2, 2, 2], 1, { resolution: EM });
    expect([mesh.positions.length, mesh.indices.length]).toEqual([0, 0]);
    expect(() => meshSegment(new Uint32Array(7), [2, 2, 2], 1, { resolution: EM })).toThrow(RangeError);
  });

  it('smooths within half a voxel, keeping the surface closed and its volume', () => {
    const { block, voxels } = ballBlock();
    const raw = meshSegment(block.labels, block.shape, 3, { resolution: EM });
    const smooth = meshSegment(block.labels, block.shape, 3, { resolution: EM, smoothing: 6 });
    expect(smooth.indices).toEqual(raw.indices);
    const half = [4, 4, 15];
    smooth.positions.forEach((v, i) =>
      expect(Math.abs(v - raw.positions[i]!)).toBeLessThanOrEqual(half[i % 3]! + 1e-3),
    );
    const s = meshStats(smooth);
    expect([s.boundaryEdges, s.nonManifoldEdges, s.euler]).toEqual([0, 0, 2]);
    expect(Math.abs(s.signedVolume / (voxels * VOXEL_NM3) - 1)).toBeLessThan(0.05);
    // Smoother: distances from the centre spread less than before.
    const spread = (m: Mesh): number => {
      const c = [21.5 * 8, 21.5 * 8, 6.5 * 30];
      const d: number[] = [];
      for (let i = 0; i < m.positions.length; i += 3) {
        d.push(Math.hypot(...[0, 1, 2].map((a) => m.positions[i + a]! - c[a]!)));
      }
      const mean = d.reduce((x, y) => x + y, 0) / d.length;
      return Math.sqrt(d.reduce((x, y) => x + (y - mean) ** 2, 0) / d.length);
    };
    expect(spread(smooth)).toBeLessThan(spread(raw));
  });
});
