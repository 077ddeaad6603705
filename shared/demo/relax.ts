import { clampInside } from './axonPaths';
import { Closest } from './closestPoints';
import type { Grid, Tube } from './grid';

/** Points per chunk for the bounding-box prefilter. */
const CHUNK = 8;
/** Axons built as a pair may overlap this much (relative to the sum of radii): they touch. */
const PAIR_GAP = 0.8;
/** Any other two tubes keep at least this distance (relative): they may only graze. */
const OTHER_GAP = 1.08;
/**
 * Spreads a push over neighbouring path points (Gaussian, sigma 3 points) so that a detour
 * around an obstacle is a smooth bend, not a kink.
 */
const KERNEL = ((): number[] => {
  const w = Array.from({ length: 17 }, (_, k) => Math.exp(-(((k - 8) / 3) ** 2) / 2));
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / sum);
})();
/** Push gain per iteration: a contiguous overlap is cleared in about one step, with slight overshoot. */
const GAIN = 1.5;

/**
 * Per chunk of CHUNK segments: min z,y,x, max z,y,x, grown by the chunk's largest radius; the
 * last entry bounds the whole tube.
 */
function chunkBoxes(tube: Tube): Float64Array {
  const n = tube.radii.length;
  const count = Math.ceil((n - 1) / CHUNK);
  const box = new Float64Array(6 * (count + 1));
  const all = 6 * count;
  for (let a = 0; a < 3; a++) {
    box[all + a] = Infinity;
    box[all + 3 + a] = -Infinity;
  }
  for (let c = 0; c < count; c++) {
    let rMax = 0;
    for (let a = 0; a < 3; a++) {
      box[6 * c + a] = Infinity;
      box[6 * c + 3 + a] = -Infinity;
    }
    for (let i = c * CHUNK; i <= Math.min(n - 1, (c + 1) * CHUNK); i++) {
      rMax = Math.max(rMax, tube.radii[i]!);
      for (let a = 0; a < 3; a++) {
        const p = tube.points[3 * i + a]!;
        if (p < box[6 * c + a]!) box[6 * c + a] = p;
        if (p > box[6 * c + 3 + a]!) box[6 * c + 3 + a] = p;
      }
    }
    for (let a = 0; a < 3; a++) {
      box[6 * c + a]! -= rMax * OTHER_GAP;
      box[6 * c + 3 + a]! += rMax * OTHER_GAP;
      box[all + a] = Math.min(box[all + a]!, box[6 * c + a]!);
      box[all + 3 + a] = Math.max(box[all + 3 + a]!, box[6 * c + 3 + a]!);
    }
  }
  return box;
}

function boxesOverlap(a: Float64Array, i: number, b: Float64Array, j: number): boolean {
  return (
    a[6 * i]! <= b[6 * j + 3]! &&
    b[6 * j]! <= a[6 * i + 3]! &&
    a[6 * i + 1]! <= b[6 * j + 4]! &&
    b[6 * j + 1]! <= a[6 * i + 4]! &&
    a[6 * i + 2]! <= b[6 * j + 5]! &&
    b[6 * j + 2]! <= a[6 * i + 5]!
  );
}

/** Accumulates, per point, the push needed to clear its overlaps with another tube. */
class Pushes {
  readonly sum: Float64Array;
  readonly hits: Float64Array;
  constructor(n: number) {
    this.sum = new Float64Array(3 * n);
    this.hits = new Float64Array(n);
  }
}

function addPush(p: Pushes, i: number, w: number, u: Float64Array, amount: number): void {
  for (let k = 0; k < 3; k++) p.sum[3 * i + k]! += u[k]! * amount * w;
  p.hits[i]! += w;
}

/** Per contact: i, s, j, t, depth, deep (0/1), normal z, y, x. */
const STRIDE = 9;

/** Overlapping segment pairs between two tubes. */
class Contacts {
  count = 0;
  data = new Float64Array(STRIDE * 64);

  add(i: number, s: number, j: number, t: number, depth: number, deep: boolean, u: Float64Array): void {
    if (STRIDE * (this.count + 1) > this.data.length) {
      const bigger = new Float64Array(2 * this.data.length);
      bigger.set(this.data);
      this.data = bigger;
    }
    const o = STRIDE * this.count++;
    const d = this.data;
    d[o] = i;
    d[o + 1] = s;
    d[o + 2] = j;
    d[o + 3] = t;
    d[o + 4] = depth;
    d[o + 5] = deep ? 1 : 0;
    d[o + 6] = u[0]!;
    d[o + 7] = u[1]!;
    d[o + 8] = u[2]!;
  }
}

/** Record where the segments of chunk ca of ta come too close to those of chunk cb of tb. */
function collectContacts(ta: Tube, tb: Tube, ca: number, cb: number, closest: Closest, out: Contacts): void {
  const gap = ta.partner === tb.id || tb.partner === ta.id ? PAIR_GAP : OTHER_GAP;
  const u = closest.d;
  for (let i = ca * CHUNK; i < Math.min(ta.radii.length - 1, (ca + 1) * CHUNK); i++) {
    for (let j = cb * CHUNK; j < Math.min(tb.radii.length - 1, (cb + 1) * CHUNK); j++) {
      const d2 = closest.between(ta.points, i, tb.points, j);
      const { s, t } = closest;
      const ra = ta.radii[i]! + s * (ta.radii[i + 1]! - ta.radii[i]!);
      const rb = tb.radii[j]! + t * (tb.radii[j + 1]! - tb.radii[j]!);
      const m = gap * (ra + rb);
      if (d2 >= m * m) continue;
      const d = Math.sqrt(d2);
      if (d > 1e-6) for (let k = 0; k < 3; k++) u[k] = u[k]! / d;
      else u.fill(0);
      out.add(i, s, j, t, m - d, d < 0.95 * m, u);
    }
  }
}

