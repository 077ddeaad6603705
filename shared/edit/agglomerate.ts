import type { BoundaryGraph } from './boundaryGraph';
import { EdgeIndex } from './edgeIndex';
import { MinHeap } from './minHeap';

/**
 * Regions under agglomeration. Each region is a list of fragments (its first one names it);
 * each fragment's incident edges sit in one contiguous row (compressed sparse rows), so merging
 * walks the smaller region's rows in order. Every live edge knows the two regions it joins
 * (`ends`), and `index` maps two regions to the one live edge between them.
 */
class Regions {
  readonly ends: Int32Array;
  readonly alive: Uint8Array;
  readonly rowStart: Int32Array;
  readonly incident: Int32Array;
  readonly nextMember: Int32Array;
  readonly lastMember: Int32Array;
  /** Per region, the incident-row entries of all its fragments (what absorbing it walks). */
  readonly weight: Int32Array;
  readonly merged: Uint8Array;
  readonly index: EdgeIndex;

  constructor(count: number, graph: BoundaryGraph) {
    const edges = graph.length;
    this.ends = new Int32Array(2 * edges);
    this.alive = new Uint8Array(edges).fill(1);
    this.index = new EdgeIndex(this.ends, edges);
    const rowStart = new Int32Array(count + 2);
    for (let e = 0; e < edges; e++) {
      const a = graph.a[e]!;
      const b = graph.b[e]!;
      this.ends[2 * e] = a;
      this.ends[2 * e + 1] = b;
      this.index.add(e);
      rowStart[a + 1]!++;
      rowStart[b + 1]!++;
    }
    this.weight = new Int32Array(count + 1);
    for (let f = 1; f <= count; f++) {
      this.weight[f] = rowStart[f + 1]!;
      rowStart[f + 1]! += rowStart[f]!;
    }
    const fill = rowStart.slice(0, count + 1);
    this.incident = new Int32Array(2 * edges);
    for (let e = 0; e < edges; e++) {
      this.incident[fill[graph.a[e]!]!++] = e;
      this.incident[fill[graph.b[e]!]!++] = e;
    }
    this.rowStart = rowStart;
    this.nextMember = new Int32Array(count + 1);
    this.lastMember = new Int32Array(count + 1);
    for (let f = 0; f <= count; f++) this.lastMember[f] = f;
    this.merged = new Uint8Array(count + 1);
  }

  /** Calls `visit(fragment)` for each fragment of the region named `r`. */
  members(r: number, visit: (fragment: number) => void): void {
    for (let f = r; f !== 0; f = this.nextMember[f]!) visit(f);
  }
}

/**
 * Merge region `small` into `big`: an edge from `small` to a region that `big` already touches
 * is added into that edge (its mean now covers the faces of both, and it is queued anew); the
 * others become edges of `big` unchanged.
 */
function absorb(regions: Regions, graph: BoundaryGraph, heap: MinHeap, big: number, small: number): void {
  const { ends, alive, rowStart, incident, nextMember, index } = regions;
  for (let f = small; f !== 0; f = nextMember[f]!) {
    for (let k = rowStart[f]!, end = rowStart[f + 1]!; k < end; k++) {
      const e = incident[k]!;
      if (alive[e] === 0) continue;
      // A live edge of f's joins small (f's region) and another region.
      const end0 = ends[2 * e] === small ? 0 : 1;
      const other = ends[2 * e + 1 - end0]!;
      index.remove(e);
      const shared = other === big ? e : index.get(big, other);
      if (shared < 0) {
        ends[2 * e + end0] = big;
        index.add(e);
        continue;
      }
      // Merged into the edge big already has to `other` (or, joining big itself, gone).
      alive[e] = 0;
      heap.remove(e);
      if (shared === e) continue;
      graph.sum[shared]! += graph.sum[e]!;
      graph.faces[shared]! += graph.faces[e]!;
      heap.set(shared, graph.mean(shared));
    }
  }
  nextMember[regions.lastMember[big]!] = small;
  regions.lastMember[big] = regions.lastMember[small]!;
  regions.weight[big]! += regions.weight[small]!;
  regions.merged[small] = 1;
}

/**
 * Seeded mean-boundary agglomeration: repeatedly merge the two adjacent regions whose boundary
 * has the lowest mean score (ties: the lower edge index), never merging regions seeded with
 * different sides. Averaging over whole boundaries makes it robust to noise, where a flood
 * (which follows the single weakest point of a membrane) leaks. `seeds[f]` is the side (1, 2)
 * of fragment f or 0; returns the side of every fragment, 0 where no seeded region reached it
 * (a piece not connected to any seed).
 */
export function agglomerateSeeded(count: number, graph: BoundaryGraph, seeds: Uint8Array): Uint8Array {
  const regions = new Regions(count, graph);
  const { alive, ends, weight, index } = regions;
  const side = Uint8Array.from(seeds);
  const heap = MinHeap.ofRange(graph.length, (e) => graph.mean(e));
  while (heap.size > 0) {
    const e = heap.pop();
    const a = ends[2 * e]!;
    const b = ends[2 * e + 1]!;
    // Regions of different sides stay apart; the edge may come back (with a new mean) later.
    if (side[a] !== 0 && side[b] !== 0 && side[a] !== side[b]) continue;
    const big = weight[a]! >= weight[b]! ? a : b;
    const small = big === a ? b : a;
    side[big] = side[big] || side[small]!;
    alive[e] = 0;
    index.remove(e);
    absorb(regions, graph, heap, big, small);
  }
  const out = new Uint8Array(count + 1);
  for (let r = 1; r <= count; r++) {
    if (regions.merged[r] === 0) regions.members(r, (f) => (out[f] = side[r]!));
  }
  return out;
}
