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
];

/** 'AXPR' in ASCII: lets us tell our projects from other SQLite files. */
export const APPLICATION_ID = 0x41585052;