function tangent(tube: Tube, i: number): [number, number, number] {
  const P = tube.points;
  return [P[3 * i + 3]! - P[3 * i]!, P[3 * i + 4]! - P[3 * i + 1]!, P[3 * i + 5]! - P[3 * i + 2]!];
}

/**
 * One direction to push two tubes apart along, shared by all their contacts: the depth-weighted
 * mean contact normal, or where that cancels out (one tube pierces the other, so normals on
 * either side point opposite ways) the perpendicular of both tubes, i.e. over / under. Pushing
 * each contact along its own normal would tear the tube around the obstacle.
 */
function pushDirection(ta: Tube, tb: Tube, c: Contacts): Float64Array {
  const mean = new Float64Array(3);
  let total = 0;
  let deepest = 0;
  for (let k = 0; k < c.count; k++) {
    const depth = c.data[STRIDE * k + 4]!;
    total += depth;
    if (depth > c.data[STRIDE * deepest + 4]!) deepest = k;
    for (let a = 0; a < 3; a++) mean[a]! += depth * c.data[STRIDE * k + 6 + a]!;
  }
  const length = Math.hypot(mean[0]!, mean[1]!, mean[2]!);
  if (length >= 0.3 * total) return mean.map((v) => v / length);
  const u = tangent(ta, c.data[STRIDE * deepest]!);
  const v = tangent(tb, c.data[STRIDE * deepest + 2]!);
  const n = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
  const sign = n[0]! * mean[0]! + n[1]! * mean[1]! + n[2]! * mean[2]! < 0 ? -1 : 1;
  const nLength = Math.hypot(n[0]!, n[1]!, n[2]!);
  // Parallel tubes on top of each other: any fixed sideways direction will do.
  if (nLength < 1e-9) return Float64Array.from([0, 1, 0]);
  return Float64Array.from(n, (x) => (sign * x) / nLength);
}

/** Accumulate pushes for one tube pair's contacts; returns how many are deep overlaps. */
function pushApart(ta: Tube, tb: Tube, c: Contacts, pa: Pushes, pb: Pushes): number {
  if (c.count === 0) return 0;
  const dir = pushDirection(ta, tb, c);
  let deep = 0;
  for (let k = 0; k < c.count; k++) {
    const o = STRIDE * k;
    const [i, s, j, t] = [c.data[o]!, c.data[o + 1]!, c.data[o + 2]!, c.data[o + 3]!];
    const half = c.data[o + 4]! / 2;
    addPush(pa, i, 1 - s, dir, half);
    addPush(pa, i + 1, s, dir, half);
    addPush(pb, j, 1 - t, dir, -half);
    addPush(pb, j + 1, t, dir, -half);
    deep += c.data[o + 5]!;
  }
  return deep;
}

/** Move a tube by its averaged, smoothed pushes, only across its main axis (keeps it monotone). */
function applyPushes(grid: Grid, tube: Tube, push: Pushes, gain: number): void {
  const n = tube.radii.length;
  const half = (KERNEL.length - 1) / 2;
  let first = n;
  let last = -1;
  for (let i = 0; i < n; i++) {
    if (push.hits[i]! < 1e-9) continue;
    for (let a = 0; a < 3; a++) push.sum[3 * i + a]! /= push.hits[i]!;
    first = Math.min(first, i);
    last = i;
  }
  if (last < 0) return;
  for (let a = 0; a < 3; a++) {
    if (a === tube.axis) continue;
    for (let i = Math.max(0, first - half); i <= Math.min(n - 1, last + half); i++) {
      let v = 0;
      for (let k = 0; k < KERNEL.length; k++) {
        const j = i + k - half;
        if (j >= 0 && j < n) v += KERNEL[k]! * push.sum[3 * j + a]!;
      }
      tube.points[3 * i + a]! += gain * v;
    }
  }
  clampInside(grid, tube);
}

/**
 * Push tubes apart until no two interpenetrate (pairs built to touch keep a slight overlap), so
 * that every tube stays one connected piece when rasterised. Segments are compared segment to
 * segment, so steep stretches with far-apart points cannot slip through each other. Returns the
 * segment pairs still closer than 95% of their target distance (0 once converged).
 */
export function separateTubes(grid: Grid, tubes: readonly Tube[], iterations = 60): number {
  let overlaps = 0;
  const closest = new Closest();
  const contacts = new Contacts();
  for (let iter = 0; iter < iterations; iter++) {
    const boxes = tubes.map(chunkBoxes);
    const pushes = tubes.map((t) => new Pushes(t.radii.length));
    overlaps = 0;
    for (let a = 0; a < tubes.length; a++) {
      for (let b = a + 1; b < tubes.length; b++) {
        const ba = boxes[a]!;
        const bb = boxes[b]!;
        const na = ba.length / 6 - 1;
        const nb = bb.length / 6 - 1;
        if (!boxesOverlap(ba, na, bb, nb)) continue;
        contacts.count = 0;
        for (let ca = 0; ca < na; ca++) {
          if (!boxesOverlap(ba, ca, bb, nb)) continue;
          for (let cb = 0; cb < nb; cb++) {
            if (boxesOverlap(ba, ca, bb, cb))
              collectContacts(tubes[a]!, tubes[b]!, ca, cb, closest, contacts);
          }
        }
        overlaps += pushApart(tubes[a]!, tubes[b]!, contacts, pushes[a]!, pushes[b]!);
      }
    }
    if (overlaps === 0) break;
    tubes.forEach((tube, k) => applyPushes(grid, tube, pushes[k]!, GAIN));
  }
  return overlaps;
}
