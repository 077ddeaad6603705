/**
 * `export --format segmentation` on a small uint8 segmentation: the corrected labels come out
 * exactly (checked with h5py), in the source's dtype while every id fits it and widened when an
 * edit allocates an id above 255; the source file is never changed.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli/main';
import { writeHdf5Volume } from '../../../electron/io/hdf5Writer';
import type { Vec3 } from '../../../shared/volume/types';
import { runPython } from '../../helpers/python';

const dir = mkdtempSync(join(tmpdir(), 'axon-export-'));
const project = join(dir, 'small.axonproj');
const shape: Vec3 = [6, 10, 12];
const segPath = join(dir, 'seg.h5');

/** Segment 7 in two blocks (x < 4 and x >= 8) and 255 between them, on background 0 at z = 0. */
function labelAt(z: number, _y: number, x: number): number {
  if (z === 0) return 0;
  return x < 4 || x >= 8 ? 7 : 255;
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    return { code: await main(argv), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const READ = `
import h5py, json, sys
d = h5py.File(sys.argv[1], 'r')['stack']
print(json.dumps({'dtype': str(d.dtype), 'shape': list(d.shape), 'resolution': [float(v) for v in d.attrs['resolution']],
  'labels': d[...].ravel().tolist()}))
`;

function read(path: string): { dtype: string; shape: number[]; resolution: number[]; labels: number[] } {
  return JSON.parse(runPython(READ, [path])) as ReturnType<typeof read>;
}

beforeAll(async () => {
  const n = shape[0] * shape[1] * shape[2];
  const labels = new Uint8Array(n);
  const image = new Uint8Array(n).fill(180);
  for (let z = 0, i = 0; z < shape[0]; z++)
    for (let y = 0; y < shape[1]; y++) for (let x = 0; x < shape[2]; x++, i++) labels[i] = labelAt(z, y, x);
  const options = { resolution: [40, 4, 4] as Vec3, chunks: [2, 4, 4] as Vec3 };
  await writeHdf5Volume(join(dir, 'image.h5'), 'raw', { shape, data: image }, options);
  await writeHdf5Volume(segPath, 'stack', { shape, data: labels }, options);
  const created = await run(
    'new',
    project,
    '--image',
    `${dir}/image.h5:raw`,
    '--segmentation',
    `${segPath}:stack`,
  );
  expect(created.code).toBe(0);
});

describe('export --format segmentation', () => {
  it('writes the corrected labels, widening the dtype only when a new id needs it', async () => {
    const source = readFileSync(segPath);
    const out = join(dir, 'out.h5');
    expect((await run('export', project, '--format', 'segmentation', '--out', out)).code).toBe(0);
    const plain = read(out);
    expect(plain).toMatchObject({ dtype: 'uint8', shape: [...shape], resolution: [40, 4, 4] });
    expect(plain.labels.filter((v) => v === 7)).toHaveLength(5 * 10 * 8);

    const split = await run('edit', project, 'split-components', '7');
    expect(split.err).toBe('');
    expect(split.out).toMatch(/new segment 256/);
    expect((await run('export', project, '--format', 'segmentation', '--out', out, '--force')).code).toBe(0);
    const widened = read(out);
    expect(widened.dtype).toBe('uint16');
    const expected: number[] = [];
    for (let z = 0; z < shape[0]; z++)
      for (let y = 0; y < shape[1]; y++)
        for (let x = 0; x < shape[2]; x++) {
          const v = labelAt(z, y, x);
          // The larger piece keeps 7 (equal pieces: the first found, x < 4), the other gets 256.
          expected.push(v === 7 && x >= 8 ? 256 : v);
        }
    expect(widened.labels).toEqual(expected);

    expect((await run('edit', project, 'undo')).code).toBe(0);
    expect((await run('export', project, '--format', 'segmentation', '--out', out, '--force')).code).toBe(0);
    expect(read(out)).toEqual(plain);
    expect(readFileSync(segPath).equals(source)).toBe(true);
  });
});
