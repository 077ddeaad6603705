import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeHdf5Volume } from '../../../electron/io/hdf5Writer';
import { writeNpz } from '../../../electron/io/npzVolume';
import { openVolume, VolumeFileError } from '../../../electron/io/openVolume';
import { writeTiffStack } from '../../../electron/io/tiffWriter';
import { writeZarrVolume } from '../../../electron/io/zarrWriter';
import { encodeNpy } from '../../../shared/formats/npy';
import type { VolumeKind } from '../../../shared/volume/types';
import { runPython } from '../../helpers/python';
import { asList, hasPython, tempDir } from './ioTestKit';

const dir = tempDir('bad-input');

/** Opening `spec` must fail with a VolumeFileError naming `file` and matching `problem`. */
async function expectOpenError(
  spec: string,
  kind: VolumeKind,
  file: string,
  problem: RegExp,
): Promise<VolumeFileError> {
  const error = await openVolume(spec, kind).then(
    (source) => {
      source.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VolumeFileError);
  const failure = error as VolumeFileError;
  expect(failure.file).toBe(file);
  expect(failure.message).toContain(file);
  expect(failure.problem).toMatch(problem);
  return failure;
}

const openFds = (): number => readdirSync('/proc/self/fd').length;
const cube = (n: number): [number, number, number] => [n, n, n];

describe('bad HDF5 input', () => {
  const good = join(dir, 'good.h5');
  const data = Uint8Array.from({ length: 4 * 16 * 16 }, (_, i) => i & 255);

  it('names a missing file', async () => {
    const missing = join(dir, 'nowhere', 'missing.h5');
    await expectOpenError(`${missing}:raw`, 'image', missing, /no such file/);
  });

  it('says a truncated file is truncated, without printing HDF5 traces or leaking the file', async () => {
    await writeHdf5Volume(good, 'raw', { shape: [4, 16, 16], data }, { chunks: [2, 8, 8] });
    const cut = join(dir, 'truncated.h5');
    const bytes = readFileSync(good);
    writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
    const before = openFds();
    await expectOpenError(`${cut}:raw`, 'image', cut, /truncated/i);
    expect(openFds()).toBe(before);
  });

  it('lists the datasets that exist when the named one does not, and closes the file', async () => {
    await writeHdf5Volume(
      good,
      'volumes/raw',
      { shape: [4, 16, 16], data },
      { chunks: [2, 8, 8], append: true },
    );
    const before = openFds();
    const error = await expectOpenError(
      `${good}:volumes/labels`,
      'labels',
      good,
      /no dataset 'volumes\/labels'/,
    );
    expect(error.problem).toContain('raw (4x16x16)');
    expect(error.problem).toContain('volumes/raw (4x16x16)');
    expect(openFds()).toBe(before);
  });

  it('refuses boxes outside the shape, fractional boxes and reads after close', async () => {
    const source = await openVolume(`${good}:raw`, 'image');
    await expect(source.read({ start: [0, 10, 0], size: [1, 10, 1] })).rejects.toThrow(
      /good\.h5: box .* lies outside the volume of shape 4x16x16/,
    );
    await expect(source.read({ start: [-1, 0, 0], size: [1, 1, 1] })).rejects.toThrow(/lies outside/);
    await expect(source.read({ start: [0.5, 0, 0], size: [1, 1, 1] })).rejects.toThrow(/whole voxels/);
    source.close();
    await expect(source.read({ start: [0, 0, 0], size: [1, 1, 1] })).rejects.toThrow(
      /read after the file was closed/,
    );
  });

  it.skipIf(!hasPython)(
    'refuses 1-D, 2-D, non-squeezable 4-D, absurd reads and unsupported dtypes',
    async () => {
      const file = join(dir, 'odd.h5');
      runPython(
        `import h5py, numpy as np, sys
f = h5py.File(sys.argv[1], 'w')
f['line'] = np.arange(10, dtype=np.uint8)
f['plane'] = np.zeros((4, 5), dtype=np.uint8)
f['fourd'] = np.zeros((2, 3, 4, 5), dtype=np.uint8)
f.create_dataset('absurd', shape=(10000, 10000, 10000), dtype='u1')  # 10^12 voxels, contiguous, never written
f['f64'] = np.zeros((2, 2, 2))
f['f32'] = np.zeros((2, 2, 2), dtype=np.float32)
f['u32'] = np.zeros((2, 2, 2), dtype=np.uint32)
f['text'] = np.array([b'abc'] * 8).reshape(2, 2, 2)
f.close()`,
        [file],
      );
      await expectOpenError(
        `${file}:line`,
        'image',
        file,
        /dataset 'line' is 1-D .*3-D z,y,x volume is needed/,
      );
      await expectOpenError(`${file}:plane`, 'image', file, /dataset 'plane' is 2-D with shape \(4, 5\)/);
      await expectOpenError(`${file}:fourd`, 'image', file, /is 4-D with shape \(2, 3, 4, 5\)/);
      await expectOpenError(
        `${file}:f64`,
        'image',
        file,
        /unsupported data type float64; image volumes must be uint8, uint16 or float32/,
      );
      await expectOpenError(`${file}:f32`, 'labels', file, /float32, but labels must be integers/);
      await expectOpenError(`${file}:u32`, 'image', file, /unsupported image data type uint32/);
      await expectOpenError(`${file}:text`, 'labels', file, /non-numeric/);
      const absurd = await openVolume(`${file}:absurd`, 'image');
      expect(absurd.info.shape).toEqual(cube(10000));
      expect(absurd.info.chunkShape).toEqual(cube(64));
      await expect(absurd.read({ start: [0, 0, 0], size: cube(10000) })).rejects.toThrow(
        /too large to read at once/,
      );
      expect(asList(await absurd.read({ start: [9990, 9990, 9990], size: cube(2) }))).toEqual(
        new Array<number>(8).fill(0),
      );
      absurd.close();
    },
  );

  it.skipIf(!hasPython)('turns a corrupt compressed chunk into a read error naming the file', async () => {
    const file = join(dir, 'corrupt-chunk.h5');
    const offset = Number(
      runPython(
        `import h5py, numpy as np, sys
f = h5py.File(sys.argv[1], 'w')
d = f.create_dataset('stack', data=np.arange(4096, dtype=np.uint64).reshape(16, 16, 16), chunks=(8, 8, 8), compression='gzip')
print(d.id.get_chunk_info(0).byte_offset); f.close()`,
        [file],
      ),
    );
    const bytes = readFileSync(file);
    bytes.fill(0xab, offset, offset + 64);
    writeFileSync(file, bytes);
    const source = await openVolume(`${file}:stack`, 'labels');
    await expect(source.read({ start: [0, 0, 0], size: cube(8) })).rejects.toThrow(
      /corrupt-chunk\.h5: dataset 'stack': cannot read voxels/,
    );
    expect((await source.read({ start: [8, 8, 8], size: cube(8) }))[0]).toBe(8n * 256n + 8n * 16n + 8n);
    source.close();
  });
});

describe('bad npz input', () => {
  it('says a file that is not a zip is not readable', async () => {
    const file = join(dir, 'junk.npz');
    writeFileSync(file, 'PK\x03\x04 this is not really a zip archive at all');
    await expectOpenError(file, 'labels', file, /not a readable \.npz archive/);
  });

  it('says a truncated archive is not readable', async () => {
    const file = join(dir, 'cut.npz');
    await writeNpz(file, { segmentation: { shape: [4, 4, 4], data: new Uint32Array(64).fill(7) } });
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 30));
    await expectOpenError(file, 'labels', file, /not a readable \.npz archive/);
  });

  it('lists the arrays when the named one is missing', async () => {
    const file = join(dir, 'other.npz');
    await writeNpz(file, {
      origins: { shape: [1, 1, 3], data: new BigInt64Array(3) },
      counters: { shape: [1, 1, 1], data: new BigInt64Array(1) },
    });
    await expectOpenError(
      file,
      'labels',
      file,
      /no array named and no 'segmentation'; arrays in the archive: origins, counters/,
    );
    await expectOpenError(
      `${file}:segmentation`,
      'labels',
      file,
      /no array 'segmentation'; arrays in the archive: origins, counters/,
    );
  });

  it('refuses a member whose header claims 10^12 voxels it does not hold, and a garbage member', async () => {
    const file = join(dir, 'liar.npz');
    const npy = encodeNpy({ dtype: 'uint8', shape: [2, 2, 2], data: new Uint8Array(8) });
    const header = new TextDecoder().decode(npy.subarray(10, 10 + npy[8]!));
    const lying = header
      .replace("'shape': (2, 2, 2), }", "'shape': (10000, 10000, 10000), }")
      .replace(/ {12}\n$/, '\n');
    expect(lying.length).toBe(header.length);
    npy.set(new TextEncoder().encode(lying), 10);
    const { zipSync } = await import('fflate');
    writeFileSync(file, zipSync({ 'segmentation.npy': npy }));
    await expectOpenError(
      file,
      'labels',
      file,
      /header shape \(10000, 10000, 10000\) needs 1000000000000 bytes/,
    );
    const garbage = join(dir, 'garbage-member.npz');
    writeFileSync(garbage, zipSync({ 'segmentation.npy': new TextEncoder().encode('not numpy') }));
    await expectOpenError(garbage, 'labels', garbage, /segmentation\.npy: not a \.npy array/);
  });
});

