/** Small label volumes for the mesh tests (C-order zyx, x fastest). */
import type { Vec3 } from '../../../shared/volume/types';

export interface Block {
  readonly shape: Vec3;
  readonly labels: Uint32Array;
}

export function emptyBlock(shape: Vec3): Block {
  return { shape, labels: new Uint32Array(shape[0] * shape[1] * shape[2]) };
}

export function set(block: Block, z: number, y: number, x: number, label: number): void {
  block.labels[(z * block.shape[1] + y) * block.shape[2] + x] = label;
}

export function get(block: Block, z: number, y: number, x: number): number {
  return block.labels[(z * block.shape[1] + y) * block.shape[2] + x]!;
}

/** Label every voxel whose centre (in nm, given the voxel size) satisfies `inside`. */
export function paint(block: Block, label: number, resolution: Vec3, inside: (p: Vec3) => boolean): number {
  const [nz, ny, nx] = block.shape;
  let painted = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        if (!inside([z * resolution[0], y * resolution[1], x * resolution[2]])) continue;
        set(block, z, y, x, label);
        painted++;
      }
    }
  }
  return painted;
}

/** A ball of `radius` nm around `centre` (nm, zyx). */
export function ball(centre: Vec3, radius: number): (p: Vec3) => boolean {
  return (p) => Math.hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]) <= radius;
}

/** A torus around the z axis through `centre`: ring radius `ring`, tube radius `tube` (nm). */
export function torus(centre: Vec3, ring: number, tube: number): (p: Vec3) => boolean {
  return (p) => Math.hypot(Math.hypot(p[1] - centre[1], p[2] - centre[2]) - ring, p[0] - centre[0]) <= tube;
}

/** Seeded uniform numbers in [0, 1) (mulberry32), so random volumes are reproducible. */
export function randomUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    let t = (state = (state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Voxel bounding box of `label`: [min zyx, max zyx] inclusive, or undefined when absent. */
export function voxelBounds(block: Block, label: number): [Vec3, Vec3] | undefined {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-1, -1, -1];
  const [nz, ny, nx] = block.shape;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        if (get(block, z, y, x) !== label) continue;
        [z, y, x].forEach((v, i) => {
          lo[i] = Math.min(lo[i]!, v);
          hi[i] = Math.max(hi[i]!, v);
        });
      }
    }
  }
  return hi[0]! < 0 ? undefined : [lo as unknown as Vec3, hi as unknown as Vec3];
}
