import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNpz } from '../../../electron/io/npzVolume';
import { openVolume } from '../../../electron/io/openVolume';
import type { Box3, Vec3 } from '../../../shared/volume/types';
import { runPython } from '../../helpers/python';
import { asList, crop, fill, hasPython, tempDir } from './ioTestKit';

const dir = tempDir('npz-volume');

const numpyValues = (file: string, name: string): string[] =>
  runPython(
    `import numpy as np, sys\nprint(' '.join(str(v) for v in np.load(sys.argv[1])[sys.argv[2]].ravel()))`,
    [file, name],
  )
    .trim()
    .split(' ');

describe.skipIf(!hasPython)('FFN inference npz written by numpy', () => {
  it('reads a uint64 segmentation above 2^53 from np.savez_compressed, whole and in boxes', async () => {
    const file = join(dir, 'seg-0_0_0.npz');
    runPython(
      `import numpy as np, sys
rng = np.random.default_rng(3)
ids = np.array([2**60 + 12345, 2**64 - 1, 2**53 + 1, 0, 9], dtype=np.uint64)
np.savez_compressed(sys.argv[1], segmentation=ids[rng.integers(0, 5, size=(7, 9, 10))],
  origins=np.zeros((3, 3), dtype=np.int64), request=np.array([b'{}']), counters=np.zeros(4))`,
      [file],
    );
    const source = await openVolume(file, 'labels');
    expect(source.info).toMatchObject({
      dataset: 'segmentation',
      shape: [7, 9, 10],
      dtype: 'uint64',
      resolution: [1, 1, 1],
    });
    const all = await source.read({ start: [0, 0, 0], size: [7, 9, 10] });
    expect(asList(all).map(String)).toEqual(numpyValues(file, 'segmentation'));
    const box: Box3 = { start: [1, 2, 3], size: [4, 5, 6] };
    expect(asList(await source.read(box))).toEqual(crop(all, [7, 9, 10], box));
    source.close();
  });

  it('reads the smallest-dtype segmentations FFN writes (uint8) from np.savez', async () => {
    const file = join(dir, 'seg-small.npz');
    runPython(
      `import numpy as np, sys\nnp.savez(sys.argv[1], segmentation=np.arange(60, dtype=np.uint8).reshape(3, 4, 5))`,
      [file],
    );
    const source = await openVolume(`${file}:segmentation`, 'labels');
    expect(source.info.dtype).toBe('uint8');
    expect(asList(await source.read({ start: [0, 0, 0], size: [3, 4, 5] }))).toEqual(
      Array.from({ length: 60 }, (_, i) => i),
    );
    source.close();
  });

  it('writes npz that numpy reads (compressed and stored)', async () => {
    const shape: Vec3 = [4, 5, 6];
    const data = fill(new BigUint64Array(120), 4, (r) => 2n ** 63n + BigInt(r));
    for (const compress of [true, false]) {
      const file = join(dir, `ours-${compress}.npz`);
      await writeNpz(file, { segmentation: { shape, data } }, { compress });
      expect(
        runPython(
          `import numpy as np, sys\na = np.load(sys.argv[1])['segmentation']\nprint(a.dtype, a.shape)`,
          [file],
        ).trim(),
      ).toBe('uint64 (4, 5, 6)');
      expect(numpyValues(file, 'segmentation')).toEqual(asList(data).map(String));
    }
  });
});

describe('npz round trip', () => {
  it('reads back what writeNpz wrote, picking the only array when there is no segmentation', async () => {
    const file = join(dir, 'image.npz');
    const data = fill(new Float32Array(2 * 3 * 4), 8, (r) => r / 2 ** 32);
    await writeNpz(file, { em: { shape: [2, 3, 4], data } });
    const source = await openVolume(file, 'image');
    expect(source.info).toMatchObject({ dataset: 'em', dtype: 'float32', shape: [2, 3, 4] });
    expect(asList(await source.read({ start: [0, 0, 0], size: [2, 3, 4] }))).toEqual(asList(data));
    source.close();
  });
});
