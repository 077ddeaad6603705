/**
 * An open-addressing hash from unordered pairs of positive int32 ids to int32 values, in one
 * typed array: the boundary graph looks a pair up for every face between two fragments, far too
 * often for a Map keyed by a computed number. A slot is four int32s (lo, hi, value, unused), so
 * a probe touches one cache line.
 */
export class PairIndex {
  private slots: Int32Array;
  private mask: number;
  private used = 0;

  constructor(expected: number) {
    let capacity = 1024;
    while (capacity < 2 * expected) capacity *= 2;
    this.slots = new Int32Array(4 * capacity);
    this.mask = capacity - 1;
  }

  /** The value stored for {a, b}, or -1. */
  get(a: number, b: number): number {
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const slots = this.slots;
    for (let i = slot(lo, hi) & this.mask; ; i = (i + 1) & this.mask) {
      const l = slots[4 * i]!;
      if (l === 0) return -1;
      if (l === lo && slots[4 * i + 1] === hi) return slots[4 * i + 2]!;
    }
  }

  /** Store (or replace) the value for {a, b}. */
  set(a: number, b: number, value: number): void {
    if (2 * (this.used + 1) > this.mask + 1) this.grow();
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const slots = this.slots;
    for (let i = slot(lo, hi) & this.mask; ; i = (i + 1) & this.mask) {
      const l = slots[4 * i]!;
      if (l === 0) {
        slots[4 * i] = lo;
        slots[4 * i + 1] = hi;
        slots[4 * i + 2] = value;
        this.used++;
        return;
      }
      if (l === lo && slots[4 * i + 1] === hi) {
        slots[4 * i + 2] = value;
        return;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * old.length);
    this.mask = 2 * (this.mask + 1) - 1;
    this.used = 0;
    for (let i = 0; i < old.length; i += 4) if (old[i] !== 0) this.set(old[i]!, old[i + 1]!, old[i + 2]!);
  }
}

function slot(lo: number, hi: number): number {
  const h = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca77);
  return h ^ (h >>> 16);
}
