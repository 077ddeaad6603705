/**
 * Closest points of two segments (Ericson, Real-Time Collision Detection, 5.1.9): `between`
 * returns the squared distance and leaves the parameters s, t along each segment and the
 * vector d from the second closest point to the first. One instance is reused: no allocation.
 */
export class Closest {
  s = 0;
  t = 0;
  readonly d = new Float64Array(3);

  /** Segment i -> i + 1 of polyline P against segment j -> j + 1 of polyline Q (xyz triples). */
  between(P: Float64Array, i: number, Q: Float64Array, j: number): number {
    const pz = P[3 * i]!;
    const py = P[3 * i + 1]!;
    const px = P[3 * i + 2]!;
    const qz = Q[3 * j]!;
    const qy = Q[3 * j + 1]!;
    const qx = Q[3 * j + 2]!;
    const az = P[3 * i + 3]! - pz;
    const ay = P[3 * i + 4]! - py;
    const ax = P[3 * i + 5]! - px;
    const bz = Q[3 * j + 3]! - qz;
    const by = Q[3 * j + 4]! - qy;
    const bx = Q[3 * j + 5]! - qx;
    const rz = pz - qz;
    const ry = py - qy;
    const rx = px - qx;
    const a = az * az + ay * ay + ax * ax;
    const e = bz * bz + by * by + bx * bx;
    const f = bz * rz + by * ry + bx * rx;
    const c = az * rz + ay * ry + ax * rx;
    const b = az * bz + ay * by + ax * bx;
    const denom = a * e - b * b;
    // Tube segments always have length (paths advance along their main axis), so a, e > 0.
    let s = denom > 1e-9 ? clamp01((b * f - c * e) / denom) : 0;
    let t = (b * s + f) / e;
    if (t < 0) {
      t = 0;
      s = clamp01(-c / a);
    } else if (t > 1) {
      t = 1;
      s = clamp01((b - c) / a);
    }
    this.s = s;
    this.t = t;
    const dz = rz + az * s - bz * t;
    const dy = ry + ay * s - by * t;
    const dx = rx + ax * s - bx * t;
    this.d[0] = dz;
    this.d[1] = dy;
    this.d[2] = dx;
    return dz * dz + dy * dy + dx * dx;
  }
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
