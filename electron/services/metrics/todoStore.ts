import type Database from 'better-sqlite3';
import type { TodoEntry, TodoList, TodoStatus } from '../../../shared/api/metricsTypes';
import type { TodoItem, TodoKind } from '../../../shared/todo/types';

interface Row {
  id: number;
  kind: TodoKind;
  rank: number;
  score: number;
  segment_ids: string;
  z: number;
  y: number;
  x: number;
  reason: string;
  status: TodoStatus;
  computed_at: string;
}

const COLUMNS = 'id, kind, rank, score, segment_ids, z, y, x, reason, status, computed_at';

/** Same kind and same segments (order aside): the same finding. */
const findingKey = (kind: string, ids: readonly bigint[] | readonly string[]): string =>
  `${kind}:${ids.map(String).sort().join(',')}`;

export class TodoStore {
  /** `db` is a project's database: its table `todo_items` comes from migration 4. */
  constructor(private readonly db: Database.Database) {}

  list(): TodoList {
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM todo_items ORDER BY rank, id`).all() as Row[];
    const items = rows.map(toEntry);
    return {
      items,
      computedAt: items.reduce<string | null>(
        (a, e) => (a === null || e.computedAt > a ? e.computedAt : a),
        null,
      ),
      open: items.filter((e) => e.status === 'open').length,
    };
  }

  /**
   * Replace the open items with a new run's findings, best first. Items the annotator marked
   * fixed or false alarm stay; a new finding that matches one of them (same kind and segments)
   * updates it instead of coming back as open.
   */
  replace(found: readonly TodoItem[], at = new Date().toISOString()): TodoList {
    this.db.transaction(() => {
      const kept = this.db.prepare(`SELECT ${COLUMNS} FROM todo_items WHERE status != 'open'`).all() as Row[];
      const keptByKey = new Map(
        kept.map((r) => [findingKey(r.kind, JSON.parse(r.segment_ids) as string[]), r]),
      );
      this.db.prepare("DELETE FROM todo_items WHERE status = 'open'").run();
      const insert = this.db.prepare(
        `INSERT INTO todo_items (kind, rank, score, segment_ids, z, y, x, reason, status, computed_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
      );
      const update = this.db.prepare(
        'UPDATE todo_items SET rank = ?, score = ?, z = ?, y = ?, x = ?, reason = ?, computed_at = ? WHERE id = ?',
      );
      found.forEach((item, k) => {
        const [z, y, x] = item.voxel;
        const match = keptByKey.get(findingKey(item.kind, item.segmentIds));
        if (match) {
          update.run(k + 1, item.score, z, y, x, item.reason, at, match.id);
          keptByKey.delete(findingKey(item.kind, item.segmentIds));
          return;
        }
        const ids = JSON.stringify(item.segmentIds.map(String));
        insert.run(item.kind, k + 1, item.score, ids, z, y, x, item.reason, at, at);
      });
      // Marked items no longer found go after the new list, in their old order.
      const after = this.db.prepare('UPDATE todo_items SET rank = ? WHERE id = ?');
      [...keptByKey.values()]
        .sort((a, b) => a.rank - b.rank)
        .forEach((r, k) => after.run(found.length + 1 + k, r.id));
    })();
    return this.list();
  }

  setStatus(id: number, status: TodoStatus): TodoEntry {
    const result = this.db
      .prepare('UPDATE todo_items SET status = ?, updated_at = ? WHERE id = ?')
      .run(status, new Date().toISOString(), id);
    if (result.changes === 0) throw new RangeError(`to-do item ${id} does not exist`);
    return toEntry(this.db.prepare(`SELECT ${COLUMNS} FROM todo_items WHERE id = ?`).get(id) as Row);
  }
}

function toEntry(r: Row): TodoEntry {
  return {
    id: r.id,
    kind: r.kind,
    rank: r.rank,
    score: r.score,
    segmentIds: (JSON.parse(r.segment_ids) as string[]).map((s) => BigInt(s)),
    voxel: [r.z, r.y, r.x],
    reason: r.reason,
    status: r.status,
    computedAt: r.computed_at,
  };
}
