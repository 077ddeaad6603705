import type { BoundaryGraph } from './boundaryGraph';
import { MinHeap } from './minHeap';
import type { PairIndex } from './pairIndex';

/**
 * Regions under agglomeration: union-find over fragments; each root keeps a linked list of the
 * edges that touch it (an edge sits in both its ends' lists), and `pairs` (the graph's own
 * index, updated as regions merge) maps two live roots to the one live edge between them.
 */
class Regions {
  readonly parent: Int32Array;
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly degree: Int32Array;
  readonly nodeEdge: Int32Array;
  readonly nodeNext: Int32Array;
  readonly alive: Uint8Array;
  readonly pairs: PairIndex;

  constructor(count: number, graph: BoundaryGraph) {
    const edges = graph.length;
    this.parent = new Int32Array(count + 1);
    for (let i = 0; i <= count; i++) this.parent[i] = i;
    this.head = new Int32Array(count + 1).fill(-1);
    this.tail = new Int32Array(count + 1).fill(-1);
    this.degree = new Int32Array(count + 1);
    this.nodeEdge = new Int32Array(2 * edges);
    this.nodeNext = new Int32Array(2 * edges).fill(-1);
    this.alive = new Uint8Array(edges).fill(1);
    this.pairs = graph.pairs;
    for (let e = 0; e < edges; e++) {
      this.append(graph.a[e]!, 2 * e, e);
      this.append(graph.b[e]!, 2 * e + 1, e);
    }
  }

  private append(r: number, node: number, e: number): void {
    this.nodeEdge[node] = e;
    this.push(r, node);
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

  /** Append `node` to `r`'s edge list. */
  push(r: number, node: number): void {
    this.nodeNext[node] = -1;
    if (this.head[r] === -1) this.head[r] = node;
    else this.nodeNext[this.tail[r]!] = node;
    this.tail[r] = node;
    this.degree[r]!++;
  }
}

/**
 * Merge `small` into `big`: an edge from `small` to a region that `big` already touches is added
 * into that edge (its mean now covers the faces of both, and it is queued anew); the others
 * become edges of `big` unchanged.
 */
function absorb(regions: Regions, graph: BoundaryGraph, heap: MinHeap, big: number, small: number): void {
  const { alive, nodeEdge, nodeNext } = regions;
  regions.parent[small] = big;
  let node = regions.head[small]!;
  regions.head[small] = regions.tail[small] = -1;
  while (node !== -1) {
    const next = nodeNext[node]!;
    const e = nodeEdge[node]!;
    if (alive[e] !== 0) moveEdge(regions, graph, heap, big, node, e);
    node = next;
  }
}

/** Hand edge `e` (at list node `node` of the absorbed region) to `big`; dead nodes are dropped. */
function moveEdge(
  regions: Regions,
  graph: BoundaryGraph,
  heap: MinHeap,
  big: number,
  node: number,
  e: number,
): void {
  const ra = regions.find(graph.a[e]!);
  const other = ra === big ? regions.find(graph.b[e]!) : ra;
  if (other === big) {
    regions.alive[e] = 0;
    return;
  }
  const shared = regions.pairs.get(big, other);
  if (shared < 0 || shared === e || regions.alive[shared] === 0) {
    regions.pairs.set(big, other, e);
    regions.push(big, node);
    return;
  }
  graph.sum[shared]! += graph.sum[e]!;
  graph.faces[shared]! += graph.faces[e]!;
  regions.alive[e] = 0;
  heap.push(graph.mean(shared), shared);
}

/**
 * Seeded mean-boundary agglomeration: repeatedly merge the two adjacent regions whose boundary
 * has the lowest mean score, never merging regions seeded with different sides. Averaging over
 * whole boundaries makes it robust to noise, where a flood (which follows the single weakest
 * point of a membrane) leaks. `seeds[f]` is the side (1, 2) of fragment f or 0; returns the side
 * of every fragment, 0 where no seeded region reached it (a piece not connected to any seed).
 */
export function agglomerateSeeded(count: number, graph: BoundaryGraph, seeds: Uint8Array): Uint8Array {
  const regions = new Regions(count, graph);
  const side = Uint8Array.from(seeds);
  const heap = MinHeap.ofRange(graph.length, (e) => graph.mean(e));
  while (heap.size > 0) {
    const e = heap.pop();
    // Stale: the edge was merged away, or its mean changed since this entry was queued.
    if (regions.alive[e] === 0 || heap.poppedKey !== graph.mean(e)) continue;
    const a = regions.find(graph.a[e]!);
    const b = regions.find(graph.b[e]!);
    if (a === b) {
      regions.alive[e] = 0;
      continue;
    }
    if (side[a] !== 0 && side[b] !== 0 && side[a] !== side[b]) continue;
    const [big, small] = regions.degree[a]! >= regions.degree[b]! ? [a, b] : [b, a];
    side[big] = side[big] || side[small]!;
    regions.alive[e] = 0;
    absorb(regions, graph, heap, big, small);
  }
  const out = new Uint8Array(count + 1);
  for (let f = 1; f <= count; f++) out[f] = side[regions.find(f)]!;
  return out;
}
