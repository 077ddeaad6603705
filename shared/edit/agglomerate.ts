import type { BoundaryGraph } from './boundaryGraph';
import { MinHeap } from './minHeap';

/** Regions under agglomeration: union-find over fragments, each root with its neighbours. */
class Regions {
  readonly parent: Int32Array;
  /** Per root: neighbouring root -> the edge (in the graph) that currently joins them. */
  readonly neighbours: (Map<number, number> | undefined)[];

  constructor(count: number) {
    this.parent = Int32Array.from({ length: count + 1 }, (_, i) => i);
    this.neighbours = new Array<Map<number, number> | undefined>(count + 1);
  }

  find(x: number): number {
    const parent = this.parent;
    while (parent[x] !== x) {
      const up = parent[parent[x]!]!;
      parent[x] = up;
      x = up;
    }
    return x;
  }

  adjacent(r: number): Map<number, number> {
    let m = this.neighbours[r];
    if (!m) this.neighbours[r] = m = new Map();
    return m;
  }

  link(a: number, b: number, e: number): void {
    this.adjacent(a).set(b, e);
    this.adjacent(b).set(a, e);
  }

  unlink(a: number, b: number): void {
    this.neighbours[a]?.delete(b);
    this.neighbours[b]?.delete(a);
  }
}

/**
 * Merge `small` into `big`: their boundaries with a common neighbour become one edge whose
 * mean covers all its faces (queued anew); the others move over unchanged.
 */
function absorb(regions: Regions, graph: BoundaryGraph, heap: MinHeap, big: number, small: number): void {
  regions.parent[small] = big;
  regions.unlink(big, small);
  const from = regions.neighbours[small];
  regions.neighbours[small] = undefined;
  if (!from) return;
  const into = regions.adjacent(big);
  for (const [n, e] of from) {
    regions.neighbours[n]!.delete(small);
    const shared = into.get(n);
    if (shared === undefined) {
      regions.link(big, n, e);
      continue;
    }
    const joined = graph.add(big, n, graph.sum[e]! + graph.sum[shared]!, graph.faces[e]! + graph.faces[shared]!);
    regions.link(big, n, joined);
    heap.push(graph.mean(joined), joined);
  }
}

/**
 * Seeded mean-boundary agglomeration: repeatedly merge the two adjacent regions whose boundary
 * has the lowest mean score, never merging regions seeded with different sides. Averaging over
 * whole boundaries makes it robust to noise, where a flood (which follows the single weakest
 * point of a membrane) leaks. `seeds[f]` is the side (1, 2) of fragment f or 0; returns the side
 * of every fragment, 0 where no seeded region reached it (a piece not connected to any seed).
 */
export function agglomerateSeeded(count: number, graph: BoundaryGraph, seeds: Uint8Array): Uint8Array {
  const regions = new Regions(count);
  const side = Uint8Array.from(seeds);
  const heap = new MinHeap(graph.length);
  for (let e = 0, n = graph.length; e < n; e++) {
    regions.link(graph.a[e]!, graph.b[e]!, e);
    heap.push(graph.mean(e), e);
  }
  while (heap.size > 0) {
    const e = heap.pop();
    const a = regions.find(graph.a[e]!);
    const b = regions.find(graph.b[e]!);
    // Stale: the two already merged, or this edge was replaced by a joined one.
    if (a === b || regions.neighbours[a]?.get(b) !== e) continue;
    if (side[a] !== 0 && side[b] !== 0 && side[a] !== side[b]) {
      regions.unlink(a, b);
      continue;
    }
    const [big, small] = regions.adjacent(a).size >= regions.adjacent(b).size ? [a, b] : [b, a];
    side[big] = side[big] || side[small]!;
    absorb(regions, graph, heap, big, small);
  }
  const out = new Uint8Array(count + 1);
  for (let f = 1; f <= count; f++) out[f] = side[regions.find(f)]!;
  return out;
}
