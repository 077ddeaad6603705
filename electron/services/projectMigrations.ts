/**
 * Versioned schema of the project file. Each migration moves the schema from version i to i+1;
 * PRAGMA user_version records where a file stands. Never edit a shipped migration: add one.
 */
export const migrations: readonly string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
   CREATE TABLE sources (
     role TEXT PRIMARY KEY CHECK (role IN ('image', 'segmentation', 'groundtruth')),
     spec TEXT NOT NULL,
     shape TEXT NOT NULL,
     dtype TEXT NOT NULL
   ) STRICT;
   CREATE TABLE view_state (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL) STRICT;
   CREATE TABLE selection (segment_id TEXT PRIMARY KEY, position INTEGER NOT NULL) STRICT;`,
  // 2: proofreading. `edits` is append-only: undo and redo append to `edit_actions`; `status`
  // caches where each edit stands ('discarded' = an undone edit dropped by a later new edit).
  // `delta` (shared/edit/json) lets undo and redo replay without recomputing; `stats` holds the
  // affected segments' voxel counts and boxes before and after, so the segment index follows.
  `CREATE TABLE edits (
     seq INTEGER PRIMARY KEY,
     at TEXT NOT NULL,
     user TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'splitComponents', 'paint', 'erase')),
     text TEXT NOT NULL,
     params TEXT NOT NULL,
     segments_before TEXT NOT NULL,
     segments_after TEXT NOT NULL,
     changed_voxels INTEGER NOT NULL,
     voxel TEXT NOT NULL,
     delta TEXT NOT NULL,
     stats TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('applied', 'undone', 'discarded'))
   ) STRICT;
   CREATE INDEX edits_by_status ON edits (status, seq);
   CREATE TABLE edit_actions (
     id INTEGER PRIMARY KEY,
     at TEXT NOT NULL,
     user TEXT NOT NULL,
     action TEXT NOT NULL CHECK (action IN ('do', 'undo', 'redo')),
     seq INTEGER NOT NULL REFERENCES edits (seq)
   ) STRICT;
   CREATE TABLE reviews (
     segment_id TEXT PRIMARY KEY,
     status TEXT NOT NULL CHECK (status IN ('unreviewed', 'in-progress', 'correct', 'needs-expert')),
     type TEXT NOT NULL CHECK (type IN ('unknown', 'axon', 'dendrite', 'glia', 'other')),
     note TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     user TEXT NOT NULL
   ) STRICT;
   CREATE TABLE bookmarks (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     z INTEGER NOT NULL,
     y INTEGER NOT NULL,
     x INTEGER NOT NULL,
     note TEXT NOT NULL,
     created_at TEXT NOT NULL,
     user TEXT NOT NULL
   ) STRICT;`,
  // 3: results derived from the sources (the segment index), each valid while its stamp (the
  // source's spec, size and modification time) matches; a stale or missing row is rebuilt.
  `CREATE TABLE derived (key TEXT PRIMARY KEY, stamp TEXT NOT NULL, data BLOB NOT NULL) STRICT;`,
  // 4: the to-do list of likely errors with the annotator's marks, and the metrics plot's points
  // per ground truth ('' = none). Projects of version 3 may already hold todo_items, created
  // by the metrics service before this migration existed; hence IF NOT EXISTS.
  `CREATE TABLE IF NOT EXISTS todo_items (
     id INTEGER PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('split', 'merge')),
     rank INTEGER NOT NULL,
     score REAL NOT NULL,
     segment_ids TEXT NOT NULL,
     z INTEGER NOT NULL,
     y INTEGER NOT NULL,
     x INTEGER NOT NULL,
     reason TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('open', 'fixed', 'false-alarm')),
     computed_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE metrics_points (
     id INTEGER PRIMARY KEY,
     ground_truth TEXT NOT NULL,
     point TEXT NOT NULL
   ) STRICT;
   CREATE INDEX metrics_points_by_truth ON metrics_points (ground_truth, id);`,
];

/** 'AXPR' in ASCII: lets us tell our projects from other SQLite files. */
export const APPLICATION_ID = 0x41585052;
