import type { SkeletonGraph } from '../skeleton/skeletonGraph';
import type { Vec3 } from '../volume/types';
import { nodePos } from './ends';

/** A place where one segment looks like two neurites fused. */
export interface MergeCandidate {
  readonly segment: number;
  readonly score: number;
  readonly pos: Vec3;
  readonly reason: string;
}

/** A segment's skeleton with the summary figures every merge test reads. */
export interface SegmentShape {
  readonly segment: number;
  readonly graph: SkeletonGraph;
  /** Skeleton length, nm. */
  readonly length: number;
  /** Median radius over the skeleton, nm. */
  readonly radius: number;
  /** 0..1: how much this looks like a neurite passing through rather than a compact cell. */
  readonly axonLikeness: number;
}

/** Arms shorter than this (nm) are side spurs, longer than FULL_ARM clearly neurites. */
const MIN_ARM = 300;
const FULL_ARM = 900;
/** Thinner than this relative to its length, a segment is no neurite at all. */
const MIN_ELONGATION = 15;
/** Calibre windows (nm) on each side of a node, and the ratio that counts as abrupt. */
const CALIBRE_WINDOW = 300;
const MIN_CALIBRE_RATIO = 1.8;
/** A calibre step alone is weaker evidence than a fork: keep it below clear forks and splits. */
const MAX_CALIBRE_SCORE = 0.4;

/**
 * Summarise a skeleton. Axon-likeness rises from 0 at half `minAxonLength` to 1 at 1.5 times
 * it: neurites run for microns, the cells packed between them (and their TEASAR forks into
 * corners) are compact.
 */
export function segmentShape(segment: number, graph: SkeletonGraph, minAxonLength: number): SegmentShape {
  const radii = Array.from(graph.radius).sort((x, y) => x - y);
  const radius = radii[Math.floor(radii.length / 2)] ?? 0;
  const length = graph.totalLength();
  const elongated = radius > 0 && length / radius >= MIN_ELONGATION;
  const axonLikeness = elongated ? clamp01((length - 0.5 * minAxonLength) / minAxonLength) : 0;
  return { segment, graph, length, radius, axonLikeness };
}

/**
 * Branch points whose three longest arms are all long: one axon does not fork like that within
 * a few microns, two fused ones do. Branch points close together (an X where two neurites
 * cross) become one candidate.
 */
export function branchCandidates(shape: SegmentShape): MergeCandidate[] {
  const { graph, axonLikeness } = shape;
  if (axonLikeness === 0) return [];
  const points = graph
    .nodesOfDegree((d) => d >= 3)
    .map((node) => {
      const arms = graph
        .neighbours(node)
        .map(({ node: next }) => graph.reach(node, next, 4 * FULL_ARM))
        .sort((x, y) => y - x);
      return { node, arms, third: arms[2] ?? 0 };
    })
    .filter((p) => p.third >= MIN_ARM);
  const used = new Set<number>();
  const out: MergeCandidate[] = [];
  for (const p of points.sort((x, y) => y.third - x.third)) {
    if (used.has(p.node)) continue;
    used.add(p.node);
    const crossDist = 4 * graph.radius[p.node]! + 200;
    const partner = points.find((q) => !used.has(q.node) && graph.distance(p.node, q.node) <= crossDist);
    if (partner) used.add(partner.node);
    out.push(forkCandidate(shape, p, partner));
  }
  return out;
}

interface BranchPoint {
  readonly node: number;
  /** Reach (nm) into each neighbour's direction, longest first. */
  readonly arms: readonly number[];
  readonly third: number;
}

/** One fork, or an X when a second branch point lies close by or four arms are long. */
function forkCandidate(
  shape: SegmentShape,
  p: BranchPoint,
  partner: BranchPoint | undefined,
): MergeCandidate {
  const { graph, segment, axonLikeness } = shape;
  const strength = Math.min(1, (p.third - MIN_ARM) / (FULL_ARM - MIN_ARM));
  const longArms = p.arms.filter((a) => a >= MIN_ARM).length;
  const arms = p.arms
    .slice(0, Math.max(3, Math.min(4, longArms)))
    .map((a) => Math.round(a))
    .join(', ');
  if (partner) {
    const gap = Math.round(graph.distance(p.node, partner.node));
    const pos = midpoint(nodePos(graph, p.node), nodePos(graph, partner.node));
    const score = axonLikeness * (0.5 + 0.5 * strength);
    return { segment, score, pos, reason: `X-crossing: two branch points ${gap} nm apart, arms ${arms} nm` };
  }
  const pos = nodePos(graph, p.node);
  if (longArms >= 4) {
    const score = axonLikeness * (0.5 + 0.5 * strength);
    return { segment, score, pos, reason: `X-crossing: four long arms (${arms} nm) meet` };
  }
  const score = axonLikeness * (0.35 + 0.6 * strength);
  return { segment, score, pos, reason: `branches into three long arms (${arms} nm)` };
}

/**
 * The most abrupt calibre change along the skeleton: median radius over the CALIBRE_WINDOW
 * before a node against after it, both windows along unbranched skeleton and each of steady
 * calibre itself (a step, not the gradual swelling of a blob or a bouton).
 */
export function calibreCandidate(shape: SegmentShape): MergeCandidate | null {
  const { graph, segment, axonLikeness } = shape;
  if (axonLikeness === 0) return null;
  let best: { ratio: number; node: number; small: number; large: number } | null = null;
  for (let node = 0; node < graph.size; node++) {
    if (graph.degree(node) !== 2) continue;
    const [p, q] = graph.neighbours(node);
    const one = steadyCalibre(graph, graph.walk(node, q!.node, CALIBRE_WINDOW));
    const two = steadyCalibre(graph, graph.walk(node, p!.node, CALIBRE_WINDOW));
    if (one === null || two === null) continue;
    const ratio = Math.max(one, two) / Math.max(1e-9, Math.min(one, two));
    if (ratio >= MIN_CALIBRE_RATIO && (!best || ratio > best.ratio)) {
      best = { ratio, node, small: Math.min(one, two), large: Math.max(one, two) };
    }
  }
  if (!best) return null;
  const score = axonLikeness * Math.min(MAX_CALIBRE_SCORE, 0.15 + 0.1 * (best.ratio - MIN_CALIBRE_RATIO));
  const reason = `calibre jumps ${best.ratio.toFixed(1)}x (${Math.round(best.small)} to ${Math.round(best.large)} nm radius)`;
  return { segment, score, pos: nodePos(graph, best.node), reason };
}

/** Median radius of a full-length window whose radii stay within 30% of it, else null. */
function steadyCalibre(graph: SkeletonGraph, window: { nodes: number[]; length: number }): number | null {
  if (window.length < CALIBRE_WINDOW) return null;
  const radii = window.nodes
    .slice(1)
    .map((i) => graph.radius[i]!)
    .sort((x, y) => x - y);
  const median = radii[Math.floor(radii.length / 2)] ?? 0;
  const q1 = radii[Math.floor(radii.length / 4)]!;
  const q3 = radii[Math.floor((3 * radii.length) / 4)]!;
  return median > 0 && q3 - q1 <= 0.3 * median ? median : null;
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}

function midpoint(a: Vec3, b: Vec3): Vec3 {
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
}
