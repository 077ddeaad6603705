import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeHdf5Volume } from '../../../electron/io/hdf5Writer';
import { writeNpz } from '../../../electron/io/npzVolume';
import { detectFormat, openVolume } from '../../../electron/io/openVolume';
import { writeTiffStack } from '../../../electron/io/tiffWriter';
import { writeZarrVolume } from '../../../electron/io/zarrWriter';
import { parseVolumeSpec } from '../../../shared/formats/volumeSpec';
import { asList, tempDir } from './ioTestKit';

const dir = tempDir('open-volume');

describe('volume specs', () => {
  it.each([
    ['image.h5:raw', 'image.h5', 'raw'],
    ['image.h5', 'image.h5', ''],
    ['/data/seg.h5:volumes/labels/neuron_ids', '/data/seg.h5', 'volumes/labels/neuron_ids'],
    ['C:\\data\\seg.h5:stack', 'C:\\data\\seg.h5', 'stack'],
    ['C:\\data\\seg.h5', 'C:\\data\\seg.h5', ''],
    ['D:/em/stack.zarr:labels/s0', 'D:/em/stack.zarr', 'labels/s0'],
    ['/runs/a:b/seg.h5:/stack/', '/runs/a:b/seg.h5', 'stack'],
    ['store.zarr/:raw', 'store.zarr/', 'raw'],
    ['  seg-0_0_0.npz  ', 'seg-0_0_0.npz', ''],
    ['noextension:raw', 'noextension', 'raw'],
  ])('%s', (spec, path, dataset) => {
    expect(parseVolumeSpec(spec)).toEqual({ path, dataset });
  });

  it('lets a path that exists as a whole win over any split', () => {
    const exists = (p: string): boolean => p === '/data/run:3/slices' || p === '/data/x:y.h5';
    expect(parseVolumeSpec('/data/run:3/slices', exists)).toEqual({
      path: '/data/run:3/slices',
      dataset: '',
    });
    expect(parseVolumeSpec('/data/x:y.h5:raw', exists)).toEqual({ path: '/data/x:y.h5', dataset: 'raw' });
  });
});

describe('openVolume', () => {
  it('picks the reader by content and extension for every format', async () => {
    const shape = [2, 3, 4] as const;
    const data = Uint8Array.from({ length: 24 }, (_, i) => i);
    const volume = { shape, data };
    const h5 = join(dir, 'a.h5');
    const noExt = join(dir, 'hdf5-without-extension');
    await writeHdf5Volume(h5, 'raw', volume);
    await writeHdf5Volume(noExt, 'raw', volume);
    await writeZarrVolume(join(dir, 'a.zarr'), 'raw', volume);
    await writeZarrVolume(join(dir, 'plain-folder-store'), 'raw', volume, { version: 2 });
    writeTiffStack(join(dir, 'a.tif'), volume);
    writeTiffStack(join(dir, 'slices'), volume, { folder: true });
    await writeNpz(join(dir, 'seg.npz'), { segmentation: volume });
    const cases = [
      ['a.h5', 'hdf5'],
      ['hdf5-without-extension', 'hdf5'],
      ['a.zarr', 'zarr'],
      ['plain-folder-store', 'zarr'],
      ['a.tif', 'tiff'],
      ['slices', 'tiff'],
      ['seg.npz', 'npz'],
    ] as const;
    for (const [name, format] of cases) {
      expect(detectFormat(join(dir, name))).toBe(format);
      const spec = format === 'tiff' || format === 'npz' ? join(dir, name) : `${join(dir, name)}:raw`;
      const source = await openVolume(spec, 'labels');
      expect(source.info.shape).toEqual(shape);
      expect(asList(await source.read({ start: [1, 2, 0], size: [1, 1, 4] }))).toEqual([20, 21, 22, 23]);
      source.close();
    }
  });

  it('opens files whose folders contain colons', async () => {
    const folder = join(dir, 'run:7');
    mkdirSync(folder);
    const file = join(folder, 'seg.h5');
    await writeHdf5Volume(file, 'stack', {
      shape: [1, 1, 2],
      data: BigUint64Array.from([2n ** 64n - 1n, 1n]),
    });
    expect(existsSync(file)).toBe(true);
    for (const spec of [file, `${file}:stack`, `${file}:/stack`]) {
      const source = await openVolume(spec, 'labels');
      expect(source.info.dataset).toBe('stack');
      expect(asList(await source.read({ start: [0, 0, 0], size: [1, 1, 2] }))).toEqual([2n ** 64n - 1n, 1n]);
      source.close();
    }
  });
});
