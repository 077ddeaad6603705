import { createEditState, DEFAULT_CHUNK_SHAPE } from '../../../shared/edit/state';
import type { EditState } from '../../../shared/edit/types';
import type { Vec3 } from '../../../shared/volume/types';
import { ProjectError, type ProjectStore } from '../projectStore';
import type { SegmentIndex } from '../segmentIndex';
import { type TaskContext, yieldToLoop } from '../tasks';
import { DeltaApplier } from './deltaApplier';
import type { EditLog } from './editLog';
import { changesFromJson } from './segmentStats';

export interface EditStart {
  readonly state: EditState;
  readonly replayed: number;
}

const CHUNK_KEY = 'edit_chunk_shape';
const MAX_ID_KEY = 'edit_base_max_id';

/** The chunk shape deltas were recorded with (fixed per project, so old deltas keep applying). */
function chunkShape(project: ProjectStore): Vec3 {
  const stored = project.getMeta(CHUNK_KEY);
  if (stored === undefined) {
    project.setMeta(CHUNK_KEY, JSON.stringify(DEFAULT_CHUNK_SHAPE));
    return DEFAULT_CHUNK_SHAPE;
  }
  const shape = JSON.parse(stored) as unknown;
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((n) => Number.isInteger(n) && n > 0)) {
    throw new ProjectError(project.path, `bad ${CHUNK_KEY} '${stored}' in the project`);
  }
  return shape as unknown as Vec3;
}

/**
 * Rebuild the edit state of a project: replay the logged deltas of its applied edits in order (no
 * edit is recomputed) and move the segment index along with each edit's logged summaries.
 */
export async function replayLog(
  project: ProjectStore,
  log: EditLog,
  index: SegmentIndex,
  ctx: TaskContext,
): Promise<EditStart> {
  const shape = chunkShape(project);
  const applied = log.applied().length;
  const storedMax = project.getMeta(MAX_ID_KEY);
  const hasEdits = applied > 0 || log.undone().length > 0;
  if (hasEdits && storedMax !== undefined && BigInt(storedMax) !== index.baseMaxId) {
    throw new ProjectError(
      project.path,
      `its edits were made on a segmentation whose largest id is ${storedMax}, but the segmentation ` +
        `opened now has largest id ${index.baseMaxId}: it is not the same segmentation, so the edits cannot apply`,
    );
  }
  if (storedMax === undefined || !hasEdits) project.setMeta(MAX_ID_KEY, String(index.baseMaxId));
  const applier = new DeltaApplier(createEditState({ maxId: index.baseMaxId }, shape));
  let done = 0;
  for (const { seq, delta, stats } of log.replay()) {
    try {
      applier.apply(delta);
    } catch (error) {
      throw new ProjectError(
        project.path,
        `edit ${seq} of the log does not apply to this segmentation (${(error as Error).message})`,
      );
    }
    for (const [id, summary] of changesFromJson(stats).after) index.set(id, summary);
    if (++done % 256 === 0) {
      ctx.progress(done, applied);
      await yieldToLoop(ctx.signal, 'replaying edits');
    }
  }
  return { state: applier.finish(), replayed: done };
}
