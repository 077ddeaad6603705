import { PairIndex } from './pairIndex';

/** How the face between two voxels scores as a boundary (higher = more likely a membrane). */
export interface BoundaryRule {
  /**
   * Sections much thicker than the pixel size: a face between two slices scores the mean of the
   * two voxels' costs (a membrane lying between sections darkens both) plus `zPenalty`, since
   * continuity across sections is less certain than within one. Otherwise every face scores the
   * larger cost of its two voxels (a sharp membrane in either one separates them).
   */
  readonly anisotropic: boolean;
  readonly zPenalty: number;
}

/** Adjacent fragment pairs (a < b) with the summed scores and the count of the faces between them. */
export class BoundaryGraph {
  a: Int32Array;
  b: Int32Array;
  sum: Float64Array;
  faces: Float64Array;
  length = 0;

  constructor(capacity: number) {
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.sum = new Float64Array(capacity);
    this.faces = new Float64Array(capacity);
  }

  /** Append an edge between fragments a and b and return its index. */
  add(a: number, b: number, sum: number, faces: number): number {
    if (this.length === this.a.length) this.grow();
    const e = this.length++;
    this.a[e] = a;
    this.b[e] = b;
    this.sum[e] = sum;
    this.faces[e] = faces;
    return e;
  }

  mean(e: number): number {
    return this.sum[e]! / this.faces[e]!;
  }

  private grow(): void {
    const n = 2 * this.a.length;
    const a = new Int32Array(n);
    const b = new Int32Array(n);
    const sum = new Float64Array(n);
    const faces = new Float64Array(n);
    a.set(this.a);
    b.set(this.b);
    sum.set(this.sum);
    faces.set(this.faces);
    [this.a, this.b, this.sum, this.faces] = [a, b, sum, faces];
  }
}

/** Slots per fragment for its neighbours: 2^SLOT_BITS. */
const SLOT_BITS = 4;
const SLOTS = 1 << SLOT_BITS;
/** Neighbours a fragment keeps in its slots; further ones go to the pair hash (probes stay short). */
const FULL = 12;

/**
 * Builds the boundary graph from the faces between fragments, given one by one in scan order
 * (each face once, from the fragment of the voxel scanned); edges are numbered by their first
 * face. A hash lookup per face would miss the cache most of the time, but consecutive voxels
 * mostly lie in one fragment, and only the fragments near the scan are met: so each fragment
 * keeps a small open-addressing table of (neighbour, edge), 128 bytes, which stays in cache
 * while the scan is near it. Both fragments of a pair hold it.
 */
export class GraphBuilder {
  /** How faces between slices score (see BoundaryRule). */
  readonly zMean: boolean;
  readonly penalty: number;
  private capacity: number;
  private filled: Uint8Array;
  private slots: Int32Array;
  private readonly more = new PairIndex(1024);
  /** Per edge: its ends. */
  private ends: Int32Array;
  /** Per edge: summed score and face count. */
  private sums: Float64Array;
  private edges = 0;

  constructor(rule: BoundaryRule, expectedFragments = 1024) {
    this.zMean = rule.anisotropic;
    this.penalty = rule.zPenalty;
    this.capacity = Math.max(16, expectedFragments);
    this.filled = new Uint8Array(this.capacity);
    this.slots = new Int32Array(2 * SLOTS * this.capacity);
    this.ends = new Int32Array(16 * this.capacity);
    this.sums = new Float64Array(16 * this.capacity);
  }

  /** Make room for fragment ids up to `id`. */
  reserve(id: number): void {
    if (id < this.capacity) return;
    while (this.capacity <= id) this.capacity *= 2;
    const slots = new Int32Array(2 * SLOTS * this.capacity);
    slots.set(this.slots);
    this.slots = slots;
    const filled = new Uint8Array(this.capacity);
    filled.set(this.filled);
    this.filled = filled;
  }

  /** Add `faces` faces with summed score `sum` to edge e. */
  add(e: number, sum: number, faces = 1): void {
    this.sums[2 * e]! += sum;
    this.sums[2 * e + 1]! += faces;
  }

  /** The graph of the faces added so far. */
  graph(): BoundaryGraph {
    const graph = new BoundaryGraph(Math.max(1, this.edges));
    for (let e = 0; e < this.edges; e++) {
      graph.add(this.ends[2 * e]!, this.ends[2 * e + 1]!, this.sums[2 * e]!, this.sums[2 * e + 1]!);
    }
    return graph;
  }

  /**
   * The edge between fragments a (the one scanned) and b, from a's slots, b's or the pair
   * hash, added if new (so edges are numbered by their first face).
   */
  edge(a: number, b: number): number {
    const inA = this.find(a, b);
    if (inA >= 0) return this.slots[inA + 1]!;
    const inB = this.find(b, a);
    if (inB >= 0) {
      const e = this.slots[inB + 1]!;
      if (inA !== -1) this.hold(a, b, e, -2 - inA);
      return e;
    }
    // Held by neither: new, or in the pair hash if both were full when it was new.
    const full = inA === -1 && inB === -1;
    let e = full ? this.more.get(a, b) : -1;
    if (e < 0) {
      e = this.newEdge(a, b);
      if (full) this.more.set(a, b, e);
    }
    if (inA !== -1) this.hold(a, b, e, -2 - inA);
    if (inB !== -1) this.hold(b, a, e, -2 - inB);
    return e;
  }

  /**
   * Where fragment f holds neighbour g: the slot's index in `slots`, or -2 - the free slot
   * where it would go, or -1 when f's slots are full and do not hold it.
   */
  private find(f: number, g: number): number {
    const slots = this.slots;
    const base = 2 * SLOTS * f;
    let j = Math.imul(g, 0x9e3779b1) >>> (32 - SLOT_BITS);
    for (;;) {
      const at = base + 2 * j;
      const u = slots[at]!;
      if (u === g) return at;
      if (u === 0) return this.filled[f] === FULL ? -1 : -2 - at;
      j = (j + 1) & (SLOTS - 1);
    }
  }

  private hold(f: number, g: number, e: number, at: number): void {
    this.slots[at] = g;
    this.slots[at + 1] = e;
    this.filled[f]!++;
  }

  private newEdge(a: number, b: number): number {
    const e = this.edges++;
    if (2 * e === this.ends.length) {
      const ends = new Int32Array(2 * this.ends.length);
      ends.set(this.ends);
      this.ends = ends;
      const sums = new Float64Array(2 * this.sums.length);
      sums.set(this.sums);
      this.sums = sums;
    }
    this.ends[2 * e] = a < b ? a : b;
    this.ends[2 * e + 1] = a < b ? b : a;
    return e;
  }
}
