import { clampBox } from '../volume/box';
import { type Box3, type Vec3, boxVoxels, formatVec } from '../volume/types';
import { type Brush, EditError, type PaintRegion } from './types';

/** The voxels of a paint region as a 0/1 mask over their bounding box (clipped to the volume). */
export interface RegionMask {
  readonly box: Box3;
  readonly mask: Uint8Array;
  readonly count: number;
}

function inside(v: Vec3, shape: Vec3): boolean {
  return v.every((c, d) => Number.isInteger(c) && c >= 0 && c < shape[d]!);
}

/** Rasterise `region`; listed voxels must lie in the volume, brush stamps are clipped to it. */
export function regionMask(region: PaintRegion, shape: Vec3): RegionMask {
  const voxels = 'voxels' in region ? region.voxels : strokeCenters(region.brush);
  if ('voxels' in region) checkVoxelsInside(region.voxels, shape);
  const [r, reach] =
    'brush' in region ? [region.brush.radius, brushReach(region.brush)] : [0, [0, 0, 0] as const];
  if (voxels.length === 0) throw new EditError('bad-input', 'paint region has no voxels');
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (const v of voxels) {
    for (let d = 0; d < 3; d++) {
      lo[d] = Math.min(lo[d]!, v[d]! - reach[d]!);
      hi[d] = Math.max(hi[d]!, v[d]! + reach[d]!);
    }
  }
  const box = clampBox(
    {
      start: [lo[0]!, lo[1]!, lo[2]!],
      size: [hi[0]! - lo[0]! + 1, hi[1]! - lo[1]! + 1, hi[2]! - lo[2]! + 1],
    },
    shape,
  );
  if (boxVoxels(box) === 0) throw new EditError('bad-input', 'paint region lies outside the volume');
  const mask = new Uint8Array(boxVoxels(box));
  const [, sy, sx] = box.size;
  let count = 0;
  const set = (z: number, y: number, x: number): void => {
    if (z < 0 || y < 0 || x < 0 || z >= box.size[0] || y >= sy || x >= sx) return;
    const i = (z * sy + y) * sx + x;
    if (mask[i] === 0) count++;
    mask[i] = 1;
  };
  for (const v of voxels) {
    const [z, y, x] = [v[0] - box.start[0], v[1] - box.start[1], v[2] - box.start[2]];
    for (let dz = -reach[0]; dz <= reach[0]; dz++)
      for (let dy = -reach[1]; dy <= reach[1]; dy++)
        for (let dx = -reach[2]; dx <= reach[2]; dx++)
          if (dz * dz + dy * dy + dx * dx <= r * r) set(z + dz, y + dy, x + dx);
  }
  if (count === 0) throw new EditError('bad-input', 'paint region lies outside the volume');
  return { box, mask, count };
}

/** Checked stamp centres, consecutive ones joined by a stamp at every voxel step between them. */
function strokeCenters(brush: Brush): Vec3[] {
  if (!(brush.radius >= 0) || !Number.isFinite(brush.radius)) {
    throw new EditError('bad-input', `brush radius ${brush.radius} is not a finite number >= 0`);
  }
  const out: Vec3[] = [];
  for (const [k, c] of brush.centers.entries()) {
    if (!c.every((v) => Number.isInteger(v))) {
      throw new EditError('bad-input', `brush centre ${formatAt(c)} is not integer`);
    }
    const prev = brush.centers[k - 1];
    const steps = prev ? Math.max(...c.map((v, d) => Math.abs(v - prev[d]!))) : 0;
    for (let s = 1; s < steps; s++) {
      const t = s / steps;
      out.push(c.map((v, d) => Math.round(prev![d]! + (v - prev![d]!) * t)) as unknown as Vec3);
    }
    out.push(c);
  }
  return out;
}

/** How far a stamp extends along z, y, x: the disc's plane gets the radius, the normal 0. */
function brushReach(brush: Brush): Vec3 {
  const r = Math.floor(brush.radius);
  switch (brush.plane) {
    case 'xy':
      return [0, r, r];
    case 'xz':
      return [r, 0, r];
    case 'yz':
      return [r, r, 0];
    case 'ball':
      return [r, r, r];
  }
}

/** Throws naming the first listed voxel outside the volume. */
export function checkVoxelsInside(voxels: readonly Vec3[], shape: Vec3): void {
  for (const [i, v] of voxels.entries()) {
    if (!inside(v, shape)) {
      throw new EditError('bad-input', `voxel ${i} ${formatAt(v)} is outside the volume ${formatVec(shape)}`);
    }
  }
}

/** "at (z, y, x) zyx" for messages. */
export function formatAt(v: Vec3): string {
  return `at (${v[0]}, ${v[1]}, ${v[2]}) zyx`;
}
