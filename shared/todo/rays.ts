import type { Vec3 } from '../volume/types';

export interface LabelVolume {
  readonly labels: Uint32Array;
  readonly shape: Vec3;
  readonly resolution: Vec3;
}

export interface Continuation {
  /** Fraction of rays that, leaving segment a through its end, enter b directly. */
  readonly adjacent: number;
  /** Fraction that reach b within the gap allowance (adjacent ones included). */
  readonly reached: number;
}

/**
 * Cast a small bundle of rays (the axis and four rays half a radius off it) from `start` on the
 * skeleton inside the end of segment `a` along `dir`, and see whether they run on into segment `b`: a neurite cut in
 * two continues straight across the cut, unlike neighbours that merely touch.
 */
export function continuation(
  vol: LabelVolume,
  a: number,
  b: number,
  start: Vec3,
  dir: Vec3,
  radius: number,
  maxGap: number,
): Continuation {
  const [u, v] = perpendiculars(dir);
  let adjacent = 0;
  let reached = 0;
  const offsets: [number, number][] = [
    [0, 0],
    [0.5, 0],
    [-0.5, 0],
    [0, 0.5],
    [0, -0.5],
  ];
  for (const [s, t] of offsets) {
    const o: Vec3 = [
      start[0] + radius * (s * u[0] + t * v[0]),
      start[1] + radius * (s * u[1] + t * v[1]),
      start[2] + radius * (s * u[2] + t * v[2]),
    ];
    const hit = castRay(vol, a, b, o, dir, 4 * radius + 200, maxGap);
    if (hit.reached) reached++;
    if (hit.adjacent) adjacent++;
  }
  const n = offsets.length;
  return { adjacent: adjacent / n, reached: reached / n };
}

/** Two unit vectors perpendicular to `d` and to each other. */
function perpendiculars(d: Vec3): [Vec3, Vec3] {
  const ref: Vec3 = Math.abs(d[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const u = cross(d, ref);
  const nu = Math.hypot(...u);
  const un: Vec3 = [u[0] / nu, u[1] / nu, u[2] / nu];
  return [un, cross(d, un)];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

interface RayHit {
  readonly adjacent: boolean;
  readonly reached: boolean;
}

/** March from `o` (inside a, or just outside it) until a is left, then look for b. */
function castRay(
  vol: LabelVolume,
  a: number,
  b: number,
  o: Vec3,
  dir: Vec3,
  maxInside: number,
  maxGap: number,
): RayHit {
  const { labels, shape, resolution } = vol;
  const step = 0.5 * Math.min(...resolution);
  let exitAt = -1;
  for (let s = 0; s <= maxInside + maxGap; s += step) {
    const i = voxelIndex(shape, resolution, o[0] + dir[0] * s, o[1] + dir[1] * s, o[2] + dir[2] * s);
    if (i < 0) break;
    const label = labels[i]!;
    if (exitAt < 0) {
      if (label === a) continue;
      if (s > maxInside) break;
      exitAt = s;
    }
    if (label === b) return { adjacent: s - exitAt <= step, reached: true };
    if (s - exitAt > maxGap) break;
  }
  return { adjacent: false, reached: false };
}

export function voxelIndex(shape: Vec3, res: Vec3, z: number, y: number, x: number): number {
  const iz = Math.floor(z / res[0]);
  const iy = Math.floor(y / res[1]);
  const ix = Math.floor(x / res[2]);
  if (iz < 0 || iy < 0 || ix < 0 || iz >= shape[0] || iy >= shape[1] || ix >= shape[2]) return -1;
  return (iz * shape[1] + iy) * shape[2] + ix;
}
