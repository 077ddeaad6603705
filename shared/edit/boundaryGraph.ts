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

/**
 * Slots per fragment for its neighbours, 2^bits: fragments in one slice have about 6 neighbours,
 * 3D ones about 14. A fragment keeps neighbours in at most half its slots (probes stay short,
 * as do the misses that end at an empty slot); further ones go to the other fragment's slots
 * or the pair hash.
 */
const PLANAR_SLOT_BITS = 4;
const VOLUME_SLOT_BITS = 5;
/** Faces a slot sums before it hands its sums to the edge (twice the score sum stays an int32). */
const SLOT_FACES = 1 << 21;

/**
 * Builds the boundary graph from the faces between fragments, given in scan order (each face
 * once, from the fragment of the voxel scanned); edges are numbered by their first face. A hash
 * lookup per face would miss the cache most of the time, but consecutive voxels mostly lie in
 * one fragment, and only the fragments near the scan are met: so each fragment keeps a small
 * open-addressing table of (neighbour, edge, face count, twice the score sum), 16 bytes a slot,
 * which stays in cache while the scan is near the fragment; a face is counted in the slot that
 * found it, one cache line. Both fragments of a pair may hold it, each with its part of the
 * sums; `graph()` adds the parts up.
 */
export class GraphBuilder {
  /** How faces between slices score (see BoundaryRule). */
  readonly zMean: boolean;
  readonly penalty: number;
  private readonly slotBits: number;
  /** Neighbours a fragment keeps in its slots at most. */
  private readonly full: number;
  private capacity: number;
  /** The highest fragment id reserved. */
  private fragments = 0;
  private filled: Uint8Array;
  /** Per slot (fragment << slotBits | j): neighbour (0 = empty), edge, face count, 2 x score sum. */
  private slots: Int32Array;
  /** Pairs both of whose fragments' slots were full when the pair was new. */
  private readonly more = new PairIndex(1024);
  /** Per edge: its ends. */
  private ends: Int32Array;
  /** Per edge: summed score and face count of the faces not counted in slots. */
  private sums: Float64Array;
  private edges = 0;

  constructor(rule: BoundaryRule, expectedFragments = 1024) {
    this.zMean = rule.anisotropic;
    this.penalty = rule.zPenalty;
    this.slotBits = rule.anisotropic ? PLANAR_SLOT_BITS : VOLUME_SLOT_BITS;
    this.full = 1 << (this.slotBits - 1);
    this.capacity = Math.max(16, expectedFragments);
    this.filled = new Uint8Array(this.capacity);
    this.slots = new Int32Array((4 * this.capacity) << this.slotBits);
    this.ends = new Int32Array(16 * this.capacity);
    this.sums = new Float64Array(16 * this.capacity);
  }

  /** Make room for fragment ids up to `id`. */
  reserve(id: number): void {
    if (id > this.fragments) this.fragments = id;
    if (id < this.capacity) return;
    while (this.capacity <= id) this.capacity *= 2;
    const slots = new Int32Array((4 * this.capacity) << this.slotBits);
    slots.set(this.slots);
    this.slots = slots;
    const filled = new Uint8Array(this.capacity);
    filled.set(this.filled);
    this.filled = filled;
  }

  /**
   * Add `faces` faces with summed score `sum` (a multiple of 1/2) to the pair of `handle` (from
   * `edge`).
   */
  add(handle: number, sum: number, faces = 1): void {
    if (handle < 0) {
      this.sums[-2 - 2 * handle]! += sum;
      this.sums[-1 - 2 * handle]! += faces;
      return;
    }
    const slots = this.slots;
    const at = 4 * handle;
    slots[at + 2]! += faces;
    slots[at + 3]! += 2 * sum;
    if (slots[at + 2]! < SLOT_FACES) return;
    const e = slots[at + 1]!;
    this.sums[2 * e]! += slots[at + 3]! / 2;
    this.sums[2 * e + 1]! += slots[at + 2]!;
    slots[at + 2] = 0;
    slots[at + 3] = 0;
  }

  /** The graph of the faces added so far. */
  graph(): BoundaryGraph {
    const { slots, sums } = this;
    const total = Float64Array.from(sums.subarray(0, 2 * this.edges));
    for (let at = 0, end = (4 * (this.fragments + 1)) << this.slotBits; at < end; at += 4) {
      if (slots[at] === 0) continue;
      const e = slots[at + 1]!;
      total[2 * e]! += slots[at + 3]! / 2;
      total[2 * e + 1]! += slots[at + 2]!;
    }
    const graph = new BoundaryGraph(Math.max(1, this.edges));
    for (let e = 0; e < this.edges; e++) {
      graph.add(this.ends[2 * e]!, this.ends[2 * e + 1]!, total[2 * e]!, total[2 * e + 1]!);
    }
    return graph;
  }

  /**
   * A handle for adding faces between fragments a (the one scanned) and b: a slot of a or b
   * holding the pair, else -1 - the edge (in the pair hash). The edge is added if new (so edges
   * are numbered by their first face).
   */
  edge(a: number, b: number): number {
    const inA = this.find(a, b);
    if (inA >= 0) return inA;
    const inB = this.find(b, a);
    if (inB >= 0) {
      if (inA === -1) return inB;
      return this.hold(a, b, this.slots[4 * inB + 1]!, -2 - inA);
    }
    // Held by neither: new, or in the pair hash if both were full when it was new.
    if (inA === -1 && inB === -1) {
      let e = this.more.get(a, b);
      if (e < 0) {
        e = this.newEdge(a, b);
        this.more.set(a, b, e);
      }
      return -1 - e;
    }
    const e = this.newEdge(a, b);
    if (inB !== -1) this.hold(b, a, e, -2 - inB);
    return inA !== -1 ? this.hold(a, b, e, -2 - inA) : -2 - inB;
  }

  /**
   * Where fragment f holds neighbour g: the slot, or -2 - the free slot where it would go, or -1
   * when f's slots are full and do not hold it.
   */
  private find(f: number, g: number): number {
    const { slots, slotBits } = this;
    const base = f << slotBits;
    const mask = (1 << slotBits) - 1;
    let j = Math.imul(g, 0x9e3779b1) >>> (32 - slotBits);
    for (;;) {
      const at = base + j;
      const u = slots[4 * at]!;
      if (u === g) return at;
      if (u === 0) return this.filled[f] === this.full ? -1 : -2 - at;
      j = (j + 1) & mask;
    }
  }

  /** Put neighbour g with edge e in f's free slot `at`; returns `at`. */
  private hold(f: number, g: number, e: number, at: number): number {
    this.slots[4 * at] = g;
    this.slots[4 * at + 1] = e;
    this.filled[f]!++;
    return at;
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
