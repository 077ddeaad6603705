import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openHdf5 } from '../../../electron/io/hdf5Volume';
import { writeHdf5Volume } from '../../../electron/io/hdf5Writer';
import { openVolume } from '../../../electron/io/openVolume';
import type { Box3, Vec3 } from '../../../shared/volume/types';
import { runPython } from '../../helpers/python';
import { asList, crop, fill, hasPython, tempDir } from './ioTestKit';

const dir = tempDir('hdf5-volume');

const BIG_IDS = [2n ** 60n + 12345n, 2n ** 64n - 1n, 2n ** 53n + 1n, 0n, 7n];

describe('HDF5 volumes we write', () => {
  const shape: Vec3 = [10, 13, 17];
  const image = fill(new Uint8Array(10 * 13 * 17), 1, (r) => r & 255);
  const labels = fill(new BigUint64Array(10 * 13 * 17), 2, (r) => BIG_IDS[r % BIG_IDS.length]!);

  it('reads a uint8 image back exactly, with its resolution and chunk shape', async () => {
    const file = join(dir, 'image.h5');
    await writeHdf5Volume(file, 'raw', { shape, data: image }, { resolution: [30, 8, 8], chunks: [4, 8, 8] });
    const source = await openVolume(`${file}:raw`, 'image');
    expect(source.info).toMatchObject({
      dataset: 'raw',
      kind: 'image',
      shape,
      dtype: 'uint8',
      resolution: [30, 8, 8],
      chunkShape: [4, 8, 8],
    });
    expect(asList(await source.read({ start: [0, 0, 0], size: shape }))).toEqual(asList(image));
    source.close();
  });

  it('keeps uint64 ids above 2^53 unchanged, whole and in partial boxes', async () => {
    const file = join(dir, 'labels.h5');
    await writeHdf5Volume(
      file,
      'stack',
      { shape, data: labels },
      { resolution: [40, 4, 4], chunks: [4, 4, 4] },
    );
    const source = await openVolume(file, 'labels'); // no dataset: FFN's 'stack' is the default
    expect(source.info).toMatchObject({ dataset: 'stack', dtype: 'uint64', resolution: [40, 4, 4] });
    const whole = await source.read({ start: [0, 0, 0], size: shape });
    expect(whole).toBeInstanceOf(BigUint64Array);
    expect(asList(whole)).toEqual(asList(labels));
    expect(new Set(asList(whole))).toEqual(new Set(BIG_IDS));
    const boxes: Box3[] = [
      { start: [3, 5, 7], size: [4, 6, 9] },
      { start: [9, 12, 16], size: [1, 1, 1] },
      { start: [0, 0, 0], size: [1, 13, 17] },
      { start: [2, 0, 3], size: [5, 13, 1] },
    ];
    for (const box of boxes) expect(asList(await source.read(box))).toEqual(crop(labels, shape, box));
    source.close();
  });

  it('writes nested dataset paths and reads every integer dtype', async () => {
    const file = join(dir, 'dtypes.h5');
    const cases = [
      ['int8', Int8Array.from([-128, 127, -1, 0, 5, 6, 7, 8])],
      ['int16', Int16Array.from([-32768, 32767, -1, 0, 5, 6, 7, 8])],
      ['int32', Int32Array.from([-(2 ** 31), 2 ** 31 - 1, -1, 0, 5, 6, 7, 8])],
      ['int64', BigInt64Array.from([-(2n ** 63n), 2n ** 63n - 1n, -1n, 0n, 2n ** 60n, 6n, 7n, 8n])],
      ['uint16', Uint16Array.from([65535, 1, 2, 3, 4, 5, 6, 7])],
      ['uint32', Uint32Array.from([2 ** 32 - 1, 1, 2, 3, 4, 5, 6, 7])],
    ] as const;
    for (const [name, data] of cases) {
      await writeHdf5Volume(
        file,
        `volumes/${name}`,
        { shape: [2, 2, 2], data },
        { append: true, chunks: [1, 2, 2] },
      );
    }
    for (const [name, data] of cases) {
      const source = await openVolume(`${file}:/volumes/${name}`, 'labels');
      expect(source.info.dtype).toBe(name);
      expect(asList(await source.read({ start: [0, 0, 0], size: [2, 2, 2] }))).toEqual(asList(data));
      source.close();
    }
  });

  it('assembles big boxes from z slabs cut on chunk edges', async () => {
    const file = join(dir, 'slabs.h5');
    const shape: Vec3 = [40, 12, 16];
    const data = fill(new Uint16Array(40 * 12 * 16), 3, (r) => r & 0xffff);
    await writeHdf5Volume(file, 'raw', { shape, data }, { chunks: [4, 8, 8] });
    // 1000-byte slabs: 2 planes of 12x16 uint16 would not fit, so each slab is one chunk (4) deep.
    const source = await openHdf5(file, 'raw', 'image', { slabBytes: 1000 });
    for (const box of [
      { start: [0, 0, 0], size: shape },
      { start: [3, 2, 1], size: [35, 9, 14] },
    ] as Box3[]) {
      expect(asList(await source.read(box))).toEqual(crop(data, shape, box));
    }
    source.close();
  });

  it.skipIf(!hasPython)('is read back by h5py with the same values and resolution', async () => {
    const file = join(dir, 'for-h5py.h5');
    await writeHdf5Volume(
      file,
      'volumes/labels',
      { shape, data: labels },
      { resolution: [30, 8, 8], chunks: [4, 8, 8] },
    );
    const out = runPython(
      `import h5py, sys, json
f = h5py.File(sys.argv[1], 'r'); d = f['volumes/labels']
print(json.dumps({'dtype': str(d.dtype), 'shape': list(d.shape), 'chunks': list(d.chunks), 'compression': d.compression,
  'resolution': [float(v) for v in d.attrs['resolution']], 'values': [str(v) for v in d[()].ravel()]}))`,
      [file],
    );
    const seen = JSON.parse(out) as {
      dtype: string;
      shape: number[];
      chunks: number[];
      compression: string;
      resolution: number[];
      values: string[];
    };
    expect(seen).toMatchObject({
      dtype: 'uint64',
      shape: [...shape],
      chunks: [4, 8, 8],
      compression: 'gzip',
      resolution: [30, 8, 8],
    });
    expect(seen.values).toEqual(asList(labels).map(String));
  });
});

