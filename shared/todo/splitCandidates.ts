import type { Vec3 } from '../volume/types';
import type { SegmentEnd } from './ends';
import { contactContrast } from './membrane';
import { continuation, type LabelVolume } from './rays';

/** A pair of ends that look like one neurite cut in two. */
export interface SplitCandidate {
  readonly a: SegmentEnd;
  readonly b: SegmentEnd;
  readonly score: number;
  /** Midpoint of the two tips, nm. */
  readonly pos: Vec3;
  readonly reason: string;
}

export interface SplitOptions {
  readonly maxGapNm: number;
  readonly image?: Uint8Array;
  /** Pairs that cannot reach this score even without a membrane skip the image check. */
  readonly minScore: number;
}

/** Ends should point at each other within this angle (cosine of 60 degrees). */
const MIN_ANTIPARALLEL = 0.5;

/**
 * Pair ends of different segments that face each other: close (within maxGap beyond their
 * calibres), anti-parallel, of similar calibre, and continuing into each other (rays from one
 * end run straight into the other segment). The best pair per two segments is kept.
 */
export function findSplitCandidates(
  ends: readonly SegmentEnd[],
  vol: LabelVolume,
  opts: SplitOptions,
): SplitCandidate[] {
  const best = new Map<string, SplitCandidate>();
  const sorted = [...ends].sort((p, q) => p.pos[0] - q.pos[0]);
  // Candidates lie within maxGap plus two calibres: bound the sweep along z by the largest.
  const reachZ = opts.maxGapNm + 2 * Math.max(0, ...ends.map((e) => e.radius));
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.pos[0] - a.pos[0] <= reachZ; j++) {
      const b = sorted[j]!;
      if (a.segment === b.segment) continue;
      const candidate = scorePair(a, b, vol, opts);
      if (!candidate) continue;
      const key = a.segment < b.segment ? `${a.segment}:${b.segment}` : `${b.segment}:${a.segment}`;
      const previous = best.get(key);
      if (!previous || previous.score < candidate.score) best.set(key, candidate);
    }
  }
  return [...best.values()];
}

function scorePair(
  a: SegmentEnd,
  b: SegmentEnd,
  vol: LabelVolume,
  opts: SplitOptions,
): SplitCandidate | null {
  const g: Vec3 = [b.pos[0] - a.pos[0], b.pos[1] - a.pos[1], b.pos[2] - a.pos[2]];
  const dist = Math.hypot(...g);
  // Tips sit on the rims of the end faces: allow the two calibres on top of the gap.
  const excess = Math.max(0, dist - (a.radius + b.radius));
  if (excess > opts.maxGapNm) return null;
  const anti = -dot(a.dir, b.dir);
  if (anti < MIN_ANTIPARALLEL) return null;
  const calibre = Math.min(a.radius, b.radius) / Math.max(a.radius, b.radius, 1e-9);
  const ab = continuation(vol, a.segment, b.segment, a.axis, a.dir, a.radius, opts.maxGapNm);
  const ba = continuation(vol, b.segment, a.segment, b.axis, b.dir, b.radius, opts.maxGapNm);
  const reached = 0.5 * (ab.reached + ba.reached);
  if (reached === 0) return null;
  const adjacent = 0.5 * (ab.adjacent + ba.adjacent);
  const continuity = 0.5 * reached + 0.5 * adjacent;
  const closeness = Math.exp(-excess / 200);
  const alignment = (anti - MIN_ANTIPARALLEL) / (1 - MIN_ANTIPARALLEL);
  const pos: Vec3 = [(a.pos[0] + b.pos[0]) / 2, (a.pos[1] + b.pos[1]) / 2, (a.pos[2] + b.pos[2]) / 2];
  const geometric = closeness * Math.sqrt(alignment) * Math.sqrt(calibre) * continuity;
  const membrane =
    opts.image && geometric >= opts.minScore
      ? contactContrast(vol, opts.image, a.segment, b.segment, pos, 1.5 * (a.radius + b.radius) + 50)
      : undefined;
  // A dark membrane across the contact says the two are separate cells.
  const open = membrane === undefined ? 1 : Math.max(0, Math.min(1, 1 - (membrane - 0.1) / 0.4));
  const score = geometric * (0.5 + 0.5 * open);
  const angle = Math.round((Math.acos(Math.min(1, anti)) * 180) / Math.PI);
  const parts = [
    `ends face each other ${Math.round(dist)} nm apart (${angle} deg off straight)`,
    `calibre ${calibre.toFixed(2)}x`,
    `${Math.round(100 * reached)}% of rays continue into the other`,
  ];
  if (membrane !== undefined) parts.push(`membrane contrast ${membrane.toFixed(2)}`);
  return { a, b, score, pos, reason: parts.join(', ') };
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
