import type { Skeleton } from '../formats/swc';

/**
 * A skeleton as an undirected graph for analysis: node positions in nm (z, y, x), radii, and
 * adjacency in compressed rows with edge lengths.
 */
export class SkeletonGraph {
  readonly size: number;
  /** z, y, x per node, nm. */
  readonly pos: Float64Array;
  readonly radius: Float64Array;
  private readonly start: Int32Array;
  private readonly adj: Int32Array;
  private readonly len: Float64Array;

  constructor(readonly skeleton: Skeleton) {
    const nodes = skeleton.nodes;
    const n = nodes.length;
    this.size = n;
    this.pos = new Float64Array(3 * n);
    this.radius = new Float64Array(n);
    const degree = new Int32Array(n);
    nodes.forEach((node, i) => {
      this.pos.set([node.z, node.y, node.x], 3 * i);
      this.radius[i] = node.radius;
      if (node.parent >= 0) {
        degree[i]!++;
        degree[node.parent]!++;
      }
    });
    this.start = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.start[i + 1] = this.start[i]! + degree[i]!;
    this.adj = new Int32Array(this.start[n]!);
    this.len = new Float64Array(this.start[n]!);
    const fill = this.start.slice(0, n);
    nodes.forEach((node, i) => {
      const p = node.parent;
      if (p < 0) return;
      const l = this.distance(i, p);
      this.adj[fill[i]!] = p;
      this.len[fill[i]!++] = l;
      this.adj[fill[p]!] = i;
      this.len[fill[p]!++] = l;
    });
  }

  degree(i: number): number {
    return this.start[i + 1]! - this.start[i]!;
  }

  /** Neighbours of node i with the lengths of the edges to them. */
  neighbours(i: number): { node: number; length: number }[] {
    const out: { node: number; length: number }[] = [];
    for (let k = this.start[i]!; k < this.start[i + 1]!; k++)
      out.push({ node: this.adj[k]!, length: this.len[k]! });
    return out;
  }

  distance(a: number, b: number): number {
    const p = this.pos;
    return Math.hypot(p[3 * a]! - p[3 * b]!, p[3 * a + 1]! - p[3 * b + 1]!, p[3 * a + 2]! - p[3 * b + 2]!);
  }

  totalLength(): number {
    let sum = 0;
    for (let k = 0; k < this.len.length; k++) sum += this.len[k]!;
    return sum / 2;
  }

  nodesOfDegree(test: (degree: number) => boolean): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.size; i++) if (test(this.degree(i))) out.push(i);
    return out;
  }

  /**
   * Walk from `from` away from `previous` (-1: from a leaf) along unbranched nodes, until
   * `maxLength` nm or a node of degree != 2 is reached. Returns the nodes walked (starting at
   * `from`) and the length covered.
   */
  walk(from: number, previous: number, maxLength: number): { nodes: number[]; length: number } {
    const nodes = [from];
    let length = 0;
    let prev = previous;
    let cur = from;
    while (length < maxLength) {
      if (cur !== from && this.degree(cur) !== 2) break;
      let next = -1;
      let step = 0;
      for (let k = this.start[cur]!; k < this.start[cur + 1]!; k++) {
        if (this.adj[k] === prev) continue;
        next = this.adj[k]!;
        step = this.len[k]!;
        break;
      }
      if (next < 0) break;
      length += step;
      nodes.push(next);
      prev = cur;
      cur = next;
    }
    return { nodes, length };
  }

  /**
   * How far the skeleton reaches (longest path, nm, capped at `cap`) from node `from` into the
   * part entered through its neighbour `via`, without coming back through `from`.
   */
  reach(from: number, via: number, cap: number): number {
    let best = 0;
    const stack: [number, number, number][] = [[via, from, this.distance(from, via)]];
    while (stack.length > 0) {
      const [node, prev, d] = stack.pop()!;
      if (d > best) best = d;
      if (best >= cap) return cap;
      for (let k = this.start[node]!; k < this.start[node + 1]!; k++) {
        const next = this.adj[k]!;
        if (next !== prev) stack.push([next, node, d + this.len[k]!]);
      }
    }
    return best;
  }
}

/**
 * Remove terminal branches (leaf up to, not including, the first node of degree >= 3) shorter
 * than `minLength(radius at that branch node)` nm: TEASAR's short spurs into bumps of the
 * surface. One pass; a branch point left with degree 2 simply becomes a path node.
 */
export function pruneSpurs(skeleton: Skeleton, minLength: (radius: number) => number): Skeleton {
  const graph = new SkeletonGraph(skeleton);
  const drop = new Uint8Array(graph.size);
  for (const leaf of graph.nodesOfDegree((d) => d === 1)) {
    const { nodes, length } = graph.walk(leaf, -1, Infinity);
    const end = nodes[nodes.length - 1]!;
    if (graph.degree(end) < 3 || length >= minLength(graph.radius[end]!)) continue;
    for (const node of nodes.slice(0, -1)) drop[node] = 1;
  }
  const newIndex = new Int32Array(graph.size).fill(-1);
  let kept = 0;
  for (let i = 0; i < graph.size; i++) if (drop[i] === 0) newIndex[i] = kept++;
  const nodes = skeleton.nodes
    .filter((_, i) => drop[i] === 0)
    .map((node) => ({ ...node, parent: node.parent >= 0 ? newIndex[node.parent]! : -1 }));
  return { id: skeleton.id, nodes };
}
