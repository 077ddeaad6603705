import type { Vec3 } from '../volume/types';

/** Taubin's pass factors: shrink by LAMBDA, then inflate by MU, so volume is kept. */
const LAMBDA = 0.5;
const MU = -0.53;

/**
 * Taubin smoothing in place. Each vertex stays within half a voxel (per axis) of where marching
 * cubes put it, so the surface keeps following the voxels and thin parts cannot collapse.
 */
export function smoothMesh(
  positions: Float32Array,
  indices: Uint32Array,
  resolution: Vec3,
  iterations: number,
): void {
  const { start, neighbours } = vertexNeighbours(positions.length / 3, indices);
  const lo = new Float32Array(positions.length);
  const hi = new Float32Array(positions.length);
  const half = [resolution[2] / 2, resolution[1] / 2, resolution[0] / 2];
  for (let i = 0; i < positions.length; i++) {
    lo[i] = positions[i]! - half[i % 3]!;
    hi[i] = positions[i]! + half[i % 3]!;
  }
  const scratch = new Float32Array(positions.length);
  for (let it = 0; it < iterations; it++) {
    for (const factor of [LAMBDA, MU]) {
      laplacianStep(positions, scratch, start, neighbours, factor);
      for (let i = 0; i < positions.length; i++)
        positions[i] = Math.min(hi[i]!, Math.max(lo[i]!, scratch[i]!));
    }
  }
}

function laplacianStep(
  p: Float32Array,
  out: Float32Array,
  start: Uint32Array,
  neighbours: Uint32Array,
  factor: number,
): void {
  const n = start.length - 1;
  for (let v = 0; v < n; v++) {
    const s = start[v]!;
    const e = start[v + 1]!;
    const x = p[3 * v]!;
    const y = p[3 * v + 1]!;
    const z = p[3 * v + 2]!;
    if (e === s) {
      out[3 * v] = x;
      out[3 * v + 1] = y;
      out[3 * v + 2] = z;
      continue;
    }
    let sx = 0;
    let sy = 0;
    let sz = 0;
    for (let j = s; j < e; j++) {
      const w = 3 * neighbours[j]!;
      sx += p[w]!;
      sy += p[w + 1]!;
      sz += p[w + 2]!;
    }
    const inv = 1 / (e - s);
    out[3 * v] = x + factor * (sx * inv - x);
    out[3 * v + 1] = y + factor * (sy * inv - y);
    out[3 * v + 2] = z + factor * (sz * inv - z);
  }
}

/**
 * Neighbours of each vertex (CSR): the head of every half-edge leaving it. On a closed,
 * consistently oriented mesh each neighbour appears exactly once.
 */
function vertexNeighbours(
  vertexCount: number,
  indices: Uint32Array,
): { start: Uint32Array; neighbours: Uint32Array } {
  const start = new Uint32Array(vertexCount + 1);
  for (let i = 0; i < indices.length; i++) start[indices[i]! + 1]!++;
  for (let v = 0; v < vertexCount; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, vertexCount);
  const neighbours = new Uint32Array(indices.length);
  for (let t = 0; t < indices.length; t += 3) {
    for (let c = 0; c < 3; c++) {
      const from = indices[t + c]!;
      neighbours[fill[from]!++] = indices[t + ((c + 1) % 3)]!;
    }
  }
  return { start, neighbours };
}
