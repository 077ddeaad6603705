import type { Vec3 } from '../../../shared/volume/types';

/** A polyline in nm (z, y, x) with one radius (nm) per point. */
export interface TubePath {
  readonly points: readonly Vec3[];
  readonly radii: readonly number[];
}

export interface LabelBox {
  readonly shape: Vec3;
  readonly resolution: Vec3;
  readonly labels: Uint32Array;
}

export function emptyBox(shape: Vec3, resolution: Vec3 = [30, 8, 8]): LabelBox {
  return { shape, resolution, labels: new Uint32Array(shape[0] * shape[1] * shape[2]) };
}

/** Centre of voxel index i along an axis, nm: the convention skeleton nodes use. */
export function centreNm(i: number, resolution: number): number {
  return (i + 0.5) * resolution;
}

/**
 * Paint `label` into every voxel whose centre lies within the (linearly interpolated) radius of
 * the polyline, optionally only where `keep(z, y, x)` holds (to cut gaps).
 */
export function drawTube(box: LabelBox, path: TubePath, label: number, keep?: (v: Vec3) => boolean): number {
  const { shape, resolution, labels } = box;
  const [, ny, nx] = shape;
  let painted = 0;
  for (let s = 0; s + 1 < path.points.length; s++) {
    const a = path.points[s]!;
    const b = path.points[s + 1]!;
    const ra = path.radii[s]!;
    const rb = path.radii[s + 1]!;
    const r = Math.max(ra, rb);
    const lo = [0, 1, 2].map((k) =>
      Math.max(0, Math.floor((Math.min(a[k]!, b[k]!) - r) / resolution[k]!) - 1),
    );
    const hi = [0, 1, 2].map((k) =>
      Math.min(shape[k]! - 1, Math.ceil((Math.max(a[k]!, b[k]!) + r) / resolution[k]!) + 1),
    );
    const d = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
    const len2 = d[0]! ** 2 + d[1]! ** 2 + d[2]! ** 2;
    for (let z = lo[0]!; z <= hi[0]!; z++) {
      for (let y = lo[1]!; y <= hi[1]!; y++) {
        for (let x = lo[2]!; x <= hi[2]!; x++) {
          const p = [centreNm(z, resolution[0]), centreNm(y, resolution[1]), centreNm(x, resolution[2])];
          const t =
            len2 > 0
              ? Math.max(
                  0,
                  Math.min(
                    1,
                    ((p[0]! - a[0]) * d[0]! + (p[1]! - a[1]) * d[1]! + (p[2]! - a[2]) * d[2]!) / len2,
                  ),
                )
              : 0;
          const q = [a[0] + t * d[0]!, a[1] + t * d[1]!, a[2] + t * d[2]!];
          const rad = ra + t * (rb - ra);
          if ((p[0]! - q[0]!) ** 2 + (p[1]! - q[1]!) ** 2 + (p[2]! - q[2]!) ** 2 > rad * rad) continue;
          if (keep && !keep([z, y, x])) continue;
          const i = (z * ny + y) * nx + x;
          if (labels[i] !== label) painted++;
          labels[i] = label;
        }
      }
    }
  }
  return painted;
}

/** A straight tube from a to b with a constant radius. */
export function straight(a: Vec3, b: Vec3, radius: number): TubePath {
  return { points: [a, b], radii: [radius, radius] };
}

/** A winding tube along x across the whole box, wiggling in y and z. */
export function windingAlongX(
  box: LabelBox,
  centre: [number, number],
  radius: number,
  amplitude: number,
): TubePath {
  const [, , nx] = box.shape;
  const length = nx * box.resolution[2];
  const points: Vec3[] = [];
  const radii: number[] = [];
  for (let x = -100; x <= length + 100; x += 40) {
    const w = (2 * Math.PI * x) / length;
    points.push([centre[0] + 0.4 * amplitude * Math.sin(1.3 * w), centre[1] + amplitude * Math.sin(w), x]);
    radii.push(radius);
  }
  return { points, radii };
}
