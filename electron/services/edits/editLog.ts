import type Database from 'better-sqlite3';
import type { EditLogEntry, EditLogPage } from '../../../shared/api/types';
import { deltaFromJson } from '../../../shared/edit/json';
import type { EditDelta, EditKind } from '../../../shared/edit/types';
import type { Vec3 } from '../../../shared/volume/types';
import { currentUser } from './user';

export type EditStatus = 'applied' | 'undone' | 'discarded';
export type EditAction = 'do' | 'undo' | 'redo';

/** What a new edit writes to the log (seq, time, user and status are filled in here). */
export interface NewEdit {
  readonly kind: EditKind;
  readonly text: string;
  readonly params: unknown;
  readonly segmentsBefore: readonly bigint[];
  readonly segmentsAfter: readonly bigint[];
  readonly changedVoxels: number;
  readonly voxel: Vec3;
  /** `deltaToJson` of the edit's delta. */
  readonly delta: unknown;
  /** `statsToJson` of the affected segments' summaries. */
  readonly stats: unknown;
}

interface EditRow {
  seq: number;
  at: string;
  user: string;
  kind: EditKind;
  text: string;
  params: string;
  segments_before: string;
  segments_after: string;
  changed_voxels: number;
  voxel: string;
  status: EditStatus;
}

const ENTRY_COLUMNS =
  'seq, at, user, kind, text, params, segments_before, segments_after, changed_voxels, voxel, status';

const ids = (list: readonly bigint[]): string => JSON.stringify(list.map(String));
const parseIds = (json: string): bigint[] => (JSON.parse(json) as string[]).map((s) => BigInt(s));

/**
 * The append-only edit log in the project file. Every method that changes it runs in one
 * transaction, so a crash leaves either all of an action or none of it (WAL, synchronous=FULL:
 * once a method returns, the action is on disk). Undo and redo append to `edit_actions` and
 * change the edit's cached `status`; a new edit after undos marks the undone ones 'discarded'.
 */
export class EditLog {
  private readonly insertEdit: Database.Statement;
  private readonly insertAction: Database.Statement;
  private readonly setStatus: Database.Statement;
  private readonly discardUndone: Database.Statement;
  private readonly selectEntry: Database.Statement;
  private readonly selectDelta: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insertEdit = db.prepare(
      `INSERT INTO edits (at, user, kind, text, params, segments_before, segments_after,
         changed_voxels, voxel, delta, stats, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'applied')`,
    );
    this.insertAction = db.prepare('INSERT INTO edit_actions (at, user, action, seq) VALUES (?, ?, ?, ?)');
    this.setStatus = db.prepare('UPDATE edits SET status = ? WHERE seq = ?');
    this.discardUndone = db.prepare("UPDATE edits SET status = 'discarded' WHERE status = 'undone'");
    this.selectEntry = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM edits WHERE seq = ?`);
    this.selectDelta = db.prepare('SELECT delta, stats FROM edits WHERE seq = ?');
  }

  /** Append a new edit (dropping the redo branch); returns its seq. */
  append(edit: NewEdit): number {
    return this.db.transaction(() => {
      const at = new Date().toISOString();
      const user = currentUser();
      this.discardUndone.run();
      const { lastInsertRowid } = this.insertEdit.run(
        at,
        user,
        edit.kind,
        edit.text,
        JSON.stringify(edit.params),
        ids(edit.segmentsBefore),
        ids(edit.segmentsAfter),
        edit.changedVoxels,
        JSON.stringify(edit.voxel),
        JSON.stringify(edit.delta),
        JSON.stringify(edit.stats),
      );
      const seq = Number(lastInsertRowid);
      this.insertAction.run(at, user, 'do', seq);
      return seq;
    })();
  }

  /** Record undos or redos of `seqs`, in order, in one transaction. */
  record(action: 'undo' | 'redo', seqs: readonly number[]): void {
    this.db.transaction(() => {
      const at = new Date().toISOString();
      const user = currentUser();
      for (const seq of seqs) {
        this.setStatus.run(action === 'undo' ? 'undone' : 'applied', seq);
        this.insertAction.run(at, user, action, seq);
      }
    })();
  }

  /** Seqs of the applied edits, oldest first (the order to replay them in). */
  applied(): number[] {
    return this.seqs('applied', 'ASC');
  }

  /** Seqs of the undone (redoable) edits, the next to redo last. */
  undone(): number[] {
    return this.seqs('undone', 'DESC');
  }

  private seqs(status: EditStatus, order: 'ASC' | 'DESC'): number[] {
    return this.db
      .prepare(`SELECT seq FROM edits WHERE status = ? ORDER BY seq ${order}`)
      .pluck()
      .all(status) as number[];
  }

  /** An edit's delta and segment stats JSON. */
  load(seq: number): { delta: EditDelta; stats: unknown } {
    const row = this.selectDelta.get(seq) as { delta: string; stats: string } | undefined;
    if (!row) throw new Error(`edit ${seq} is not in the log`);
    return { delta: deltaFromJson(JSON.parse(row.delta)), stats: JSON.parse(row.stats) };
  }

  /** Applied edits' deltas and stats, oldest first, one at a time (for replay at open). */
  *replay(): Generator<{ seq: number; delta: EditDelta; stats: unknown }> {
    const rows = this.db
      .prepare("SELECT seq, delta, stats FROM edits WHERE status = 'applied' ORDER BY seq")
      .iterate() as IterableIterator<{ seq: number; delta: string; stats: string }>;
    for (const row of rows) {
      yield { seq: row.seq, delta: deltaFromJson(JSON.parse(row.delta)), stats: JSON.parse(row.stats) };
    }
  }

  entry(seq: number): EditLogEntry {
    const row = this.selectEntry.get(seq) as EditRow | undefined;
    if (!row) throw new Error(`edit ${seq} is not in the log`);
    return toEntry(row);
  }

  /** The edits still in the history (applied or redoable), newest first. */
  page(offset: number, limit: number): EditLogPage {
    const count = (where: string): number =>
      this.db.prepare(`SELECT count(*) FROM edits WHERE ${where}`).pluck().get() as number;
    const rows = this.db
      .prepare(
        `SELECT ${ENTRY_COLUMNS} FROM edits WHERE status != 'discarded' ORDER BY seq DESC LIMIT ? OFFSET ?`,
      )
      .all(limit, offset) as EditRow[];
    return {
      total: count("status != 'discarded'"),
      applied: count("status = 'applied'"),
      entries: rows.map(toEntry),
    };
  }

  /** Every edit ever logged, discarded ones included, oldest first (the CLI's `log --all`). */
  all(): (EditLogEntry & { readonly status: EditStatus })[] {
    const rows = this.db.prepare(`SELECT ${ENTRY_COLUMNS} FROM edits ORDER BY seq`).all() as EditRow[];
    return rows.map((r) => ({ ...toEntry(r), status: r.status }));
  }
}

function toEntry(row: EditRow): EditLogEntry {
  return {
    seq: row.seq,
    at: row.at,
    user: row.user,
    kind: row.kind,
    text: row.text,
    params: JSON.parse(row.params) as unknown,
    segmentsBefore: parseIds(row.segments_before),
    segmentsAfter: parseIds(row.segments_after),
    changedVoxels: row.changed_voxels,
    voxel: JSON.parse(row.voxel) as Vec3,
    undone: row.status !== 'applied',
  };
}
