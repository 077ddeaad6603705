import type { Vec3 } from '../volume/types';

/** Indices of the 6 face neighbours among the 26 offsets (dz, dy, dx each in -1..1, x fastest). */
const FACE_NEIGHBOURS = Int32Array.from([4, 10, 12, 13, 15, 21]);
/** Geodesic lengths are counted in half nanometres. */
const GEODESIC_UNITS_PER_NM = 2;
/** Penalised costs are counted in quarters of one smallest voxel step. */
const COST_QUANTUM = 4;

/**
 * Shortest paths over the 26-connected foreground of a padded box (a one-voxel background
 * border, so neighbour offsets never leave the array). Edge costs are rounded to small
 * integers so that a bucket queue (Dial's algorithm: O(1) per operation) replaces a binary heap;
 * the rounding changes lengths by about 1%. Distances carry an epoch stamp so that many short
 * searches reuse the same arrays without clearing them.
 */
export class VoxelSearch {
  private readonly offsets = new Int32Array(26);
  /** Neighbour step lengths in half-nm units, and in cost quanta. */
  private readonly lengthWeights = new Int32Array(26);
  private readonly costWeights = new Int32Array(26);
  /** Integer distance of the last search, valid where the stamp is current. */
  readonly dist: Int32Array;
  private readonly pred: Int32Array;
  private readonly stamp: Int32Array;
  private epoch = 0;
  private readonly queue: BucketQueue;

  constructor(
    readonly mask: Uint8Array,
    readonly shape: Vec3,
    resolution: Vec3,
    /** Length (nm) of a cost unit in pathToSet: usually the smallest voxel size. */
    readonly unit: number,
    /** Largest per-voxel penalty pathToSet will be given. */
    maxPenalty: number,
  ) {
    const [, ny, nx] = shape;
    let k = 0;
    for (let dz = -1; dz <= 1; dz++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if (dz === 0 && dy === 0 && dx === 0) continue;
          const step = Math.hypot(dz * resolution[0], dy * resolution[1], dx * resolution[2]);
          this.offsets[k] = (dz * ny + dy) * nx + dx;
          this.lengthWeights[k] = Math.max(1, Math.round(GEODESIC_UNITS_PER_NM * step));
          this.costWeights[k] = Math.max(1, Math.round((COST_QUANTUM * step) / unit));
          k++;
        }
      }
    }
    this.dist = new Int32Array(mask.length);
    this.pred = new Int32Array(mask.length);
    this.stamp = new Int32Array(mask.length);
    const widest = Math.max(
      Math.max(...this.lengthWeights),
      Math.max(...this.costWeights) + quantise(maxPenalty),
    );
    this.queue = new BucketQueue(mask.length, widest + 1);
  }

  /** Per-voxel penalties in the integer cost units pathToSet adds: rounded and capped. */
  static quantisePenalty(penalty: number): number {
    return quantise(penalty);
  }

  /** Whether any search so far has reached voxel v (searches stay inside one component). */
  visited(v: number): boolean {
    return this.stamp[v] !== 0;
  }

  /**
   * Geodesic search from `source` over its connected component. Writes the settled voxels into
   * `order` in increasing distance and returns their count: the last one is the farthest
   * voxel. `faceOnly` walks the 6 face neighbours only: a cruder metric, four times cheaper,
   * good enough to find an extremity.
   */
  geodesic(source: number, order: Int32Array, faceOnly = false): number {
    const { mask, offsets, lengthWeights, dist, stamp, queue } = this;
    const neighbours = faceOnly ? 6 : 26;
    const e = ++this.epoch;
    queue.reset();
    stamp[source] = e;
    dist[source] = 0;
    queue.push(source, 0);
    let count = 0;
    for (let u = queue.pop(); u >= 0; u = queue.pop()) {
      const d = dist[u]!;
      order[count++] = u;
      for (let j = 0; j < neighbours; j++) {
        const k = faceOnly ? FACE_NEIGHBOURS[j]! : j;
        const v = u + offsets[k]!;
        if (mask[v] === 0) continue;
        const nd = d + lengthWeights[k]!;
        if (stamp[v] === e) {
          if (nd >= dist[v]!) continue;
          queue.remove(v, dist[v]!);
        }
        stamp[v] = e;
        dist[v] = nd;
        queue.push(v, nd);
      }
    }
    return count;
  }

  /**
   * Cheapest path from `source` to any voxel with `stop[v] >= 0`, where entering voxel v costs
   * `penalty[v]` (already quantised) plus the step length in units of `unit`. Returns the path
   * from the reached stop voxel back to `source` (inclusive), or null when none is reachable.
   */
  pathToSet(source: number, stop: Int32Array, penalty: Uint16Array): number[] | null {
    const { mask, offsets, costWeights, dist, pred, stamp, queue } = this;
    const e = ++this.epoch;
    queue.reset();
    stamp[source] = e;
    dist[source] = 0;
    pred[source] = -1;
    queue.push(source, 0);
    for (let u = queue.pop(); u >= 0; u = queue.pop()) {
      if (stop[u]! >= 0) return this.walkBack(u);
      const d = dist[u]!;
      for (let k = 0; k < 26; k++) {
        const v = u + offsets[k]!;
        if (mask[v] === 0) continue;
        const nd = d + penalty[v]! + costWeights[k]!;
        if (stamp[v] === e) {
          if (nd >= dist[v]!) continue;
          queue.remove(v, dist[v]!);
        }
        stamp[v] = e;
        dist[v] = nd;
        pred[v] = u;
        queue.push(v, nd);
      }
    }
    return null;
  }

  private walkBack(end: number): number[] {
    const path: number[] = [];
    for (let v = end; v >= 0; v = this.pred[v]!) path.push(v);
    return path;
  }
}

