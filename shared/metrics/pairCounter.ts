/**
 * Counts pairs (a, b) of uint32 values in typed arrays: an open-addressing hash of slots that
 * point into entry arrays kept in order of first appearance. About 5x faster than a Map keyed by
 * a * radix + b, whose keys leave V8's small-integer range, and free of any radix limit.
 */
export class PairCounter {
  private slots: Int32Array;
  private a: Uint32Array;
  private b: Uint32Array;
  private n: Float64Array;
  /**
   * The entry that followed each entry last time in a scan (0 until seen). Label volumes repeat
   * the same sequence of pairs row after row, so this guess, checked against the keys, saves
   * nearly every hash probe.
   */
  private next: Int32Array;
  private used = 0;
  /** The run being scanned by addRuns: its pair, first voxel, and the entry before it. */
  private runA = 0;
  private runB = 0;
  private runStart = 0;
  private prev = 0;

  constructor(capacity = 1024) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.slots = new Int32Array(size).fill(-1);
    this.a = new Uint32Array(size / 2);
    this.b = new Uint32Array(size / 2);
    this.n = new Float64Array(size / 2);
    this.next = new Int32Array(size / 2);
  }

  get size(): number {
    return this.used;
  }

  add(a: number, b: number, count: number): void {
    const e = this.entry(a, b);
    this.n[e] = this.n[e]! + count;
  }

  /**
   * Count the runs of equal (a[i], b[i]) in two equally long arrays, leaving out voxels whose a
   * is 0 (ground-truth background). Labels come in runs along x, so the table is touched once
   * per run. Voxels are compared four at a time, one branch for four voxels inside a run (about
   * a fifth off the whole count on the benchmark volumes).
   */
  addRuns(a: Uint32Array, b: Uint32Array): void {
    const length = a.length;
    if (length === 0) return;
    this.runA = a[0]!;
    this.runB = b[0]!;
    this.runStart = 0;
    let runA = this.runA;
    let runB = this.runB;
    let i = 1;
    for (; i + 3 < length; i += 4) {
      const a0 = a[i]!;
      const b0 = b[i]!;
      const a1 = a[i + 1]!;
      const b1 = b[i + 1]!;
      const a2 = a[i + 2]!;
      const b2 = b[i + 2]!;
      const a3 = a[i + 3]!;
      const b3 = b[i + 3]!;
      const diff = (a0 ^ runA) | (b0 ^ runB) | (a1 ^ runA) | (b1 ^ runB);
      if ((diff | (a2 ^ runA) | (b2 ^ runB) | (a3 ^ runA) | (b3 ^ runB)) === 0) continue;
      this.step(a0, b0, i);
      this.step(a1, b1, i + 1);
      this.step(a2, b2, i + 2);
      this.step(a3, b3, i + 3);
      runA = this.runA;
      runB = this.runB;
    }
    for (; i < length; i++) this.step(a[i]!, b[i]!, i);
    this.endRun(length);
  }

  /** Entries in order of first appearance (views: copy before adding more). */
  entries(): { a: Uint32Array; b: Uint32Array; count: Float64Array } {
    return {
      a: this.a.subarray(0, this.used),
      b: this.b.subarray(0, this.used),
      count: this.n.subarray(0, this.used),
    };
  }

  /** Voxel i holds (a, b): extend the current run or end it and start another. */
  private step(a: number, b: number, i: number): void {
    if (a === this.runA && b === this.runB) return;
    this.endRun(i);
    this.runA = a;
    this.runB = b;
    this.runStart = i;
  }

  /** Count the current run, which ends before voxel `end`, unless its a is 0. */
  private endRun(end: number): void {
    const a = this.runA;
    const b = this.runB;
    if (a === 0) return;
    // Unused entries hold (0, 0), so the guess 0 of an empty table never matches (a is not 0).
    let e = this.next[this.prev]!;
    if (this.a[e] !== a || this.b[e] !== b) {
      e = this.entry(a, b);
      this.next[this.prev] = e;
    }
    this.n[e] = this.n[e]! + (end - this.runStart);
    this.prev = e;
  }

  /** Entry of (a, b), created with count 0 when new. */
  private entry(a: number, b: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    let s = hash(a, b) & mask;
    for (;;) {
      const e = slots[s]!;
      if (e < 0) break;
      if (this.a[e] === a && this.b[e] === b) return e;
      s = (s + 1) & mask;
    }
    const e = this.used++;
    this.a[e] = a;
    this.b[e] = b;
    this.n[e] = 0;
    slots[s] = e;
    // Keep the load factor at or under a half so probes stay short.
    if (this.used * 2 >= slots.length) this.grow();
    return e;
  }

  private grow(): void {
    const size = this.slots.length * 2;
    const slots = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (let e = 0; e < this.used; e++) {
      let s = hash(this.a[e]!, this.b[e]!) & mask;
      while (slots[s]! >= 0) s = (s + 1) & mask;
      slots[s] = e;
    }
    this.slots = slots;
    this.a = resized(this.a, new Uint32Array(size / 2));
    this.b = resized(this.b, new Uint32Array(size / 2));
    this.n = resized(this.n, new Float64Array(size / 2));
    this.next = resized(this.next, new Int32Array(size / 2));
  }
}

function resized<T extends Uint32Array | Int32Array | Float64Array>(old: T, out: T): T {
  out.set(old);
  return out;
}

function hash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) + b;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * Number the distinct values of `keys` 0, 1, ... in order of first appearance: `index[k]` is the
 * number of keys[k], `distinct[i]` the value numbered i.
 */
export function numberByFirstAppearance(keys: Uint32Array): { index: Uint32Array; distinct: Uint32Array } {
  const slots = new Int32Array(2 ** Math.ceil(Math.log2(Math.max(16, keys.length * 2)))).fill(-1);
  const mask = slots.length - 1;
  const index = new Uint32Array(keys.length);
  const distinct = new Uint32Array(keys.length);
  let used = 0;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    let s = hash(key, 0) & mask;
    let i = slots[s]!;
    while (i >= 0 && distinct[i] !== key) {
      s = (s + 1) & mask;
      i = slots[s]!;
    }
    if (i < 0) {
      i = slots[s] = used++;
      distinct[i] = key;
    }
    index[k] = i;
  }
  return { index, distinct: distinct.slice(0, used) };
}
