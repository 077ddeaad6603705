import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ChunkCache } from '../chunkCache';
import { ProjectError, ProjectStore } from '../projectStore';
import { Session } from '../session';
import type { TaskContext } from '../tasks';

const CLI_CACHE_BYTES = 64 * 2 ** 20;

/**
 * Open an existing project with its stored image and segmentation, edits replayed: what the CLI's
 * `edit` and `export` work on. A missing file, a file that is not a project, a project from a
 * newer app or one without volumes is refused with the file named (nothing is created or changed).
 */
export async function openProjectSession(path: string, ctx?: Partial<TaskContext>): Promise<Session> {
  const file = resolve(path);
  if (!existsSync(file)) throw new ProjectError(file, 'no such project file');
  const store = ProjectStore.open(file);
  let roles: string[];
  try {
    roles = store.sources().map((s) => s.role);
  } finally {
    store.close();
  }
  if (!roles.includes('image') || !roles.includes('segmentation')) {
    throw new ProjectError(
      file,
      'the project names no image and segmentation; create it with `axon-proofreader new PROJECT --image ... --segmentation ...`',
    );
  }
  // One pass over the volume at a time: a small cache keeps memory bounded on big volumes.
  return Session.open({ project: file }, new ChunkCache(CLI_CACHE_BYTES), {
    signal: ctx?.signal ?? new AbortController().signal,
    progress: ctx?.progress ?? (() => undefined),
  });
}
