/**
 * Synthetic ground-truth skeletons for the ERL benchmark: meandering, occasionally branching
 * paths through a volume, one node per voxel step or so, positions in nm.
 */
import type { Skeleton, SkeletonNode } from '../../shared/formats/swc';
import { Random } from '../../shared/demo/random';
import type { Vec3 } from '../../shared/volume/types';

/** A skeleton's next node branches off an earlier node with this probability. */
const BRANCH_CHANCE = 0.01;

/** `count` skeletons of `nodesEach` nodes inside a volume of `shape` voxels at `resolution` nm. */
export function syntheticSkeletons(
  count: number,
  nodesEach: number,
  shape: Vec3,
  resolution: Vec3,
  seed = 1,
): Skeleton[] {
  const rng = new Random(seed);
  const extent = shape.map((s, d) => s * resolution[d]!);
  const step = Math.min(...resolution);
  const inside = (v: number, d: number) => Math.min(extent[d]! - 1e-3, Math.max(0, v));
  const skeletons: Skeleton[] = [];
  for (let id = 1; id <= count; id++) {
    const nodes: SkeletonNode[] = [];
    const pos = extent.map((e) => rng.range(0, e));
    const dir = [rng.normal(), rng.normal(), rng.normal()];
    for (let i = 0; i < nodesEach; i++) {
      let parent = i - 1;
      if (i > 1 && rng.chance(BRANCH_CHANCE)) {
        parent = rng.int(0, i);
        const from = nodes[parent]!;
        pos.splice(0, 3, from.z, from.y, from.x);
      }
      // Direction drifts slowly so that paths meander instead of jittering in place.
      for (let d = 0; d < 3; d++) dir[d] = dir[d]! * 0.9 + rng.normal() * 0.3;
      const norm = Math.hypot(dir[0]!, dir[1]!, dir[2]!) || 1;
      for (let d = 0; d < 3; d++) {
        const next = pos[d]! + (step * dir[d]!) / norm;
        if (next < 0 || next >= extent[d]!) dir[d] = -dir[d]!;
        pos[d] = inside(next, d);
      }
      nodes.push({ z: pos[0]!, y: pos[1]!, x: pos[2]!, radius: step, parent: i === 0 ? -1 : parent });
    }
    skeletons.push({ id, nodes });
  }
  return skeletons;
}
