import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/services/projectMigrations';
import { ProjectError, ProjectStore } from '../../../electron/services/projectStore';

const dir = () => mkdtempSync(join(tmpdir(), 'axon-project-'));
const info = {
  path: 'a.h5',
  dataset: 'raw',
  kind: 'image' as const,
  shape: [4, 5, 6] as const,
  dtype: 'uint8' as const,
  resolution: [30, 8, 8] as const,
  chunkShape: [4, 5, 6] as const,
};

describe('project file', () => {
  it('creates the schema by migrations and restores sources, view state and selection on reopen', () => {
    const path = join(dir(), 'p.axonproj');
    const project = ProjectStore.open(path);
    expect(project.schemaVersion).toBe(migrations.length);
    project.setSource('image', '/data/a.h5:raw', info);
    const view = {
      position: [1, 2, 3] as const,
      zoom: 0.5,
      opacity: 0.4,
      outlineOnly: true,
      hidden: ['7'],
      colors: { '7': '#ff0000' },
    };
    project.setViewState(view);
    project.setSelection([2n ** 63n + 5n, 9n]);
    project.close();

    const reopened = ProjectStore.open(path);
    expect(reopened.sources()).toEqual([
      { role: 'image', spec: '/data/a.h5:raw', shape: [4, 5, 6], dtype: 'uint8' },
    ]);
    expect(reopened.viewState()).toEqual(view);
    expect(reopened.selection()).toEqual([2n ** 63n + 5n, 9n]);
    expect(reopened.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(reopened.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    reopened.close();
  });

  it('refuses a file that is not SQLite, naming it', () => {
    const path = join(dir(), 'notes.axonproj');
    writeFileSync(path, 'these are my notes, not a database at all');
    expect(() => ProjectStore.open(path)).toThrow(ProjectError);
    expect(() => ProjectStore.open(path)).toThrow(
      `${path}: not a project file (it is not a SQLite database)`,
    );
  });

  it('refuses a project from a newer schema without touching it', () => {
    const path = join(dir(), 'future.axonproj');
    ProjectStore.open(path).close();
    const db = new Database(path);
    db.pragma(`user_version = ${migrations.length + 3}`);
    db.close();
    expect(() => ProjectStore.open(path)).toThrow(/schema version \d+ is newer than this app supports/);
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(migrations.length + 3);
    check.close();
  });

  it("refuses another application's SQLite database", () => {
    const path = join(dir(), 'other.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(() => ProjectStore.open(path)).toThrow(/SQLite database of another application/);
  });
});
