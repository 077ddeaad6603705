import type { SliceAxis, SliceData } from '../../shared/api/types';
import type { Box3 } from '../../shared/volume/types';
import { AXIS_LAYOUT, SLICE_AXES } from './sliceAxes';

export type SliceFetcher = (axis: SliceAxis, index: number) => Promise<SliceData>;

export interface SliceCacheOptions {
  /** Bytes kept per axis (image + labels); the least recently used slices go first. */
  readonly budgetPerAxis?: number;
  /** Slices always kept per axis, whatever their size. */
  readonly minPerAxis?: number;
  /** Prefetch requests in flight at once, so that they never starve the visible slices. */
  readonly prefetchConcurrency?: number;
}

const sliceBytes = (s: SliceData): number => s.image.byteLength + s.labels.byteLength;

/** Replace every id of `from` in `labels` by `to`, comparing 32-bit words (no bigint per voxel). */
export function relabel(labels: BigUint64Array, from: readonly bigint[], to: bigint): void {
  const words = new Uint32Array(labels.buffer, labels.byteOffset, 2 * labels.length);
  const split = (id: bigint) => [Number(id & 0xffffffffn), Number(id >> 32n)] as const;
  const [toLo, toHi] = split(to);
  for (const id of from) {
    const [lo, hi] = split(id);
    for (let i = 0; i < words.length; i += 2) {
      if (words[i] === lo && words[i + 1] === hi) {
        words[i] = toLo;
        words[i + 1] = toHi;
      }
    }
  }
}

/** Whether slice `index` of `axis` crosses `box` (every slice crosses a null box). */
export function sliceCrosses(axis: SliceAxis, index: number, box: Box3 | null): boolean {
  if (!box) return true;
  const dim = AXIS_LAYOUT[axis].slice;
  return index >= box.start[dim] && index < box.start[dim] + box.size[dim];
}

export type InvalidationListener = (box: Box3 | null) => void;

/**
 * Recently used slices per axis (LRU under a byte budget), with in-flight requests shared, and
 * prefetch of neighbours so that scrolling finds the next slice ready. `clear()` starts a new
 * generation: answers to older requests are dropped (a new volume was opened).
 */
export class SliceCache {
  private readonly lru: Record<SliceAxis, Map<number, SliceData>> = {
    xy: new Map(),
    xz: new Map(),
    yz: new Map(),
  };
  private readonly inFlight = new Map<string, Promise<SliceData>>();
  private queue: { axis: SliceAxis; index: number }[] = [];
  private prefetching = 0;
  private generation = 0;
  /** Bumped by `invalidate`; a request stores its answer only if nothing it covers changed since. */
  private version = 0;
  private readonly staleSince = new Map<string, number>();
  private allStaleSince = 0;
  private readonly invalidationListeners = new Set<InvalidationListener>();
  private readonly budget: number;
  private readonly minKeep: number;
  private readonly concurrency: number;

  constructor(
    private readonly fetcher: SliceFetcher,
    options: SliceCacheOptions = {},
  ) {
    this.budget = options.budgetPerAxis ?? 48 * 1024 * 1024;
    this.minKeep = options.minPerAxis ?? 3;
    this.concurrency = options.prefetchConcurrency ?? 2;
  }

  /** A cached slice, marked as recently used. */
  peek(axis: SliceAxis, index: number): SliceData | undefined {
    const map = this.lru[axis];
    const hit = map.get(index);
    if (hit) {
      map.delete(index);
      map.set(index, hit);
    }
    return hit;
  }

  has(axis: SliceAxis, index: number): boolean {
    return this.lru[axis].has(index);
  }

  /** The slice from the cache, from a request already running, or from a new request. */
  load(axis: SliceAxis, index: number): Promise<SliceData> {
    const hit = this.peek(axis, index);
    if (hit) return Promise.resolve(hit);
    const key = `${axis}:${index}`;
    const running = this.inFlight.get(key);
    if (running) return running;
    const generation = this.generation;
    const version = this.version;
    const current = () => generation === this.generation && !this.staleAfter(key, version);
    const request = this.fetcher(axis, index).then(
      (slice) => {
        if (current()) {
          this.inFlight.delete(key);
          this.store(axis, index, slice);
        }
        return slice;
      },
      (error: unknown) => {
        if (current()) this.inFlight.delete(key);
        throw error;
      },
    );
    this.inFlight.set(key, request);
    return request;
  }

