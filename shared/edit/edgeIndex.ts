/**
 * A hash from unordered pairs of region ids to the one edge between them, for agglomeration.
 * A slot holds only the edge (plus one; 0 is empty) and the pair is read from `ends` (two ids per
 * edge, kept current by the caller while the edge is indexed), so the table is a quarter of the
 * size of one storing keys: agglomeration looks up pairs in random order, and a table that fits
 * the cache answers several times faster.
 */
export class EdgeIndex {
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Room for `capacity` edges at once (the table does not grow). */
  constructor(
    private readonly ends: Int32Array,
    capacity: number,
  ) {
    let size = 1024;
    while (size < 2 * capacity) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }
  /** The edge indexed for {a, b}, or -1. */
  get(a: number, b: number): number {
    const { slots, ends, mask } = this;
    for (let i = home(a, b) & mask; ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === 0) return -1;
      const x = ends[2 * s - 2]!;
      const y = ends[2 * s - 1]!;
      if ((x === a && y === b) || (x === b && y === a)) return s - 1;
    }
  }
  /** Index edge e under its current ends (which must have no edge indexed yet). */
  add(e: number): void {
    const { slots, mask } = this;
    let i = home(this.ends[2 * e]!, this.ends[2 * e + 1]!) & mask;
    while (slots[i] !== 0) i = (i + 1) & mask;
    slots[i] = e + 1;
  }
  /** Unindex edge e, whose ends must not have changed since it was added. */
  remove(e: number): void {
    const { slots, ends, mask } = this;
    let i = home(ends[2 * e]!, ends[2 * e + 1]!) & mask;
    while (slots[i] !== e + 1) {
      if (slots[i] === 0) return;
      i = (i + 1) & mask;
    }
    // Linear probing: move each later entry of the cluster whose home is not in (i, j] back.
    for (let j = (i + 1) & mask; slots[j] !== 0; j = (j + 1) & mask) {
      const s = slots[j]!;
      const h = home(ends[2 * s - 2]!, ends[2 * s - 1]!) & mask;
      if (i <= j ? h > i && h <= j : h > i || h <= j) continue;
      slots[i] = s;
      i = j;
    }
    slots[i] = 0;
  }
}
/** A hash of the unordered pair {a, b}. */
function home(a: number, b: number): number {
  const lo = a < b ? a : b;
  const hi = a < b ? b : a;
  const h = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca77);
  return h ^ (h >>> 16);
}
