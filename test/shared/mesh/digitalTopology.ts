/**
 * Digital topology of a label's voxels, independent of the mesher: how many closed surfaces a
 * correct mesh must have. In 3-D the regions of label and not-label form a tree by adjacency,
 * and each adjacency is one closed surface, so surfaces = label components + other components
 * - 1 (the outside counts as "other"). The connectivities must be a matching pair: 6 with 18,
 * 18 with 6.
 */
import type { Vec3 } from '../../../shared/volume/types';
import type { Block } from './shapes';

function neighbourOffsets(connectivity: 6 | 18): Vec3[] {
  const out: Vec3[] = [];
  for (let dz = -1; dz <= 1; dz++) {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const n = Math.abs(dz) + Math.abs(dy) + Math.abs(dx);
        if (n > 0 && n <= (connectivity === 6 ? 1 : 2)) out.push([dz, dy, dx]);
      }
    }
  }
  return out;
}

/** Connected components of voxels with member[i] === want, in a block of `shape`. */
export function countComponents(member: Uint8Array, shape: Vec3, want: number, connectivity: 6 | 18): number {
  const [nz, ny, nx] = shape;
  const seen = new Uint8Array(member.length);
  const offsets = neighbourOffsets(connectivity);
  let components = 0;
  for (let start = 0; start < member.length; start++) {
    if (seen[start] || member[start] !== want) continue;
    components++;
    seen[start] = 1;
    const stack = [start];
    while (stack.length > 0) {
      const i = stack.pop()!;
      const z = Math.floor(i / (ny * nx));
      const y = Math.floor(i / nx) % ny;
      const x = i % nx;
      for (const [dz, dy, dx] of offsets) {
        const [qz, qy, qx] = [z + dz, y + dy, x + dx];
        if (qz < 0 || qy < 0 || qx < 0 || qz >= nz || qy >= ny || qx >= nx) continue;
        const j = (qz * ny + qy) * nx + qx;
        if (seen[j] || member[j] !== want) continue;
        seen[j] = 1;
        stack.push(j);
      }
    }
  }
  return components;
}

/** Closed surfaces a mesh of `label` must have, with the label joined at `connectivity`. */
export function expectedSurfaces(block: Block, label: number, connectivity: 6 | 18): number {
  const [nz, ny, nx] = block.shape;
  const padded: Vec3 = [nz + 2, ny + 2, nx + 2];
  const member = new Uint8Array(padded[0] * padded[1] * padded[2]);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const inside = block.labels[(z * ny + y) * nx + x] === label;
        member[((z + 1) * padded[1] + y + 1) * padded[2] + x + 1] = inside ? 1 : 0;
      }
    }
  }
  const inside = countComponents(member, padded, 1, connectivity);
  if (inside === 0) return 0;
  return inside + countComponents(member, padded, 0, connectivity === 6 ? 18 : 6) - 1;
}
