import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openVolume } from '../../../electron/io/openVolume';
import { writeTiffStack } from '../../../electron/io/tiffWriter';
import type { Box3, Vec3 } from '../../../shared/volume/types';
import { runPython } from '../../helpers/python';
import { asList, crop, fill, hasPython, tempDir } from './ioTestKit';

const dir = tempDir('tiff-volume');
const shape: Vec3 = [6, 7, 9];
const u8 = fill(new Uint8Array(6 * 7 * 9), 11, (r) => r & 255);
const u16 = fill(new Uint16Array(6 * 7 * 9), 12, (r) => r & 0xffff);
const boxes: Box3[] = [
  { start: [0, 0, 0], size: shape },
  { start: [2, 0, 0], size: [3, 7, 9] }, // a z range: only those pages
  { start: [1, 2, 3], size: [4, 4, 5] },
  { start: [5, 6, 8], size: [1, 1, 1] },
];

describe.each([
  ['uint8', u8],
  ['uint16', u16],
] as const)('TIFF stacks of %s', (dtype, data) => {
  it.each([false, true])('round-trips (folder of files: %s), whole and in boxes', async (folder) => {
    const path = join(dir, `${dtype}-${folder ? 'dir' : 'file.tif'}`);
    writeTiffStack(path, { shape, data }, { folder });
    const source = await openVolume(path, 'image');
    expect(source.info).toMatchObject({ dataset: '', shape, dtype, resolution: [1, 1, 1] });
    for (const box of boxes) expect(asList(await source.read(box))).toEqual(crop(data, shape, box));
    source.close();
  });
});

describe('TIFF folders', () => {
  it('sorts slice files naturally (z2 before z10) and reads uint32 labels', async () => {
    const folder = join(dir, 'natural');
    const labels = Uint32Array.from({ length: 12 * 2 * 3 }, (_, i) => 4_000_000_000 + i);
    writeTiffStack(folder, { shape: [12, 2, 3], data: labels }, { folder: true });
    // Rename to unpadded numbers so plain string order would put 10 and 11 before 2.
    const { renameSync, readdirSync } = await import('node:fs');
    for (const name of readdirSync(folder))
      renameSync(join(folder, name), join(folder, `slice${Number(name.slice(1, -4))}.tif`));
    const source = await openVolume(folder, 'labels');
    expect(source.info.dtype).toBe('uint32');
    expect(asList(await source.read({ start: [0, 0, 0], size: [12, 2, 3] }))).toEqual(asList(labels));
  });
});

describe.skipIf(!hasPython)('TIFF stacks written by tifffile', () => {
  const tifffile = (options: string): string =>
    `tifffile.imwrite(path, a, photometric='minisblack', ${options})`;
  const pillow = (compression: string): string =>
    `ims = [Image.fromarray(p) for p in a]; ims[0].save(path, save_all=True, append_images=ims[1:], compression='${compression}')`;
  it.each([
    [
      'uncompressed big-endian uint16, 3 rows per strip (tifffile)',
      tifffile("byteorder='>', rowsperstrip=3"),
      'uint16',
    ],
    ['deflate uint16, 2 rows per strip (tifffile)', tifffile("compression='zlib', rowsperstrip=2"), 'uint16'],
    ['float32 big-endian (tifffile)', tifffile("byteorder='>'"), 'float32'],
    ['tiled uint16 (tifffile)', tifffile('tile=(16, 16)'), 'uint16'],
    ['LZW uint8 (Pillow)', pillow('tiff_lzw'), 'uint8'],
    ['PackBits uint8 (Pillow)', pillow('packbits'), 'uint8'],
  ])('reads %s', async (name, write, dtype) => {
    const file = join(dir, `foreign-${name.replace(/\W+/g, '_')}.tif`);
    const values = runPython(
      `import numpy as np, tifffile, sys
from PIL import Image
path = sys.argv[1]
rng = np.random.default_rng(1)
a = (rng.random((5, 21, 19)) * 60000).astype(sys.argv[2])
${write}
print(' '.join(repr(float(v)) for v in a.ravel()))`,
      [file, dtype],
    )
      .trim()
      .split(' ')
      .map(Number);
    const source = await openVolume(file, 'image');
    expect(source.info).toMatchObject({ shape: [5, 21, 19], dtype });
    const all = await source.read({ start: [0, 0, 0], size: [5, 21, 19] });
    expect(asList(all)).toEqual(values.map((v) => (dtype === 'float32' ? Math.fround(v) : v)));
    const box: Box3 = { start: [1, 5, 3], size: [3, 9, 11] };
    expect(asList(await source.read(box))).toEqual(crop(all, [5, 21, 19], box));
    source.close();
  });

  it('writes stacks that tifffile reads as the same array', () => {
    const file = join(dir, 'for-tifffile.tif');
    writeTiffStack(file, { shape, data: u16 });
    const out = runPython(
      `import tifffile, sys\na = tifffile.imread(sys.argv[1])\nprint(a.dtype, a.shape)\nprint(' '.join(str(v) for v in a.ravel()))`,
      [file],
    ).split('\n');
    expect(out[0]).toBe('uint16 (6, 7, 9)');
    expect(out[1]!.split(' ').map(Number)).toEqual(asList(u16));
  });
});
