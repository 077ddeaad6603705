import { clampInside } from './axonPaths';
import type { Grid, Tube } from './grid';

/** Points per chunk for the bounding-box prefilter. */
const CHUNK = 8;
/** Axons built as a pair may overlap this much (relative to the sum of radii): they touch. */
const PAIR_GAP = 0.8;
/** Any other two tubes keep at least this distance (relative): they may only graze. */
const OTHER_GAP = 1.08;
/** Spreads a push over neighbouring path points so the centre line stays smooth. */
const KERNEL = [0.05, 0.1, 0.17, 0.36, 0.17, 0.1, 0.05];

interface ChunkBoxes {
  readonly box: Float64Array; // per chunk: min z,y,x, max z,y,x (already grown by the largest radius)
  readonly count: number;
}

function chunkBoxes(tube: Tube): ChunkBoxes {
  const n = tube.radii.length;
  const count = Math.ceil(n / CHUNK);
  const box = new Float64Array(6 * count);
  for (let c = 0; c < count; c++) {
    let rMax = 0;
    const lo = [Infinity, Infinity, Infinity];
    const hi = [-Infinity, -Infinity, -Infinity];
    for (let i = c * CHUNK; i < Math.min(n, (c + 1) * CHUNK); i++) {
      rMax = Math.max(rMax, tube.radii[i]!);
      for (let a = 0; a < 3; a++) {
        lo[a] = Math.min(lo[a]!, tube.points[3 * i + a]!);
        hi[a] = Math.max(hi[a]!, tube.points[3 * i + a]!);
      }
    }
    for (let a = 0; a < 3; a++) {
      box[6 * c + a] = lo[a]! - rMax * OTHER_GAP;
      box[6 * c + 3 + a] = hi[a]! + rMax * OTHER_GAP;
    }
  }
  return { box, count };
}

function boxesOverlap(a: Float64Array, i: number, b: Float64Array, j: number): boolean {
  for (let k = 0; k < 3; k++) {
    if (a[6 * i + k]! > b[6 * j + 3 + k]! || b[6 * j + k]! > a[6 * i + 3 + k]!) return false;
  }
  return true;
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

function pushPair(ta: Tube, tb: Tube, ca: number, cb: number, pa: Pushes, pb: Pushes): number {
  const gap = ta.partner === tb.id || tb.partner === ta.id ? PAIR_GAP : OTHER_GAP;
  const A = ta.points;
  const B = tb.points;
  let overlaps = 0;
  for (let i = ca * CHUNK; i < Math.min(ta.radii.length, (ca + 1) * CHUNK); i++) {
    for (let j = cb * CHUNK; j < Math.min(tb.radii.length, (cb + 1) * CHUNK); j++) {
      const m = gap * (ta.radii[i]! + tb.radii[j]!);
      const dz = A[3 * i]! - B[3 * j]!;
      const dy = A[3 * i + 1]! - B[3 * j + 1]!;
      const dx = A[3 * i + 2]! - B[3 * j + 2]!;
      const d2 = dz * dz + dy * dy + dx * dx;
      if (d2 >= m * m) continue;
      const d = Math.sqrt(d2);
      // Coincident centres: push apart sideways in y, an arbitrary but fixed direction.
      const [uz, uy, ux] = d > 1e-6 ? [dz / d, dy / d, dx / d] : [0, 1, 0];
      const half = (m - d) / 2;
      pa.sum[3 * i]! += uz * half;
      pa.sum[3 * i + 1]! += uy * half;
      pa.sum[3 * i + 2]! += ux * half;
      pa.hits[i]! += 1;
      pb.sum[3 * j]! -= uz * half;
      pb.sum[3 * j + 1]! -= uy * half;
      pb.sum[3 * j + 2]! -= ux * half;
      pb.hits[j]! += 1;
      if (d < 0.95 * m) overlaps++;
    }
  }
  return overlaps;
}

/** Move a tube by its averaged, smoothed pushes, only across its main axis (keeps it monotone). */
function applyPushes(grid: Grid, tube: Tube, push: Pushes, gain: number): void {
  const n = tube.radii.length;
  const half = (KERNEL.length - 1) / 2;
  for (let a = 0; a < 3; a++) {
    if (a === tube.axis) continue;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let k = 0; k < KERNEL.length; k++) {
        const j = i + k - half;
        if (j < 0 || j >= n || push.hits[j] === 0) continue;
        v += (KERNEL[k]! * push.sum[3 * j + a]!) / push.hits[j]!;
      }
      tube.points[3 * i + a]! += gain * v;
    }
  }
  clampInside(grid, tube);
}

/**
 * Push tubes apart until no two interpenetrate (pairs built to touch keep a slight overlap), so
 * that every tube stays one connected piece when rasterised. Returns the point pairs still
 * closer than 95% of their target distance.
 */
export function separateTubes(grid: Grid, tubes: readonly Tube[], iterations = 40): number {
  let overlaps = 0;
  for (let iter = 0; iter < iterations; iter++) {
    const boxes = tubes.map(chunkBoxes);
    const pushes = tubes.map((t) => new Pushes(t.radii.length));
    overlaps = 0;
    for (let a = 0; a < tubes.length; a++) {
      for (let b = a + 1; b < tubes.length; b++) {
        const ba = boxes[a]!;
        const bb = boxes[b]!;
        for (let ca = 0; ca < ba.count; ca++) {
          for (let cb = 0; cb < bb.count; cb++) {
            if (!boxesOverlap(ba.box, ca, bb.box, cb)) continue;
            overlaps += pushPair(tubes[a]!, tubes[b]!, ca, cb, pushes[a]!, pushes[b]!);
          }
        }
      }
    }
    if (overlaps === 0) break;
    tubes.forEach((tube, k) => applyPushes(grid, tube, pushes[k]!, 2.2));
  }
  return overlaps;
}
