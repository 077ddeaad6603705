import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openVolume } from '../../../electron/io/openVolume';
import { writeZarrVolume } from '../../../electron/io/zarrWriter';
import type { Box3, Vec3 } from '../../../shared/volume/types';
import { asList, crop, fill, tempDir } from './ioTestKit';

const dir = tempDir('zarr-volume');
const shape: Vec3 = [9, 10, 11];
const labels = fill(new BigUint64Array(9 * 10 * 11), 6, (r) =>
  r % 3 === 0 ? 2n ** 64n - 1n : 2n ** 60n + BigInt(r % 100),
);
const boxes: Box3[] = [
  { start: [0, 0, 0], size: shape },
  { start: [2, 3, 4], size: [5, 6, 7] },
  { start: [8, 9, 10], size: [1, 1, 1] },
  { start: [4, 0, 0], size: [1, 10, 11] },
];

describe.each([2, 3] as const)('zarr v%i', (version) => {
  it('round-trips uint64 labels above 2^53 in a group, with resolution and chunk shape', async () => {
    const store = join(dir, `labels-v${version}.zarr`);
    await writeZarrVolume(
      store,
      'volumes/labels',
      { shape, data: labels },
      { version, resolution: [30, 8, 8], chunks: [4, 4, 4] },
    );
    expect(
      existsSync(join(store, version === 2 ? 'volumes/labels/.zarray' : 'volumes/labels/zarr.json')),
    ).toBe(true);
    const source = await openVolume(`${store}:volumes/labels`, 'labels');
    expect(source.info).toMatchObject({
      dataset: 'volumes/labels',
      shape,
      dtype: 'uint64',
      resolution: [30, 8, 8],
      chunkShape: [4, 4, 4],
    });
    for (const box of boxes) expect(asList(await source.read(box))).toEqual(crop(labels, shape, box));
    source.close();
  });

  it('round-trips a uint8 image stored as the root array, gzip chunks on disk', async () => {
    const store = join(dir, `image-v${version}.zarr`);
    const image = fill(new Uint8Array(9 * 10 * 11), 7, (r) => r & 255);
    await writeZarrVolume(store, '', { shape, data: image }, { version, chunks: [8, 8, 8] });
    const chunkFile = join(store, version === 2 ? '0.0.0' : 'c/0/0/0');
    expect(gunzipSync(readFileSync(chunkFile)).length).toBe(8 * 8 * 8);
    const source = await openVolume(store, 'image');
    expect(source.info).toMatchObject({ dataset: '', dtype: 'uint8', resolution: [1, 1, 1] });
    for (const box of boxes) expect(asList(await source.read(box))).toEqual(crop(image, shape, box));
    source.close();
  });
});

describe('zarr defaults', () => {
  it('finds FFN-style names in a group and the path of an array folder given directly', async () => {
    const store = join(dir, 'ffn.zarr');
    const image = fill(new Uint16Array(2 * 3 * 4), 3, (r) => r & 0xffff);
    const stack = Int32Array.from({ length: 24 }, (_, i) => i - 12);
    await writeZarrVolume(store, 'raw', { shape: [2, 3, 4], data: image }, { version: 2 });
    await writeZarrVolume(store, 'stack', { shape: [2, 3, 4], data: stack }, { version: 2 });
    const img = await openVolume(store, 'image');
    const seg = await openVolume(store, 'labels');
    expect([img.info.dataset, img.info.dtype, seg.info.dataset, seg.info.dtype]).toEqual([
      'raw',
      'uint16',
      'stack',
      'int32',
    ]);
    expect(asList(await seg.read({ start: [0, 0, 0], size: [2, 3, 4] }))).toEqual(asList(stack));
    const direct = await openVolume(join(store, 'raw'), 'image');
    expect(asList(await direct.read({ start: [0, 0, 0], size: [2, 3, 4] }))).toEqual(asList(image));
  });
});
