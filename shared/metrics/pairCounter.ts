/**
 * Counts pairs (a, b) of uint32 indices in typed arrays: an open-addressing hash of slots that
 * point into entry arrays kept in order of first appearance. About 5x faster than a Map keyed by
 * a * radix + b, whose keys leave V8's small-integer range, and free of any radix limit.
 */
export class PairCounter {
  private slots: Int32Array;
  private a: Uint32Array;
  private b: Uint32Array;
  private n: Float64Array;
  private used = 0;

  constructor(capacity = 1024) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.slots = new Int32Array(size).fill(-1);
    this.a = new Uint32Array(size / 2);
    this.b = new Uint32Array(size / 2);
    this.n = new Float64Array(size / 2);
  }

  get size(): number {
    return this.used;
  }

  add(a: number, b: number, count: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let s = hash(a, b) & mask;
    for (;;) {
      const e = slots[s]!;
      if (e < 0) break;
      if (this.a[e] === a && this.b[e] === b) {
        this.n[e] = this.n[e]! + count;
        return;
      }
      s = (s + 1) & mask;
    }
    const e = this.used++;
    this.a[e] = a;
    this.b[e] = b;
    this.n[e] = count;
    slots[s] = e;
    // Keep the load factor at or under a half so probes stay short.
    if (this.used * 2 >= slots.length) this.grow();
  }

  /** Entries in order of first appearance (views: copy before adding more). */
  entries(): { a: Uint32Array; b: Uint32Array; count: Float64Array } {
    return {
      a: this.a.subarray(0, this.used),
      b: this.b.subarray(0, this.used),
      count: this.n.subarray(0, this.used),
    };
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
    this.a = resized(this.a, size / 2);
    this.b = resized(this.b, size / 2);
    const n = new Float64Array(size / 2);
    n.set(this.n);
    this.n = n;
  }
}

function resized(old: Uint32Array, length: number): Uint32Array {
  const out = new Uint32Array(length);
  out.set(old);
  return out;
}

function hash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) + b;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return h ^ (h >>> 13);
}