/** Quantised penalties fit a Uint16Array. */
/**
 * Penalties saturate at this many smallest-voxel steps: far enough off the centre line to be
 * avoided either way. A low cap keeps the bucket ring small and the empty buckets a search
 * scans few (each costly voxel entered would otherwise leave a gap that long).
 */
const MAX_PENALTY_STEPS = 1000;

function quantise(penalty: number): number {
  return Math.min(COST_QUANTUM * MAX_PENALTY_STEPS, Math.max(0, Math.round(COST_QUANTUM * penalty)));
}

/**
 * Dial's bucket queue: circular buckets of doubly linked voxels, one bucket per integer
 * distance modulo the widest edge weight + 1. Popping scans forward from the current distance.
 */
class BucketQueue {
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private current = 0;
  private size = 0;

  constructor(universe: number, buckets: number) {
    this.head = new Int32Array(buckets).fill(-1);
    this.next = new Int32Array(universe);
    this.prev = new Int32Array(universe);
  }

  reset(): void {
    if (this.size > 0) this.head.fill(-1);
    this.size = 0;
    this.current = 0;
  }

  push(v: number, distance: number): void {
    const b = distance % this.head.length;
    const h = this.head[b]!;
    this.next[v] = h;
    this.prev[v] = -1;
    if (h >= 0) this.prev[h] = v;
    this.head[b] = v;
    this.size++;
  }

  /** Unlink v, queued at `distance`. */
  remove(v: number, distance: number): void {
    const p = this.prev[v]!;
    const n = this.next[v]!;
    if (p >= 0) this.next[p] = n;
    else this.head[distance % this.head.length] = n;
    if (n >= 0) this.prev[n] = p;
    this.size--;
  }

  /** A voxel of the smallest distance, or -1 when empty. */
  pop(): number {
    if (this.size === 0) return -1;
    const head = this.head;
    const n = head.length;
    let b = this.current % n;
    while (head[b]! < 0) {
      this.current++;
      b = this.current % n;
    }
    const v = head[b]!;
    const next = this.next[v]!;
    head[b] = next;
    if (next >= 0) this.prev[next] = -1;
    this.size--;
    return v;
  }
}
