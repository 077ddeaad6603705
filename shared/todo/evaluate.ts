import type { TodoItem } from './types';

/** An injected (known) error as the demo manifest lists it: ids are decimal strings. */
export interface KnownError {
  readonly kind: string;
  readonly segmentIds: readonly string[];
}

export interface TodoScore {
  /** Known splits and merges matched by at least one of the top items. */
  readonly found: number;
  readonly known: number;
  readonly recall: number;
  /** Top items that match a known split or merge. */
  readonly correct: number;
  readonly considered: number;
  readonly precision: number;
}

/**
 * Score the first `top` items against known errors (only kinds 'split' and 'merge' count): a
 * split item matches a known split when its segments include two pieces of it; a merge item
 * matches a known merge when its segments include the fused segment.
 */
export function scoreTodo(items: readonly TodoItem[], known: readonly KnownError[], top: number): TodoScore {
  const targets = known.filter((e) => e.kind === 'split' || e.kind === 'merge');
  const considered = items.slice(0, top);
  const matched = new Set<number>();
  let correct = 0;
  for (const item of considered) {
    const ids = new Set(item.segmentIds.map(String));
    let hit = false;
    targets.forEach((e, k) => {
      if (e.kind !== item.kind) return;
      const shared = e.segmentIds.filter((id) => ids.has(id)).length;
      if (shared >= (e.kind === 'split' ? 2 : 1)) {
        matched.add(k);
        hit = true;
      }
    });
    if (hit) correct++;
  }
  return {
    found: matched.size,
    known: targets.length,
    recall: targets.length > 0 ? matched.size / targets.length : 1,
    correct,
    considered: considered.length,
    precision: considered.length > 0 ? correct / considered.length : 1,
  };
}