  /**
   * Queue the `radius` slices after `index` in the scroll `direction` (and the nearest ones
   * behind it), replacing earlier prefetch wishes for this axis. `count` is the axis length.
   */
  prefetch(axis: SliceAxis, index: number, direction: 1 | -1, count: number, radius = 3): void {
    const wanted: number[] = [];
    for (let step = 1; step <= radius; step++) wanted.push(index + direction * step);
    wanted.push(index - direction);
    this.queue = this.queue.filter((q) => q.axis !== axis);
    for (const i of wanted) {
      if (i >= 0 && i < count && !this.has(axis, i) && !this.inFlight.has(`${axis}:${i}`))
        this.queue.push({ axis, index: i });
    }
    this.pump();
  }

  /**
   * The labels inside `box` changed (null: anywhere, e.g. a merge): drop the slices crossing it
   * and forget requests for them in flight, then tell the listeners (the layers reload).
   */
  invalidate(box: Box3 | null): void {
    this.version++;
    if (!box) this.allStaleSince = this.version;
    for (const axis of SLICE_AXES) {
      for (const index of [...this.lru[axis].keys()])
        if (sliceCrosses(axis, index, box)) this.lru[axis].delete(index);
    }
    for (const key of [...this.inFlight.keys()]) {
      const [axis, index] = key.split(':') as [SliceAxis, string];
      if (!sliceCrosses(axis, Number(index), box)) continue;
      this.inFlight.delete(key);
      this.staleSince.set(key, this.version);
    }
    if (this.staleSince.size > 10_000) this.staleSince.clear();
    this.queue = this.queue.filter((q) => !sliceCrosses(q.axis, q.index, box));
    for (const listener of this.invalidationListeners) listener(box);
  }

  /**
   * Segments `from` were merged into `to`. A merge changes ids, not voxels: the cached slices are
   * relabelled in place, so the views show it without asking the backend again. Answers in flight
   * may predate the merge; they are dropped as by `invalidate(null)`. Listeners hear of it as of
   * an invalidation of everything (their slices are in the cache already).
   */
  merge(from: readonly bigint[], to: bigint): void {
    this.version++;
    for (const axis of SLICE_AXES) {
      for (const slice of this.lru[axis].values()) relabel(slice.labels, from, to);
    }
    for (const key of this.inFlight.keys()) this.staleSince.set(key, this.version);
    this.inFlight.clear();
    for (const listener of this.invalidationListeners) listener(null);
  }

  onInvalidate(listener: InvalidationListener): () => void {
    this.invalidationListeners.add(listener);
    return () => this.invalidationListeners.delete(listener);
  }

  private staleAfter(key: string, version: number): boolean {
    return this.allStaleSince > version || (this.staleSince.get(key) ?? 0) > version;
  }

  /** Forget everything (another volume was opened). */
  clear(): void {
    this.generation++;
    for (const map of Object.values(this.lru)) map.clear();
    this.inFlight.clear();
    this.queue = [];
    this.prefetching = 0;
  }

  size(axis: SliceAxis): number {
    return this.lru[axis].size;
  }

  cachedIndices(axis: SliceAxis): number[] {
    return [...this.lru[axis].keys()];
  }

  private pump(): void {
    while (this.prefetching < this.concurrency && this.queue.length > 0) {
      const next = this.queue.shift()!;
      if (this.has(next.axis, next.index)) continue;
      const generation = this.generation;
      this.prefetching++;
      const done = () => {
        if (generation !== this.generation) return;
        this.prefetching--;
        this.pump();
      };
      // A failed prefetch is not an error the user needs to see: the visible load will retry.
      this.load(next.axis, next.index).then(done, done);
    }
  }

  private store(axis: SliceAxis, index: number, slice: SliceData): void {
    const map = this.lru[axis];
    map.delete(index);
    map.set(index, slice);
    let bytes = 0;
    for (const s of map.values()) bytes += sliceBytes(s);
    for (const [oldest, s] of map) {
      if (bytes <= this.budget || map.size <= this.minKeep) break;
      map.delete(oldest);
      bytes -= sliceBytes(s);
    }
  }
}
