/** A binary min-heap of integer items keyed by numbers, in growable typed arrays. */
export class MinHeap {
  private keys: Float64Array;
  private items: Int32Array;
  size = 0;
  /** The key of the item `pop` returned last. */
  poppedKey = 0;

  constructor(capacity = 1024) {
    this.keys = new Float64Array(Math.max(1, capacity));
    this.items = new Int32Array(Math.max(1, capacity));
  }

  /** A heap of the items 0..count-1 with the given keys, built in linear time. */
  static ofRange(count: number, key: (item: number) => number): MinHeap {
    const heap = new MinHeap(2 * count);
    for (let i = 0; i < count; i++) {
      heap.keys[i] = key(i);
      heap.items[i] = i;
    }
    heap.size = count;
    for (let i = (count >> 1) - 1; i >= 0; i--) heap.siftDown(i, heap.keys[i]!, i);
    return heap;
  }

  push(key: number, item: number): void {
    if (this.size === this.keys.length) this.grow();
    const keys = this.keys;
    const items = this.items;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      items[i] = items[parent]!;
      i = parent;
    }
    keys[i] = key;
    items[i] = item;
  }

  /** Remove and return the item with the smallest key (the heap must not be empty). */
  pop(): number {
    const top = this.items[0]!;
    this.poppedKey = this.keys[0]!;
    const n = --this.size;
    this.siftDown(0, this.keys[n]!, this.items[n]!);
    return top;
  }

  /** Place (key, item) at the hole i, moving smaller children up. */
  private siftDown(i: number, key: number, item: number): void {
    const keys = this.keys;
    const items = this.items;
    const n = this.size;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[child + 1]! < keys[child]!) child++;
      if (keys[child]! >= key) break;
      keys[i] = keys[child]!;
      items[i] = items[child]!;
      i = child;
    }
    keys[i] = key;
    items[i] = item;
  }

  private grow(): void {
    const keys = new Float64Array(2 * this.keys.length);
    const items = new Int32Array(2 * this.items.length);
    keys.set(this.keys);
    items.set(this.items);
    this.keys = keys;
    this.items = items;
  }
}
