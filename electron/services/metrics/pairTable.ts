/**
 * A mutable table of (a, b) -> count over uint32 indices, where counts go up and down as edits
 * move voxels between segments, plus one sample voxel per pair (a place to jump the views to).
 * Open addressing in typed arrays, like shared/metrics/pairCounter.ts, but entries are never
 * removed: a pair whose count returns to 0 keeps its slot and is skipped by readers.
 */
export class PairTable {
  private slots: Int32Array;
  private a: Uint32Array;
  private b: Uint32Array;
  private n: Float64Array;
  /** Linear voxel index of one voxel of the pair, -1 when not known (it moved away). */
  private sample: Float64Array;
  private used = 0;

  constructor(capacity = 1024) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.slots = new Int32Array(size).fill(-1);
    this.a = new Uint32Array(size / 2);
    this.b = new Uint32Array(size / 2);
    this.n = new Float64Array(size / 2);
    this.sample = new Float64Array(size / 2).fill(-1);
  }

  get size(): number {
    return this.used;
  }

  /** Add `count` (may be negative) to pair (a, b); `voxel` becomes its sample when it has none. */
  add(a: number, b: number, count: number, voxel = -1): void {
    const e = this.entry(a, b);
    this.n[e] = this.n[e]! + count;
    if (count > 0 && this.sample[e]! < 0) this.sample[e] = voxel;
  }

  /** Take one voxel away from pair (a, b); its sample is forgotten when it was that voxel. */
  remove(a: number, b: number, voxel: number): void {
    const e = this.entry(a, b);
    this.n[e] = this.n[e]! - 1;
    if (this.sample[e] === voxel || this.n[e] === 0) this.sample[e] = -1;
  }

  /** Entries in order of first appearance (views: copy before adding more). */
  entries(): { a: Uint32Array; b: Uint32Array; count: Float64Array; sample: Float64Array } {
    return {
      a: this.a.subarray(0, this.used),
      b: this.b.subarray(0, this.used),
      count: this.n.subarray(0, this.used),
      sample: this.sample.subarray(0, this.used),
    };
  }

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
    this.sample[e] = -1;
    slots[s] = e;
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
    this.a = grown(this.a, size / 2);
    this.b = grown(this.b, size / 2);
    this.n = grown(this.n, size / 2);
    const sample = new Float64Array(size / 2).fill(-1);
    sample.set(this.sample);
    this.sample = sample;
  }
}

function grown<T extends Uint32Array | Float64Array>(old: T, length: number): T {
  const out = new (old.constructor as new (n: number) => T)(length);
  out.set(old);
  return out;
}

function hash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) + b;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return h ^ (h >>> 13);
}
