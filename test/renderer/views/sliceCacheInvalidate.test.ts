import { describe, expect, it } from 'vitest';
import type { SliceAxis, SliceData } from '../../../shared/api/types';
import type { Box3 } from '../../../shared/volume/types';
import { SliceCache, sliceCrosses } from '../../../renderer/views/sliceCache';

/**
 * A volume whose labels an "edit" bumps; requests are answered when the test says, so that an
 * answer can arrive after the edit it predates.
 */
class EditableVolume {
  version = 0;
  readonly waiting: (() => void)[] = [];
  readonly requests: string[] = [];

  fetch = (axis: SliceAxis, index: number): Promise<SliceData> => {
    this.requests.push(`${axis}:${index}`);
    const version = this.version;
    const slice: SliceData = {
      axis,
      index,
      width: 2,
      height: 2,
      image: new Uint8Array(4),
      labels: new BigUint64Array(4).fill(BigInt(version)),
    };
    return new Promise((resolve) => this.waiting.push(() => resolve(slice)));
  };

  async releaseAll(): Promise<void> {
    while (this.waiting.length > 0) {
      for (const release of this.waiting.splice(0)) release();
      await new Promise((r) => setTimeout(r, 0));
    }
  }
}

const box: Box3 = { start: [4, 10, 20], size: [3, 5, 6] };

describe('slice cache invalidation after edits', () => {
  it('knows which slices of each axis cross an edited box', () => {
    expect(sliceCrosses('xy', 4, box)).toBe(true);
    expect(sliceCrosses('xy', 6, box)).toBe(true);
    expect(sliceCrosses('xy', 7, box)).toBe(false);
    expect(sliceCrosses('xz', 14, box)).toBe(true);
    expect(sliceCrosses('xz', 15, box)).toBe(false);
    expect(sliceCrosses('yz', 19, box)).toBe(false);
    expect(sliceCrosses('yz', 25, box)).toBe(true);
    expect(sliceCrosses('yz', 999, null)).toBe(true);
  });

  it('drops the cached slices crossing the box and keeps the others', async () => {
    const volume = new EditableVolume();
    const cache = new SliceCache(volume.fetch, { prefetchConcurrency: 0 });
    for (const i of [3, 4, 5, 7]) void cache.load('xy', i);
    void cache.load('yz', 21);
    await volume.releaseAll();
    const heard: (Box3 | null)[] = [];
    cache.onInvalidate((b) => heard.push(b));
    cache.invalidate(box);
    expect(cache.cachedIndices('xy').sort()).toEqual([3, 7]);
    expect(cache.has('yz', 21)).toBe(false);
    expect(heard).toEqual([box]);
    cache.invalidate(null);
    expect(cache.size('xy')).toBe(0);
  });

  it('does not cache an answer that left before the edit; the next load asks again', async () => {
    const volume = new EditableVolume();
    const cache = new SliceCache(volume.fetch, { prefetchConcurrency: 0 });
    const stale = cache.load('xy', 5);
    volume.version = 1;
    cache.invalidate(box);
    const fresh = cache.load('xy', 5);
    expect(volume.requests).toEqual(['xy:5', 'xy:5']);
    await volume.releaseAll();
    expect((await stale).labels[0]).toBe(0n);
    expect((await fresh).labels[0]).toBe(1n);
    expect(cache.peek('xy', 5)?.labels[0]).toBe(1n);
  });

  it('a merge (no box) makes every slice stale, in flight or cached', async () => {
    const volume = new EditableVolume();
    const cache = new SliceCache(volume.fetch, { prefetchConcurrency: 0 });
    void cache.load('xz', 1);
    await volume.releaseAll();
    const inFlight = cache.load('yz', 2);
    volume.version = 7;
    cache.invalidate(null);
    await volume.releaseAll();
    await inFlight;
    expect(cache.has('yz', 2)).toBe(false);
    expect(cache.has('xz', 1)).toBe(false);
    const again = cache.load('yz', 2);
    await volume.releaseAll();
    expect((await again).labels[0]).toBe(7n);
  });
});
