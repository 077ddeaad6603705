/**
 * A 4-ary min-heap of the integer items 0..capacity-1, each at most once, keyed by numbers, in
 * typed arrays. It knows where each item sits, so an item's key can change and an item can
 * leave without stale entries piling up. Equal keys pop the smaller item first, so the order
 * does not depend on how the heap was built. Four children per node halve the levels of a
 * binary heap and sit side by side in memory.
 */
export class MinHeap {
  private readonly keys: Float64Array;
  private readonly items: Int32Array;
  /** Per item, its place in the heap or -1. */
  private readonly place: Int32Array;
  size = 0;
  /** The key of the item `pop` returned last. */
  poppedKey = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(1, capacity));
    this.items = new Int32Array(Math.max(1, capacity));
    this.place = new Int32Array(Math.max(1, capacity)).fill(-1);
  }

  /** A heap of the items 0..count-1 with the given keys, built in linear time. */
  static ofRange(count: number, key: (item: number) => number): MinHeap {
    const heap = new MinHeap(count);
    for (let i = 0; i < count; i++) {
      heap.keys[i] = key(i);
      heap.items[i] = i;
      heap.place[i] = i;
    }
    heap.size = count;
    for (let i = (count - 2) >> 2; i >= 0; i--) heap.siftDown(i, heap.keys[i]!, i);
    return heap;
  }

  has(item: number): boolean {
    return this.place[item]! >= 0;
  }

  /** Insert `item` with `key`, or change its key if it is in the heap. */
  set(item: number, key: number): void {
    const at = this.place[item]!;
    if (at < 0) {
      this.siftUp(this.size++, key, item);
    } else if (key < this.keys[at]!) {
      this.siftUp(at, key, item);
    } else {
      this.siftDown(at, key, item);
    }
  }

  /** Take `item` out of the heap (if it is in). */
  remove(item: number): void {
    const at = this.place[item]!;
    if (at < 0) return;
    this.place[item] = -1;
    const n = --this.size;
    if (at === n) return;
    const key = this.keys[n]!;
    const last = this.items[n]!;
    if (before(key, last, this.keys[at]!, item)) this.siftUp(at, key, last);
    else this.siftDown(at, key, last);
  }

  /** Remove and return the item with the smallest key (the heap must not be empty). */
  pop(): number {
    const top = this.items[0]!;
    this.poppedKey = this.keys[0]!;
    this.place[top] = -1;
    const n = --this.size;
    if (n > 0) this.siftDown(0, this.keys[n]!, this.items[n]!);
    return top;
  }

  /** Place (key, item) at the hole i or above it, moving larger parents down. */
  private siftUp(i: number, key: number, item: number): void {
    const { keys, items, place } = this;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pk = keys[parent]!;
      const pi = items[parent]!;
      if (before(pk, pi, key, item)) break;
      keys[i] = pk;
      items[i] = pi;
      place[pi] = i;
      i = parent;
    }
    keys[i] = key;
    items[i] = item;
    place[item] = i;
  }

  /** Place (key, item) at the hole i or below it, moving smaller children up. */
  private siftDown(i: number, key: number, item: number): void {
    const { keys, items, place } = this;
    const n = this.size;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      let child = first;
      let ck = keys[first]!;
      let ci = items[first]!;
      const last = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < last; c++) {
        const k = keys[c]!;
        if (k < ck || (k === ck && items[c]! < ci)) {
          child = c;
          ck = k;
          ci = items[c]!;
        }
      }
      if (before(key, item, ck, ci)) break;
      keys[i] = ck;
      items[i] = ci;
      place[ci] = i;
      i = child;
    }
    keys[i] = key;
    items[i] = item;
    place[item] = i;
  }
}

/** Whether (key a, item i) pops before (key b, item j). */
function before(a: number, i: number, b: number, j: number): boolean {
  return a < b || (a === b && i < j);
}
