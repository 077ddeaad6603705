/**
 * `axon-proofreader metrics` as a user runs it, on small HDF5 volumes whose scores are worked out
 * by hand below, and on bad input (each message must name the culprit). Every CLI process pays
 * seconds of start-up (tsx, h5wasm's 4 MB module), so a few cases run as a real process and the
 * rest through the same entry point, `main(argv)`, in this process.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli/main';
import { writeHdf5Volume } from '../../../electron/io/hdf5Writer';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/axon-proofreader.mjs', 'metrics', ...args], {
      cwd: process.cwd(),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `main(['metrics', ...args])` here, with what it prints collected. */
async function inProcess(args: readonly string[]): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const log = vi
    .spyOn(console, 'log')
    .mockImplementation((...a: unknown[]) => void stdout.push(a.join(' ') + '\n'));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void stderr.push(a.join(' ') + '\n'));
  try {
    const code = await main(['metrics', ...args]);
    return { code, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

async function json(args: readonly string[], run = inProcess): Promise<Record<string, unknown>> {
  const result = await run([...args, '--json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

let dir = '';
const at = (name: string): string => join(dir, name);

/** One skeleton along x at height y (nm), node centres at x = 5, 15, 25, 35 nm, z = 5 nm. */
function swcRow(y: number): string {
  return [
    '# n type x y z radius parent',
    ...[0, 1, 2, 3].map((k) => `${k + 1} 2 ${5 + 10 * k} ${y} 5 1 ${k || -1}`),
  ].join('\n');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'metrics-cli-'));
  // 2x2x2 volume (z, y, x). GT z=0: 1 1 / 1 1, z=1: 2 2 / 0 0; seg z=0: 5 5 / 6 6, z=1: 6 6 / 6 9.
  await writeHdf5Volume(at('gt.h5'), 'stack', {
    shape: [2, 2, 2],
    data: new Uint32Array([1, 1, 1, 1, 2, 2, 0, 0]),
  });
  await writeHdf5Volume(at('seg.h5'), 'stack', {
    shape: [2, 2, 2],
    data: new Uint16Array([5, 5, 6, 6, 6, 6, 6, 9]),
  });
  // uint64 ids that collapse to one double: 2^60 + 1 and 2^60 + 2 must stay two GT segments.
  const a = 2n ** 60n + 1n;
  const b = 2n ** 60n + 2n;
  const c = 2n ** 62n + 3n;
  await writeHdf5Volume(at('gt64.h5'), 'stack', { shape: [1, 1, 4], data: new BigUint64Array([a, a, b, b]) });
  await writeHdf5Volume(at('seg64.h5'), 'stack', {
    shape: [1, 1, 4],
    data: new BigUint64Array([c, c, c, c]),
  });
  // For ERL: 1x2x4 voxels of 10 nm. GT rows 1 1 1 1 / 2 2 2 2; seg rows 7 7 8 8 / 8 9 9 9.
  const res = { resolution: [10, 10, 10] as const };
  await writeHdf5Volume(
    at('gt-erl.h5'),
    'stack',
    { shape: [1, 2, 4], data: new Uint8Array([1, 1, 1, 1, 2, 2, 2, 2]) },
    res,
  );
  await writeHdf5Volume(
    at('seg-erl.h5'),
    'stack',
    { shape: [1, 2, 4], data: new Uint8Array([7, 7, 8, 8, 8, 9, 9, 9]) },
    res,
  );
  mkdirSync(at('skeletons'));
  writeFileSync(at('skeletons/axon-1.swc'), swcRow(5));
  writeFileSync(at('skeletons/axon-2.swc'), swcRow(15));
  mkdirSync(at('empty'));
  writeFileSync(at('bad.swc'), '1 2 5 5 5 1 -1\n2 2 15 5 5 1 1\n3 2 25 five 5 1 2\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('metrics on hand-computed volumes', () => {
  it('scores VOI and Rand over the voxels with non-zero ground truth', async () => {
    const out = await json(['--seg', at('seg.h5:stack'), '--gt', at('gt.h5:stack')], cli);
    // Counted: the 6 voxels with GT != 0. n(1,5) = 2, n(1,6) = 2, n(2,6) = 2; t = 4, 2; s = 2, 4.
    // voi_split = H(seg|gt) = 2/6 log2(4/2) + 2/6 log2(4/2) + 2/6 log2(2/2) = 2/3; voi_merge likewise.
    expect(out.voi_split).toBeCloseTo(2 / 3, 12);
    expect(out.voi_merge).toBeCloseTo(2 / 3, 12);
    // sum n^2 = 12, sum t^2 = 16 + 4 = 20, sum s^2 = 4 + 16 = 20: both 0.6, ARE = 1 - 0.6.
    expect(out.rand_split).toBeCloseTo(0.6, 12);
    expect(out.rand_merge).toBeCloseTo(0.6, 12);
    expect(out.adapted_rand_error).toBeCloseTo(0.4, 12);
    expect(out.counted_voxels).toBe(6);
    expect(out.voxels).toBe(8);
    expect(out.shape).toEqual([2, 2, 2]);
    expect(out).not.toHaveProperty('erl');
  });

  it('keeps uint64 ids above 2^53 apart', async () => {
    const out = await json(['--seg', at('seg64.h5'), '--gt', at('gt64.h5')]);
    // Two GT segments of 2 voxels, both inside one test segment of 4: a pure merge.
    // voi_split = 0, voi_merge = H(gt|seg) = 1 bit; rand_split = 8/8, rand_merge = 8/16;
    // ARE = 1 - 2 * 1 * 0.5 / 1.5 = 1/3. Ids rounded to doubles would make it one GT segment (0 bits).
    expect(out.voi_split).toBe(0);
    expect(out.voi_merge).toBeCloseTo(1, 12);
    expect(out.rand_split).toBeCloseTo(1, 12);
    expect(out.rand_merge).toBeCloseTo(0.5, 12);
    expect(out.adapted_rand_error).toBeCloseTo(1 / 3, 12);
    expect(out.gt_segments).toBe(2);
    expect(out.largest_voi_merge).toEqual([{ id: String(2n ** 62n + 3n), voi: 1 }]);
  });

  it('scores ERL with the resolution recorded in the files', async () => {
    const out = await json([
      '--seg',
      at('seg-erl.h5'),
      '--gt',
      at('gt-erl.h5'),
      '--skeletons',
      at('skeletons'),
    ]);
    // Skeleton 1 (row 0) runs through 7 7 8 8, skeleton 2 (row 1) through 8 9 9 9; edges 10 nm.
    // Segment 8 holds nodes of both, so it merges: skeleton 1 keeps edge 7-7 (10 nm), loses 8-8;
    // skeleton 2 keeps 9-9-9 (20 nm). ERL = (10^2 + 20^2) / 60, GT ERL = (30^2 + 30^2) / 60 = 30.
    expect(out.resolution).toEqual([10, 10, 10]);
    expect(out.resolution_source).toBe('groundtruth');
    expect(out.erl).toBeCloseTo(500 / 60, 10);
    expect(out.gt_erl).toBeCloseTo(30, 10);
    expect(out.nerl).toBeCloseTo(500 / 1800, 10);
    expect(out.skeletons).toBe(2);
    expect(out.merging_segments).toEqual(['8']);
    expect(out.erl_edges).toEqual({ correct: 3, split: 2, merged: 1, omitted: 0 });
  });

  it('ignores one stray node with --merge-threshold 2 (AxonEM)', async () => {
    const args = ['--seg', at('seg-erl.h5'), '--gt', at('gt-erl.h5'), '--skeletons', at('skeletons')];
    const out = await json([...args, '--merge-threshold', '2']);
    // Skeleton 2 has 1 node in segment 8 (< 2), so 8 is not merging: 10^2 + 10^2 + 20^2 = 600.
    expect(out.erl).toBeCloseTo(600 / 60, 10);
    expect(out.nerl).toBeCloseTo(1 / 3, 10);
    expect(out.merge_threshold).toBe(2);
  });

  it('lets --resolution override the files and reads a single .swc', async () => {
    const out = await json([
      ...['--seg', at('seg-erl.h5'), '--gt', at('gt-erl.h5'), '--skeletons', at('skeletons/axon-2.swc')],
      ...['--resolution', '10,20,10'],
    ]);
    // With 20 nm in y the skeleton at y = 15 nm falls in row 0: segments 7 7 8 8, two 10 nm runs.
    expect(out.resolution_source).toBe('option');
    expect(out.erl).toBeCloseTo(200 / 30, 10);
    expect(out.nerl).toBeCloseTo(200 / 900, 10);
  });

  it('prints a table without --json', async () => {
    const run = await cli(['--seg', at('seg.h5'), '--gt', at('gt.h5')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    for (const name of ['voi_split', 'voi_merge', 'rand_split', 'rand_merge', 'adapted_rand_error']) {
      expect(run.stdout).toMatch(new RegExp(`^\\s+${name}\\s+\\d\\.\\d+`, 'm'));
    }
    expect(run.stdout).toMatch(/adapted_rand_error\s+0\.400000/);
  });
});

describe('metrics on bad input', () => {
  it.each([
    [
      'mismatched shapes',
      () => ['--seg', at('seg.h5'), '--gt', at('gt64.h5')],
      () => [at('seg.h5'), at('gt64.h5'), '2x2x2', '1x1x4'],
    ],
    [
      'a missing file',
      () => ['--seg', at('nope.h5'), '--gt', at('gt.h5')],
      () => [at('nope.h5'), 'no such file'],
    ],
    [
      'a bad dataset',
      () => ['--seg', at('seg.h5'), '--gt', at('gt.h5:labels')],
      () => [at('gt.h5'), "no dataset 'labels'"],
    ],
    [
      'bad SWC',
      () => ['--seg', at('seg.h5'), '--gt', at('gt.h5'), '--skeletons', at('bad.swc')],
      () => [at('bad.swc'), 'line 3'],
    ],
    [
      'an empty skeleton folder',
      () => ['--seg', at('seg.h5'), '--gt', at('gt.h5'), '--skeletons', at('empty')],
      () => [at('empty'), '.swc'],
    ],
  ])('exits 1 naming the file on %s', async (_, args, words) => {
    const run = await inProcess(args());
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    for (const w of words()) expect(run.stderr).toContain(w);
  });

  it.each([
    [['--resolution', '30,8'], '--resolution'],
    [['--resolution', '30,0,8'], '--resolution'],
    [['--merge-threshold', '-1', '--skeletons', 'x'], '--merge-threshold'],
    [['--colour'], "'--colour'"],
  ])('exits 2 with usage on bad flags %j', async (extra, word) => {
    const run = await inProcess(['--seg', at('seg.h5'), '--gt', at('gt.h5'), ...extra]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(word);
    expect(run.stderr).toContain('Usage: npx axon-proofreader metrics');
  });

  it('exits 2 without --gt', async () => {
    const run = await inProcess(['--seg', at('seg.h5')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--gt');
  });

  it('exits non-zero as a process, naming the missing file or the bad flag', async () => {
    const [missing, badFlag] = await Promise.all([
      cli(['--seg', at('nope.h5'), '--gt', at('gt.h5'), '--json']),
      cli(['--seg', at('seg.h5'), '--gt', at('gt.h5'), '--resolution', '30,8']),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain(`${at('nope.h5')}: no such file`);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('--resolution must be three numbers');
  });
});
