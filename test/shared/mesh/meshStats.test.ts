import { describe, expect, it } from 'vitest';
import { meshStats } from '../../../shared/mesh/meshStats';

// A unit cube, triangles counter-clockwise seen from outside.
const CUBE_POSITIONS = new Float32Array([
  0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1,
]);
const CUBE_INDICES = [
  [0, 2, 1, 0, 3, 2], // z = 0, facing -z
  [4, 5, 6, 4, 6, 7], // z = 1
  [0, 1, 5, 0, 5, 4], // y = 0
  [3, 7, 6, 3, 6, 2], // y = 1
  [0, 4, 7, 0, 7, 3], // x = 0
  [1, 2, 6, 1, 6, 5], // x = 1
].flat();

describe('meshStats', () => {
  it('measures a closed outward cube', () => {
    const s = meshStats({ positions: CUBE_POSITIONS, indices: new Uint32Array(CUBE_INDICES) });
    expect(s).toMatchObject({ vertices: 8, triangles: 12, edges: 18, euler: 2, components: 1 });
    expect([s.boundaryEdges, s.nonManifoldEdges, s.misorientedEdges, s.nonManifoldVertices]).toEqual([
      0, 0, 0, 0,
    ]);
    expect(s.signedVolume).toBeCloseTo(1, 6);
  });

  it('finds holes, flipped triangles, pinch points and degenerate triangles', () => {
    const open = meshStats({ positions: CUBE_POSITIONS, indices: new Uint32Array(CUBE_INDICES.slice(6)) });
    expect(open.boundaryEdges).toBe(4);
    const flipped = [...CUBE_INDICES];
    [flipped[1], flipped[2]] = [flipped[2]!, flipped[1]!];
    expect(meshStats({ positions: CUBE_POSITIONS, indices: new Uint32Array(flipped) }).misorientedEdges).toBe(
      3,
    );
    // Two cubes sharing vertex 6 only: a pinch point.
    const second = CUBE_INDICES.map((v) => (v === 0 ? 6 : v + 8));
    const positions = new Float32Array([...CUBE_POSITIONS, ...CUBE_POSITIONS.map((v) => v + 1)]);
    const pinched = meshStats({ positions, indices: new Uint32Array([...CUBE_INDICES, ...second]) });
    expect([pinched.nonManifoldVertices, pinched.components]).toEqual([1, 1]);
    const flat = meshStats({
      positions: new Float32Array([0, 0, 0, 1, 0, 0, 2, 0, 0]),
      indices: new Uint32Array([0, 1, 2]),
    });
    expect(flat.degenerateTriangles).toBe(1);
  });
});
