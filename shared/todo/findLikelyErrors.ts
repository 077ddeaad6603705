import type { Skeleton } from '../formats/swc';
import { SkeletonGraph, pruneSpurs } from '../skeleton/skeletonGraph';
import { skeletonizeAll } from '../skeleton/skeletonize';
import { AbortError } from '../skeleton/teasar';
import type { Vec3 } from '../volume/types';
import { type SegmentEnd, segmentEnds } from './ends';
import { girthCandidate } from './girth';
import { branchCandidates, calibreCandidate, segmentShape } from './mergeCandidates';
import { findSplitCandidates } from './splitCandidates';
import {
  type ResolvedTodoOptions,
  type TodoInput,
  type TodoItem,
  type TodoOptions,
  TODO_DEFAULTS,
  nmToVoxel,
} from './types';

/** Terminal branches shorter than this (from the branch point's radius) are surface bumps. */
const spurLength = (radius: number): number => 3 * radius + 150;
/** Longest skeleton stretch (nm) behind an end used for its direction and calibre. */
const END_WINDOW = 400;

interface Located extends TodoItem {
  /** nm, for deduplication. */
  readonly pos: Vec3;
}

/**
 * The to-do list of likely errors in a segmentation, most likely first: pairs of segment ends
 * that face each other (false splits) and axon-like segments that fork into long arms, cross
 * themselves or change calibre abruptly (false merges). Skeletonizes every segment of at least
 * `minVoxels` voxels unless `input.skeletons` has them; reports progress per segment and throws
 * AbortError when `signal.aborted` turns true.
 */
export function findLikelyErrors(input: TodoInput, options: TodoOptions = {}): TodoItem[] {
  const opts = { ...TODO_DEFAULTS, ...withoutUndefined(options) };
  const skeletons = input.skeletons ?? computeSkeletons(input, options, opts.minVoxels);
  if (options.signal?.aborted) throw new AbortError();
  const graphs = new Map<number, SkeletonGraph>();
  for (const [index, skeleton] of skeletons) {
    if (index === 0 || skeleton.nodes.length < 2) continue;
    graphs.set(index, new SkeletonGraph(pruneSpurs(skeleton, spurLength)));
  }
  const items: Located[] = [
    ...splitItems(input, graphs, opts),
    ...mergeItems(input, graphs, opts.minAxonLengthNm),
  ];
  const kept = dedupe(
    items.filter((item) => item.score >= opts.minScore),
    opts.dedupeNm,
  );
  return kept.slice(0, opts.maxItems).map(({ pos: _pos, ...item }) => item);
}

function computeSkeletons(input: TodoInput, options: TodoOptions, minVoxels: number): Map<number, Skeleton> {
  return skeletonizeAll(input.labels, input.shape, input.resolution, {
    ...options.teasar,
    minVoxels,
    signal: options.signal,
    progress: options.progress,
  });
}

function splitItems(
  input: TodoInput,
  graphs: Map<number, SkeletonGraph>,
  opts: ResolvedTodoOptions,
): Located[] {
  const ends: SegmentEnd[] = [];
  const endOptions = { ...input, borderVoxels: opts.borderVoxels, window: END_WINDOW };
  for (const [index, graph] of graphs) ends.push(...segmentEnds(index, graph, endOptions));
  return findSplitCandidates(ends, input, {
    maxGapNm: opts.maxGapNm,
    image: input.image,
    minScore: opts.minScore,
  }).map((c) => ({
    kind: 'split',
    score: c.score,
    segmentIds: [input.ids.id(c.a.segment), input.ids.id(c.b.segment)],
    voxel: nmToVoxel(c.pos, input.resolution, input.shape),
    reason: c.reason,
    pos: c.pos,
  }));
}

function mergeItems(input: TodoInput, graphs: Map<number, SkeletonGraph>, minAxonLength: number): Located[] {
  const out: Located[] = [];
  for (const [index, graph] of graphs) {
    const shape = segmentShape(index, graph, minAxonLength);
    const found = branchCandidates(shape);
    const calibre = calibreCandidate(shape);
    if (calibre) found.push(calibre);
    const girth = girthCandidate(shape, input);
    if (girth) found.push(girth);
    for (const c of found) {
      out.push({
        kind: 'merge',
        score: c.score,
        segmentIds: [input.ids.id(c.segment)],
        voxel: nmToVoxel(c.pos, input.resolution, input.shape),
        reason: c.reason,
        pos: c.pos,
      });
    }
  }
  return out;
}

/** Best first; an item is dropped when a better one of its kind shares a segment nearby. */
function dedupe(items: Located[], radius: number): Located[] {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const kept: Located[] = [];
  for (const item of sorted) {
    const duplicate = kept.some(
      (k) =>
        k.kind === item.kind &&
        k.segmentIds.some((id) => item.segmentIds.includes(id)) &&
        Math.hypot(k.pos[0] - item.pos[0], k.pos[1] - item.pos[1], k.pos[2] - item.pos[2]) <= radius,
    );
    if (!duplicate) kept.push(item);
  }
  return kept;
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