describe('bad zarr, TIFF and unknown input', () => {
  it('lists the arrays of a zarr store when the named one is missing, and reports broken metadata', async () => {
    const store = join(dir, 'store.zarr');
    await writeZarrVolume(
      store,
      'volumes/raw',
      { shape: [2, 2, 2], data: new Uint8Array(8) },
      { version: 2 },
    );
    await expectOpenError(
      `${store}:volumes/labels`,
      'labels',
      store,
      /no array 'volumes\/labels'; arrays in the store: volumes\/raw/,
    );
    writeFileSync(join(store, 'volumes/raw/.zarray'), '{ not json');
    await expectOpenError(
      `${store}:volumes/raw`,
      'image',
      store,
      /cannot read zarr metadata: volumes\/raw\/\.zarray is not valid JSON/,
    );
  });

  it('reports a corrupt zarr chunk when it is read', async () => {
    const store = join(dir, 'chunks.zarr');
    await writeZarrVolume(
      store,
      '',
      { shape: [4, 4, 4], data: new Uint16Array(64) },
      { version: 3, chunks: [2, 4, 4] },
    );
    writeFileSync(join(store, 'c/0/0/0'), 'garbage');
    const source = await openVolume(store, 'image');
    await expect(source.read({ start: [0, 0, 0], size: [4, 4, 4] })).rejects.toThrow(
      /chunks\.zarr: the array: cannot read voxels/,
    );
  });

  it('says where a truncated TIFF stack ends, and refuses colour pages and datasets', async () => {
    const file = join(dir, 'stack.tif');
    writeTiffStack(file, { shape: [6, 16, 16], data: new Uint8Array(6 * 256) });
    const bytes = readFileSync(file);
    const cut = join(dir, 'cut.tif');
    writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
    await expectOpenError(cut, 'image', cut, /beyond the end of the file .*truncated/);
    await expectOpenError(`${file}:raw`, 'image', file, /a TIFF stack has no datasets, but 'raw' was given/);
    if (hasPython) {
      const rgb = join(dir, 'rgb.tif');
      runPython(
        `import numpy as np, tifffile, sys\ntifffile.imwrite(sys.argv[1], np.zeros((4, 4, 3), np.uint8), photometric='rgb')`,
        [rgb],
      );
      await expectOpenError(rgb, 'image', rgb, /3 samples per pixel/);
    }
  });

  it('refuses empty files, unknown formats and folders holding no volume', async () => {
    const empty = join(dir, 'empty.h5');
    writeFileSync(empty, '');
    await expectOpenError(empty, 'image', empty, /file is empty/);
    const text = join(dir, 'notes.dat');
    writeFileSync(text, 'hello, not a volume');
    await expectOpenError(text, 'image', text, /unrecognised file format/);
    const notHdf5 = join(dir, 'fake.h5');
    writeFileSync(notHdf5, 'this is not HDF5 at all, just text');
    await expectOpenError(`${notHdf5}:raw`, 'image', notHdf5, /cannot open as HDF5/);
    const folder = join(dir, 'plain-folder');
    mkdirSync(folder);
    await expectOpenError(folder, 'image', folder, /neither a zarr store .* nor a folder of TIFF files/);
  });
});
