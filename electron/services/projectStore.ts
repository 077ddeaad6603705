import Database from 'better-sqlite3';
import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import type { ViewState } from '../../shared/api/types';
import type { VolumeInfo } from '../../shared/volume/types';
import { APPLICATION_ID, migrations } from './projectMigrations';

export class ProjectError extends Error {
  override readonly name = 'ProjectError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

export type SourceRole = 'image' | 'segmentation' | 'groundtruth';

export interface StoredSource {
  readonly role: SourceRole;
  readonly spec: string;
  readonly shape: readonly number[];
  readonly dtype: string;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

function checkIsSqlite(path: string): void {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(16);
    const n = readSync(fd, header, 0, 16, 0);
    if (n === 0) return; // An empty file becomes a new project.
    if (n < 16 || header.toString('latin1') !== SQLITE_MAGIC) {
      throw new ProjectError(path, 'not a project file (it is not a SQLite database)');
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A project is one SQLite file: sources, view state, selection (and, in later schema versions,
 * the edit log). WAL with synchronous=FULL: a write that returned is on disk.
 */
export class ProjectStore {
  private constructor(
    readonly path: string,
    readonly db: Database.Database,
  ) {}

  static open(path: string): ProjectStore {
    if (existsSync(path)) checkIsSqlite(path);
    let db: Database.Database;
    try {
      db = new Database(path);
    } catch (error) {
      throw new ProjectError(path, `cannot open: ${(error as Error).message}`);
    }
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(path, db);
    } catch (error) {
      db.close();
      if (error instanceof ProjectError) throw error;
      throw new ProjectError(path, `cannot read: ${(error as Error).message}`);
    }
    return new ProjectStore(path, db);
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  sources(): StoredSource[] {
    const rows = this.db.prepare('SELECT role, spec, shape, dtype FROM sources').all() as {
      role: SourceRole;
      spec: string;
      shape: string;
      dtype: string;
    }[];
    return rows.map((r) => ({
      role: r.role,
      spec: r.spec,
      shape: JSON.parse(r.shape) as number[],
      dtype: r.dtype,
    }));
  }

  setSource(role: SourceRole, spec: string, info: VolumeInfo): void {
    this.db
      .prepare('INSERT OR REPLACE INTO sources (role, spec, shape, dtype) VALUES (?, ?, ?, ?)')
      .run(role, spec, JSON.stringify(info.shape), info.dtype);
  }

  viewState(): ViewState | undefined {
    const row = this.db.prepare('SELECT json FROM view_state WHERE id = 1').get() as
      { json: string } | undefined;
    return row ? (JSON.parse(row.json) as ViewState) : undefined;
  }

  setViewState(state: ViewState): void {
    this.db.prepare('INSERT OR REPLACE INTO view_state (id, json) VALUES (1, ?)').run(JSON.stringify(state));
  }

  selection(): bigint[] {
    const rows = this.db.prepare('SELECT segment_id FROM selection ORDER BY position').all() as {
      segment_id: string;
    }[];
    return rows.map((r) => BigInt(r.segment_id));
  }

  setSelection(ids: readonly bigint[]): void {
    const insert = this.db.prepare('INSERT INTO selection (segment_id, position) VALUES (?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM selection').run();
      ids.forEach((id, i) => insert.run(id.toString(), i));
    })();
  }

  getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
  }

  /** A derived result stored under `key`, if it was stored with this `stamp`. */
  derived(key: string, stamp: string): Uint8Array | undefined {
    const row = this.db.prepare('SELECT stamp, data FROM derived WHERE key = ?').get(key) as
      { stamp: string; data: Buffer } | undefined;
    return row && row.stamp === stamp ? new Uint8Array(row.data) : undefined;
  }

  setDerived(key: string, stamp: string, data: Uint8Array): void {
    this.db
      .prepare('INSERT OR REPLACE INTO derived (key, stamp, data) VALUES (?, ?, ?)')
      .run(key, stamp, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }

  close(): void {
    this.db.close();
  }
}

function migrate(path: string, db: Database.Database): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const isEmpty = (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n === 0;
  if (appId !== APPLICATION_ID && !(appId === 0 && isEmpty)) {
    throw new ProjectError(
      path,
      'not an Axon Proofreader project (a SQLite database of another application)',
    );
  }
  if (version > migrations.length) {
    throw new ProjectError(
      path,
      `project schema version ${version} is newer than this app supports (${migrations.length}); update Axon Proofreader`,
    );
  }
  for (let v = version; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
