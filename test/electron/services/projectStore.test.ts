import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, migrations } from '../../../electron/services/projectMigrations';
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

  it('migrates a version 3 project whose to-do table the metrics service had already made, keeping its marks', () => {
    const path = join(dir(), 'v3.axonproj');
    const db = new Database(path);
    for (const sql of migrations.slice(0, 3)) db.exec(sql);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('user_version = 3');
    // What session 3's TodoStore created on the fly, with one finding the annotator marked.
    db.exec(`CREATE TABLE todo_items (id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('split', 'merge')),
      rank INTEGER NOT NULL, score REAL NOT NULL, segment_ids TEXT NOT NULL, z INTEGER NOT NULL, y INTEGER NOT NULL,
      x INTEGER NOT NULL, reason TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('open', 'fixed', 'false-alarm')),
      computed_at TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT`);
    db.prepare(
      "INSERT INTO todo_items VALUES (1, 'split', 1, 0.9, '[\"7\",\"9\"]', 1, 2, 3, 'ends face', 'false-alarm', 't', 't')",
    ).run();
    db.close();

    const project = ProjectStore.open(path);
    expect(project.schemaVersion).toBe(4);
    expect(project.db.prepare('SELECT id, status FROM todo_items').all()).toEqual([
      { id: 1, status: 'false-alarm' },
    ]);
    project.db.prepare("INSERT INTO metrics_points (ground_truth, point) VALUES ('', '{}')").run();
    expect(project.db.pragma('integrity_check', { simple: true })).toBe('ok');
    project.close();
  });

  it("refuses another application's SQLite database", () => {
    const path = join(dir(), 'other.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(() => ProjectStore.open(path)).toThrow(/SQLite database of another application/);
  });
});
