/**
 * One growable FIFO per cost level 0..255 (a bucket queue): pushes and pops run through
 * contiguous memory, so a flood over a uint8 cost map stays linear in the voxel count.
 */
export class LevelQueues {
  readonly items: Int32Array[] = Array.from({ length: 256 }, () => new Int32Array(256));
  readonly length = new Int32Array(256);

  push(level: number, v: number): void {
    let q = this.items[level]!;
    const n = this.length[level]!;
    if (n === q.length) {
      const grown = new Int32Array(2 * n);
      grown.set(q);
      this.items[level] = q = grown;
    }
    q[n] = v;
    this.length[level] = n + 1;
  }

  /** Free a level's memory once the flood has passed it (nothing is pushed below the level). */
  release(level: number): void {
    this.items[level] = new Int32Array(0);
    this.length[level] = 0;
  }
}
