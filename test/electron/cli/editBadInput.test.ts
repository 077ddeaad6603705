/**
 * Bad input to `edit` and `export`: each is refused with one line naming the project file (or
 * the id, seed or output file) and the problem, a non-zero exit, and nothing already saved lost.
 * Most cases run through the CLI's entry point `main(argv)` in this process; two run as real
 * processes to check that no stack trace reaches the user.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli/main';
import { migrations } from '../../../electron/services/projectMigrations';
import { demoSetup, type DemoSetup } from '../services/editTestKit';

let setup: DemoSetup;
let project: string;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await main(argv);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

function expectRefused(result: Run, names: string, problem: RegExp): void {
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain(names);
  expect(result.stderr).toMatch(problem);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

/** The project's log as seq/status pairs and its integrity check. */
function saved(): { edits: unknown[]; integrity: unknown } {
  const db = new Database(project, { readonly: true });
  try {
    return {
      edits: db.prepare('SELECT seq, kind, status FROM edits ORDER BY seq').all(),
      integrity: db.pragma('integrity_check', { simple: true }),
    };
  } finally {
    db.close();
  }
}

const errorsOf = (kind: string) => setup.manifest.errors.filter((e) => e.kind === kind);

beforeAll(async () => {
  setup = await demoSetup('axon-edit-bad-');
  project = join(setup.dir, 'bad.axonproj');
  const { image, segmentation } = setup.files;
  expect(
    (await run('new', project, '--image', `${image}:raw`, '--segmentation', `${segmentation}:stack`)).code,
  ).toBe(0);
  const [piece, host] = errorsOf('fragment')[0]!.seeds.map((s) => s.segmentId) as [string, string];
  expect((await run('edit', project, 'merge', host, piece)).code).toBe(0);
}, 120_000);

describe('edit refuses bad input and loses nothing', () => {
  it('seeds outside the segment, naming the seed and where it lies', async () => {
    const fused = errorsOf('merge')[0]!;
    const other = errorsOf('merge')[1]!.voxel.join(',');
    const result = await run(
      'edit',
      project,
      'split',
      fused.segmentIds[0]!,
      '--sources',
      fused.voxel.join(','),
      '--sinks',
      other,
    );
    expectRefused(
      result,
      project,
      /sink seed 0 at \(\d+, \d+, \d+\) zyx lies in segment \d+, not in segment \d+/,
    );
    const outside = await run(
      'edit',
      project,
      'split',
      fused.segmentIds[0]!,
      '--sources',
      '500,1,1',
      '--sinks',
      other,
    );
    expectRefused(outside, project, /source seed 0 at \(500, 1, 1\) zyx is outside the volume/);
  });

  it('merging a segment with itself', async () => {
    const id = errorsOf('merge')[0]!.segmentIds[0]!;
    expectRefused(await run('edit', project, 'merge', id, id), id, /already one segment/);
  });

  it('ids that do not exist', async () => {
    const id = errorsOf('merge')[0]!.segmentIds[0]!;
    expectRefused(
      await run('edit', project, 'merge', id, '12345'),
      project,
      /merge source 12345 does not exist/,
    );
    expectRefused(
      await run('edit', project, 'split-components', '777'),
      project,
      /segment 777 does not exist/,
    );
    expectRefused(await run('edit', project, 'merge', id, 'abc'), 'abc', /must be a segment id/);
  });

  it('a project file that is not SQLite', async () => {
    const notes = join(setup.dir, 'notes.axonproj');
    writeFileSync(notes, 'my notes, not a database');
    expectRefused(
      await run('edit', notes, 'undo'),
      notes,
      /not a project file \(it is not a SQLite database\)/,
    );
    expect(readFileSync(notes, 'utf8')).toBe('my notes, not a database');
    expectRefused(
      await run('edit', join(setup.dir, 'missing.axonproj'), 'log'),
      'missing.axonproj',
      /no such project file/,
    );
  });

  it('a project from a newer schema, left untouched', async () => {
    const future = join(setup.dir, 'future.axonproj');
    copyFileSync(project, future);
    const db = new Database(future);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    const before = readFileSync(future);
    expectRefused(
      await run('edit', future, 'merge', '1', '2'),
      future,
      /schema version \d+ is newer than this app supports/,
    );
    expect(readFileSync(future).equals(before)).toBe(true);
  });

  it('export to an existing file or over the segmentation itself', async () => {
    expectRefused(
      await run('export', project, '--format', 'segmentation', '--out', setup.files.segmentation),
      setup.files.segmentation,
      /exists; pass --force/,
    );
    expectRefused(
      await run('export', project, '--format', 'segmentation', '--out', setup.files.segmentation, '--force'),
      setup.files.segmentation,
      /a volume this project reads/,
    );
    expectRefused(
      await run('export', project, '--format', 'meshes', '--out', 'x.h5'),
      '--format',
      /segmentation/,
    );
  });

  it('as a real process: one line, no stack trace, and the saved edit is still there', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['bin/axon-proofreader.mjs', 'edit', ...args], { encoding: 'utf8' });
    const self = errorsOf('merge')[0]!.segmentIds[0]!;
    const result = cli(project, 'merge', self, self);
    expectRefused(
      { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr },
      self,
      /already one segment/,
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(saved()).toEqual({ edits: [{ seq: 1, kind: 'merge', status: 'applied' }], integrity: 'ok' });
  });
});
