import type Database from 'better-sqlite3';
import type { Bookmark } from '../../../shared/api/types';
import { formatVec, type Vec3 } from '../../../shared/volume/types';
import { currentUser } from './user';

interface BookmarkRow {
  id: number;
  z: number;
  y: number;
  x: number;
  note: string;
  created_at: string;
}

const toBookmark = (r: BookmarkRow): Bookmark => ({
  id: r.id,
  voxel: [r.z, r.y, r.x],
  note: r.note,
  createdAt: r.created_at,
});

/** Places in the volume the proofreader wants to come back to, in the project file. */
export class BookmarkStore {
  constructor(
    private readonly db: Database.Database,
    private readonly shape: Vec3,
  ) {}

  add(voxel: Vec3, note: string): Bookmark {
    if (!voxel.every((c, d) => Number.isInteger(c) && c >= 0 && c < this.shape[d]!)) {
      throw new RangeError(
        `bookmark voxel (${voxel.join(', ')}) zyx is outside the volume ${formatVec(this.shape)}`,
      );
    }
    const createdAt = new Date().toISOString();
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO bookmarks (z, y, x, note, created_at, user) VALUES (?, ?, ?, ?, ?, ?)')
      .run(voxel[0], voxel[1], voxel[2], note, createdAt, currentUser());
    return { id: Number(lastInsertRowid), voxel, note, createdAt };
  }

  list(): Bookmark[] {
    const rows = this.db
      .prepare('SELECT id, z, y, x, note, created_at FROM bookmarks ORDER BY id')
      .all() as BookmarkRow[];
    return rows.map(toBookmark);
  }

  /** Whether a bookmark with that id existed. */
  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM bookmarks WHERE id = ?').run(id).changes > 0;
  }
}
