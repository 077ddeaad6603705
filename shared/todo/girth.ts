import type { Vec3 } from '../volume/types';
import { nodePos } from './ends';
import type { MergeCandidate, SegmentShape } from './mergeCandidates';
import type { LabelVolume } from './rays';

/**
 * Only for clear neurites (axon-likeness, see segmentShape): the cells packed between them are
 * compact and often flat, which would read as wide.
 */
const MIN_AXON_LIKENESS = 0.75;
/** Aspect ratio of the cross-section (sqrt of the 2nd over the 3rd spread) that is wide. */
const WIDE = 1.6;
/** Shortest stretch (nm) that is wide: a bouton is shorter. */
const MIN_WIDE_STRETCH = 500;
/** Skeleton nodes sampled at about this spacing (nm). */
const SAMPLE_SPACING = 80;

/**
 * Two neurites fused side by side along their length leave one skeleton (the second tube lies
 * inside the first one's invalidation ball), but their joint cross-section is flat: about
 * twice as wide as deep, where one neurite's is round. Sample spheres of 3 radii along the
 * skeleton, take the spread of the segment's voxels in each, and flag a long flat stretch.
 */
export function girthCandidate(shape: SegmentShape, vol: LabelVolume): MergeCandidate | null {
  const { segment, graph, length, radius } = shape;
  if (shape.axonLikeness < MIN_AXON_LIKENESS) return null;
  const R = 3 * radius;
  const spacing = length / graph.size;
  const stride = Math.max(1, Math.round(SAMPLE_SPACING / Math.max(spacing, 1e-9)));
  let wide = 0;
  let samples = 0;
  let best = { ratio: 0, node: -1 };
  for (let node = 0; node < graph.size; node += stride) {
    if (graph.degree(node) !== 2) continue;
    const [, l2, l3] = sphereSpread(vol, segment, nodePos(graph, node), R);
    const ratio = l3 > 0 ? Math.sqrt(l2 / l3) : 0;
    samples++;
    if (ratio >= WIDE) wide++;
    if (ratio > best.ratio) best = { ratio, node };
  }
  if (samples === 0 || best.node < 0) return null;
  const stretch = (wide / samples) * length;
  if (stretch < MIN_WIDE_STRETCH) return null;
  const score = Math.min(0.65, 0.45 + (0.2 * (stretch - MIN_WIDE_STRETCH)) / 1000);
  const reason =
    `cross-section ${best.ratio.toFixed(1)}x as wide as deep over ${Math.round(stretch)} nm ` +
    `(calibre ${Math.round(radius)} nm): two neurites side by side?`;
  return { segment, score, pos: nodePos(graph, best.node), reason };
}

/**
 * Second moments of the segment's voxels (nm) within `radius` of `centre`: the three
 * eigenvalues of their covariance, largest first (Jacobi iteration on the 3x3 matrix).
 */
export function sphereSpread(
  vol: LabelVolume,
  segment: number,
  centre: Vec3,
  radius: number,
): [number, number, number] {
  const { labels, shape, resolution } = vol;
  const [, ny, nx] = shape;
  const c = [0, 1, 2].map((a) => centre[a]! / resolution[a]! - 0.5);
  const h = [0, 1, 2].map((a) => radius / resolution[a]!);
  const r2 = radius * radius;
  let n = 0;
  const m = new Float64Array(9);
  const s = new Float64Array(3);
  for (let z = Math.max(0, Math.ceil(c[0]! - h[0]!)); z <= Math.min(shape[0] - 1, c[0]! + h[0]!); z++) {
    const dz = (z - c[0]!) * resolution[0];
    for (let y = Math.max(0, Math.ceil(c[1]! - h[1]!)); y <= Math.min(ny - 1, c[1]! + h[1]!); y++) {
      const dy = (y - c[1]!) * resolution[1];
      const left = r2 - dz * dz - dy * dy;
      if (left < 0) continue;
      const hx = Math.sqrt(left) / resolution[2];
      const row = (z * ny + y) * nx;
      for (let x = Math.max(0, Math.ceil(c[2]! - hx)); x <= Math.min(nx - 1, c[2]! + hx); x++) {
        if (labels[row + x] !== segment) continue;
        const dx = (x - c[2]!) * resolution[2];
        const p = [dz, dy, dx];
        n++;
        for (let i = 0; i < 3; i++) {
          s[i]! += p[i]!;
          for (let j = 0; j < 3; j++) m[3 * i + j]! += p[i]! * p[j]!;
        }
      }
    }
  }
  if (n < 2) return [0, 0, 0];
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) m[3 * i + j] = m[3 * i + j]! / n - (s[i]! / n) * (s[j]! / n);
  return symmetricEigenvalues(m);
}

function symmetricEigenvalues(m: Float64Array): [number, number, number] {
  const a = Float64Array.from(m);
  for (let sweep = 0; sweep < 20; sweep++) {
    const off = a[1]! * a[1]! + a[2]! * a[2]! + a[5]! * a[5]!;
    if (off < 1e-18 * (a[0]! * a[0]! + a[4]! * a[4]! + a[8]! * a[8]!) + 1e-300) break;
    for (const [p, q] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ] as const) {
      const apq = a[3 * p + q]!;
      if (apq === 0) continue;
      const theta = (a[3 * q + q]! - a[3 * p + p]!) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const cs = 1 / Math.sqrt(t * t + 1);
      const sn = t * cs;
      for (let k = 0; k < 3; k++) {
        const akp = a[3 * k + p]!;
        const akq = a[3 * k + q]!;
        a[3 * k + p] = cs * akp - sn * akq;
        a[3 * k + q] = sn * akp + cs * akq;
      }
      for (let k = 0; k < 3; k++) {
        const apk = a[3 * p + k]!;
        const aqk = a[3 * q + k]!;
        a[3 * p + k] = cs * apk - sn * aqk;
        a[3 * q + k] = sn * apk + cs * aqk;
      }
    }
  }
  const e = [a[0]!, a[4]!, a[8]!].sort((x, y) => y - x);
  return [e[0]!, e[1]!, e[2]!];
}
