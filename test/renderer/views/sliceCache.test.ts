import { describe, expect, it } from 'vitest';
import type { SliceAxis, SliceData } from '../../../shared/api/types';
import { SliceCache } from '../../../renderer/views/sliceCache';

/** A backend stand-in over an in-memory volume whose answers the test releases one by one. */
class SlowBackend {
  readonly requests: string[] = [];
  private readonly waiting: (() => void)[] = [];
  readonly shape = [20, 16, 12] as const;

  fetch = (axis: SliceAxis, index: number): Promise<SliceData> => {
    this.requests.push(`${axis}:${index}`);
    const [nz, ny, nx] = this.shape;
    const [width, height] = axis === 'xy' ? [nx, ny] : axis === 'xz' ? [nx, nz] : [ny, nz];
    const slice: SliceData = {
      axis,
      index,
      width,
      height,
      image: new Uint8Array(width * height).fill(index),
      labels: new BigUint64Array(width * height).fill(BigInt(index + 1)),
    };
    return new Promise((resolve) => this.waiting.push(() => resolve(slice)));
  };

  get pending(): number {
    return this.waiting.length;
  }

  /** Answer every request made so far, then let the cache react. */
  async releaseAll(): Promise<void> {
    while (this.waiting.length > 0) {
      for (const release of this.waiting.splice(0)) release();
      await new Promise((r) => setTimeout(r, 0));
    }
  }
}

const bytesOfXy = 16 * 12 * 9; // image + labels of one 12 x 16 XY slice

describe('SliceCache', () => {
  it('shares one request between concurrent loads and then serves from memory', async () => {
    const backend = new SlowBackend();
    const cache = new SliceCache(backend.fetch, { prefetchConcurrency: 0 });
    const a = cache.load('xy', 3);
    const b = cache.load('xy', 3);
    expect(backend.requests).toEqual(['xy:3']);
    await backend.releaseAll();
    expect(await a).toBe(await b);
    expect(cache.peek('xy', 3)?.index).toBe(3);
    await cache.load('xy', 3);
    expect(backend.requests).toEqual(['xy:3']);
  });

  it('keeps the most recently used slices within its byte budget', async () => {
    const backend = new SlowBackend();
    const cache = new SliceCache(backend.fetch, {
      budgetPerAxis: 3 * bytesOfXy,
      minPerAxis: 1,
      prefetchConcurrency: 0,
    });
    for (const index of [0, 1, 2]) {
      const p = cache.load('xy', index);
      await backend.releaseAll();
      await p;
    }
    cache.peek('xy', 0); // 0 is now the most recent
    const p = cache.load('xy', 3);
    await backend.releaseAll();
    await p;
    expect(cache.cachedIndices('xy').sort()).toEqual([0, 2, 3]);
    expect(cache.size('xz')).toBe(0);
  });

  it('prefetches ahead in the scroll direction, a few at a time, skipping what it has', async () => {
    const backend = new SlowBackend();
    const cache = new SliceCache(backend.fetch, { prefetchConcurrency: 2 });
    const first = cache.load('xy', 10);
    cache.prefetch('xy', 10, 1, 20, 3);
    // The visible slice plus two prefetches in flight, the rest queued.
    expect(backend.requests).toEqual(['xy:10', 'xy:11', 'xy:12']);
    await backend.releaseAll();
    await first;
    expect(backend.requests).toEqual(['xy:10', 'xy:11', 'xy:12', 'xy:13', 'xy:9']);
    expect(cache.cachedIndices('xy').sort((a, b) => a - b)).toEqual([9, 10, 11, 12, 13]);
    cache.prefetch('xy', 11, 1, 20, 3);
    expect(backend.requests.slice(5)).toEqual(['xy:14']);
    await backend.releaseAll();
  });

  it('does not prefetch outside the volume', async () => {
    const backend = new SlowBackend();
    const cache = new SliceCache(backend.fetch);
    cache.prefetch('xz', 15, 1, 16, 3);
    expect(backend.requests).toEqual(['xz:14']);
    cache.prefetch('yz', 0, -1, 12, 3);
    expect(backend.requests).toEqual(['xz:14', 'yz:1']);
    await backend.releaseAll();
  });

  it('drops answers that arrive after clear() (another volume was opened)', async () => {
    const backend = new SlowBackend();
    const cache = new SliceCache(backend.fetch, { prefetchConcurrency: 0 });
    const stale = cache.load('yz', 4);
    cache.clear();
    await backend.releaseAll();
    await stale;
    expect(cache.has('yz', 4)).toBe(false);
    const fresh = cache.load('yz', 4);
    expect(backend.pending).toBe(1);
    await backend.releaseAll();
    expect((await fresh).index).toBe(4);
    expect(cache.has('yz', 4)).toBe(true);
  });

  it('forgets a failed request so that the next load retries', async () => {
    const backend = new SlowBackend();
    let calls = 0;
    const cache = new SliceCache((axis, index) => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('backend busy')) : backend.fetch(axis, index);
    });
    await expect(cache.load('xy', 5)).rejects.toThrow('backend busy');
    const retry = cache.load('xy', 5);
    await backend.releaseAll();
    expect((await retry).index).toBe(5);
    expect(calls).toBe(2);
  });
});
