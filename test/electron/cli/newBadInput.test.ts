/**
 * `axon-proofreader demo` and `axon-proofreader new` as a user runs them (a real process through
 * bin/axon-proofreader.mjs): the demo files are written, a project is created from them, and each
 * kind of bad input exits non-zero with one line naming the file and the problem, no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeHdf5Volume } from '../../../electron/io/hdf5Writer';
import { runPython } from '../../helpers/python';

const dir = mkdtempSync(join(tmpdir(), 'axon-new-cli-'));
const demo = join(dir, 'demo');

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['bin/axon-proofreader.mjs', ...args], {
    cwd: process.cwd(),
    encoding: 'utf8',
    env: { ...process.env, AXON_PROOFREADER_HOME: join(dir, 'home') },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function expectFailure(run: ReturnType<typeof cli>, file: string, problem: RegExp): void {
  expect(run.code).not.toBe(0);
  expect(run.stderr).toContain(file);
  expect(run.stderr).toMatch(problem);
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('demo and new on the command line', () => {
  it('writes the demo files and creates a project from them', () => {
    const written = cli('demo', '--out', demo);
    expect(written.code).toBe(0);
    for (const name of ['image.h5', 'segmentation.h5', 'groundtruth.h5', 'errors.json']) {
      expect(existsSync(join(demo, name))).toBe(true);
    }
    expect(readdirSync(join(demo, 'skeletons')).filter((f) => f.endsWith('.swc')).length).toBeGreaterThan(10);
    const manifest = JSON.parse(readFileSync(join(demo, 'errors.json'), 'utf8')) as {
      errors: { kind: string }[];
    };
    const kinds = new Set(manifest.errors.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['fragment', 'merge', 'split']);

    const project = join(dir, 'demo.axonproj');
    const created = cli(
      'new',
      project,
      '--image',
      `${demo}/image.h5:raw`,
      '--segmentation',
      `${demo}/segmentation.h5:stack`,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/64x256x256 voxels.*30x8x8 nm/);
    expect(readFileSync(project).subarray(0, 15).toString()).toBe('SQLite format 3');
  }, 60_000);

  const newProject = (image: string, segmentation: string) =>
    cli('new', join(dir, `p-${Math.random()}.axonproj`), '--image', image, '--segmentation', segmentation);

  it('rejects a missing file', () => {
    const missing = join(dir, 'missing.h5');
    expectFailure(newProject(`${missing}:raw`, `${demo}/segmentation.h5:stack`), missing, /no such file/);
  });

  it('rejects a truncated HDF5 file', () => {
    const cut = join(dir, 'truncated.h5');
    const bytes = readFileSync(join(demo, 'segmentation.h5'));
    writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
    expectFailure(newProject(`${demo}/image.h5:raw`, `${cut}:stack`), cut, /truncated/i);
  });

  it('rejects a dataset that does not exist, listing those that do', () => {
    expectFailure(
      newProject(`${demo}/image.h5:nothere`, `${demo}/segmentation.h5:stack`),
      `${demo}/image.h5`,
      /nothere.*raw/s,
    );
  });

  it('rejects image and segmentation of different shapes', async () => {
    const small = join(dir, 'small.h5');
    await writeHdf5Volume(small, 'stack', { shape: [4, 5, 6], data: new BigUint64Array(120) });
    expectFailure(newProject(`${demo}/image.h5:raw`, `${small}:stack`), small, /4x5x6.*64x256x256/);
  });

  it('rejects a 1-D dataset', () => {
    const flat = join(dir, 'flat.h5');
    runPython(
      `import h5py, numpy as np, sys\nh5py.File(sys.argv[1], 'w').create_dataset('stack', data=np.arange(10, dtype=np.uint64))`,
      [flat],
    );
    expectFailure(newProject(`${demo}/image.h5:raw`, `${flat}:stack`), flat, /1-D/);
  });

  it('rejects an absurd shape', () => {
    const huge = join(dir, 'huge.h5');
    runPython(
      `import h5py, numpy as np, sys\nf = h5py.File(sys.argv[1], 'w')\nf.create_dataset('raw', shape=(100000, 100000, 100000), dtype=np.uint8, chunks=(1, 64, 64))\nf.create_dataset('stack', shape=(100000, 100000, 100000), dtype=np.uint64, chunks=(1, 64, 64))`,
      [huge],
    );
    expectFailure(newProject(`${huge}:raw`, `${huge}:stack`), huge, /absurd/);
  });

  it('explains its usage when arguments are missing', () => {
    const run = cli('new', join(dir, 'x.axonproj'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--image and --segmentation are required/);
  });
});
