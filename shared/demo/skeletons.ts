import type { Skeleton, SkeletonNode } from '../formats/swc';
import type { Vec3 } from '../volume/types';
import type { Grid, Tube } from './grid';

/** The voxel [z, y, x] nearest to path point i, or undefined when it lies outside the volume. */
export function pathVoxel(grid: Grid, tube: Tube, i: number): Vec3 | undefined {
  const z = Math.round(tube.points[3 * i]! / grid.kappa);
  const y = Math.round(tube.points[3 * i + 1]!);
  const x = Math.round(tube.points[3 * i + 2]!);
  if (z < 0 || z >= grid.nz || y < 0 || y >= grid.ny || x < 0 || x >= grid.nx) return undefined;
  return [z, y, x];
}

/**
 * The axon's centre line inside the volume as a chain of nodes in nm. A path point p (voxel
 * units) becomes (p + 0.5) * resolution, so floor(nm / resolution) is the voxel nearest to it.
 */
export function tubeSkeleton(grid: Grid, tube: Tube, resolution: Vec3): Skeleton {
  const nodes: SkeletonNode[] = [];
  for (let i = 0; i < tube.radii.length; i++) {
    if (pathVoxel(grid, tube, i) === undefined) continue;
    nodes.push({
      z: (tube.points[3 * i]! / grid.kappa + 0.5) * resolution[0],
      y: (tube.points[3 * i + 1]! + 0.5) * resolution[1],
      x: (tube.points[3 * i + 2]! + 0.5) * resolution[2],
      radius: tube.radii[i]! * resolution[2],
      parent: nodes.length - 1,
    });
  }
  return { id: tube.id, nodes };
}