describe.skipIf(!hasPython)('HDF5 volumes written by h5py', () => {
  const file = join(dir, 'from-h5py.h5');
  beforeAll(() => {
    runPython(
      `import h5py, numpy as np, sys
rng = np.random.default_rng(5)
f = h5py.File(sys.argv[1], 'w')
ids = np.array([2**60 + 12345, 2**64 - 1, 2**53 + 1, 0, 3], dtype=np.uint64)
f.create_dataset('stack', data=ids[rng.integers(0, 5, size=(9, 11, 12))], chunks=(3, 4, 5), compression='gzip')
f.create_dataset('signed', data=rng.integers(-2**62, 2**62, size=(4, 5, 6), dtype=np.int64))
f.create_dataset('volumes/raw', data=rng.integers(0, 65535, size=(6, 7, 8), dtype=np.uint16))
f['volumes/raw'].attrs['resolution'] = np.array([40, 8, 8], dtype=np.int64)
f.attrs['resolution'] = [33.0, 4.0, 4.0]
f.create_dataset('bigendian', data=np.arange(24, dtype='>u2').reshape(2, 3, 4))
f.create_dataset('channel', data=np.arange(24, dtype=np.uint8).reshape(1, 2, 3, 4))
f.close()`,
      [file],
    );
  });
  const values = (dataset: string): string[] =>
    runPython(
      `import h5py, sys\nprint(' '.join(str(v) for v in h5py.File(sys.argv[1], 'r')[sys.argv[2]][()].ravel()))`,
      [file, dataset],
    )
      .trim()
      .split(' ');

  it('reads uint64 above 2^53, chunked and gzip-compressed, with the file-level resolution', async () => {
    const source = await openVolume(`${file}:stack`, 'labels');
    expect(source.info).toMatchObject({
      shape: [9, 11, 12],
      dtype: 'uint64',
      chunkShape: [3, 4, 5],
      resolution: [33, 4, 4],
    });
    const all = await source.read({ start: [0, 0, 0], size: [9, 11, 12] });
    expect(asList(all).map(String)).toEqual(values('stack'));
    const box: Box3 = { start: [2, 3, 4], size: [5, 6, 7] };
    expect(asList(await source.read(box))).toEqual(crop(all, [9, 11, 12], box));
    source.close();
  });

  it('reads int64 and uint16 (with a dataset resolution attribute), and big-endian data', async () => {
    const signed = await openVolume(`${file}:signed`, 'labels');
    expect(signed.info).toMatchObject({ dtype: 'int64', chunkShape: [4, 5, 6] }); // contiguous: 64^3 clamped
    expect(asList(await signed.read({ start: [0, 0, 0], size: [4, 5, 6] })).map(String)).toEqual(
      values('signed'),
    );
    signed.close();
    const raw = await openVolume(`${file}:volumes/raw`, 'image');
    expect(raw.info).toMatchObject({ dtype: 'uint16', resolution: [40, 8, 8] });
    expect(asList(await raw.read({ start: [0, 0, 0], size: [6, 7, 8] })).map(String)).toEqual(
      values('volumes/raw'),
    );
    raw.close();
    const be = await openVolume(`${file}:bigendian`, 'labels');
    expect(asList(await be.read({ start: [0, 0, 0], size: [2, 3, 4] }))).toEqual(
      Array.from({ length: 24 }, (_, i) => i),
    );
    be.close();
  });

  it('squeezes a leading singleton axis (1 x Z x Y x X)', async () => {
    const source = await openVolume(`${file}:channel`, 'image');
    expect(source.info.shape).toEqual([2, 3, 4]);
    expect(asList(await source.read({ start: [1, 0, 0], size: [1, 3, 4] }))).toEqual(
      Array.from({ length: 12 }, (_, i) => 12 + i),
    );
    source.close();
  });
});

describe('HDF5 large uint64 dataset', () => {
  it('reads a 64x256x256 uint64 dataset whole and one z slice of it', async () => {
    const shape: Vec3 = [64, 256, 256];
    const data = fill(
      new BigUint64Array(64 * 256 * 256),
      9,
      (r, i) => BigInt(r % 1000) + (i % 7 === 0 ? 2n ** 60n : 0n),
    );
    const file = join(dir, 'speed.h5');
    await writeHdf5Volume(file, 'stack', { shape, data }, { chunks: [64, 64, 64] });
    const source = await openVolume(file, 'labels');
    const whole = await source.read({ start: [0, 0, 0], size: shape });
    const slice = await source.read({ start: [32, 0, 0], size: [1, 256, 256] });
    expect(whole.length).toBe(data.length);
    expect(asList(slice)).toEqual(crop(data, shape, { start: [32, 0, 0], size: [1, 256, 256] }));
    source.close();
  });
});
