/**
 * An open-addressing hash from unordered pairs of positive int32 ids to int32 values, in typed
 * arrays: the boundary graph looks a pair up for every face between two fragments, far too
 * often for a Map keyed by a computed number.
 */
export class PairIndex {
  private lo: Int32Array;
  private hi: Int32Array;
  private values: Int32Array;
  private mask: number;
  private used = 0;

  constructor(expected: number) {
    let capacity = 1024;
    while (capacity < 2 * expected) capacity *= 2;
    this.lo = new Int32Array(capacity);
    this.hi = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** The value stored for {a, b}, or -1. */
  get(a: number, b: number): number {
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    for (let i = slot(lo, hi) & this.mask; ; i = (i + 1) & this.mask) {
      const l = this.lo[i]!;
      if (l === 0) return -1;
      if (l === lo && this.hi[i] === hi) return this.values[i]!;
    }
  }

  /** Store (or replace) the value for {a, b}. */
  set(a: number, b: number, value: number): void {
    if (2 * (this.used + 1) > this.lo.length) this.grow();
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    for (let i = slot(lo, hi) & this.mask; ; i = (i + 1) & this.mask) {
      const l = this.lo[i]!;
      if (l === 0) {
        this.lo[i] = lo;
        this.hi[i] = hi;
        this.values[i] = value;
        this.used++;
        return;
      }
      if (l === lo && this.hi[i] === hi) {
        this.values[i] = value;
        return;
      }
    }
  }

  private grow(): void {
    const { lo, hi, values } = this;
    const capacity = 2 * lo.length;
    this.lo = new Int32Array(capacity);
    this.hi = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.used = 0;
    for (let i = 0; i < lo.length; i++) if (lo[i] !== 0) this.set(lo[i]!, hi[i]!, values[i]!);
  }
}

function slot(lo: number, hi: number): number {
  const h = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca77);
  return h ^ (h >>> 16);
}
