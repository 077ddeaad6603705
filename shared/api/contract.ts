import { z } from 'zod';
import { editCommandJson } from '../edit/json';
import type {
  Bookmark,
  EditLogPage,
  EditOutcome,
  MeshData,
  SegmentPage,
  SegmentReview,
  SegmentSummary,
  SessionInfo,
  SliceData,
  SplitPreviewData,
  ViewState,
} from './types';
import type { MetricsSnapshot, SkeletonSet, TodoEntry, TodoList } from './metricsTypes';

/**
 * The API between renderer and backend, declared once. Electron's preload exposes exactly these
 * methods over IPC, browser mode serves exactly these over HTTP, and the backend validates every
 * request with the schema before a handler sees it.
 */

/** Segment ids travel as decimal strings in requests (uint64 does not fit a JSON number). */
export const segmentId = z
  .string()
  .regex(/^\d{1,20}$/, 'a segment id is a decimal uint64')
  .refine((s) => !/^\d{1,20}$/.test(s) || BigInt(s) < 2n ** 64n, 'a segment id must be below 2^64');

const volumeSpec = z.string().min(1).max(4096);
const voxel = z.tuple([z.number().int().min(0), z.number().int().min(0), z.number().int().min(0)]);
/** Lets the caller name a task so that it can cancel it while waiting. */
const taskId = z
  .string()
  .regex(/^[\w-]{1,64}$/)
  .optional();

export const viewStateSchema = z.object({
  position: voxel,
  zoom: z.number().positive().max(1000),
  opacity: z.number().min(0).max(1),
  outlineOnly: z.boolean(),
  hidden: z.array(segmentId).max(100_000),
  colors: z.record(segmentId, z.string().regex(/^#[0-9a-f]{6}$/i)),
});

/** Declare a method: its response type, then its request schema (the request type is inferred). */
function method<Res>() {
  return <Req extends z.ZodType>(request: Req) => ({ request, response: undefined as unknown as Res });
}

const noRequest = z.object({}).strict();
const historyMove = z
  .object({ steps: z.number().int().min(1).max(10_000_000).optional(), all: z.boolean().optional() })
  .strict()
  .refine((r) => !(r.all && r.steps !== undefined), { message: 'give steps or all, not both' });

export const apiContract = {
  getSession: method<SessionInfo | null>()(noRequest),
  openVolumes: method<SessionInfo>()(
    z
      .object({
        image: volumeSpec.optional(),
        segmentation: volumeSpec.optional(),
        project: volumeSpec.optional(),
        taskId,
      })
      .strict(),
  ),
  getSlice: method<SliceData>()(
    z.object({ axis: z.enum(['xy', 'xz', 'yz']), index: z.number().int().min(0) }).strict(),
  ),
  listSegments: method<SegmentPage>()(
    z
      .object({
        query: z.string().max(20).regex(/^\d*$/, 'search by digits of an id').optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
  ),
  segmentAt: method<SegmentSummary | null>()(z.object({ voxel }).strict()),
  getMesh: method<MeshData>()(z.object({ id: segmentId, taskId }).strict()),
  setSelection: method<null>()(z.object({ ids: z.array(segmentId).max(10_000) }).strict()),
  setViewState: method<null>()(viewStateSchema.strict()),
  cancelTask: method<boolean>()(z.object({ taskId: z.string().regex(/^[\w-]{1,64}$/) }).strict()),

  // Proofreading (issue 3). Every edit is logged durably in the project before the call returns.
  /** Perform one edit command (merge, split, splitComponents, paint, erase). */
  edit: method<EditOutcome>()(z.object({ command: editCommandJson, taskId }).strict()),
  /** Compute a split without applying it: which voxels of the segment go to each side. */
  splitPreview: method<SplitPreviewData>()(
    z
      .object({
        segment: segmentId,
        sources: z.array(voxel).min(1).max(1000),
        sinks: z.array(voxel).min(1).max(1000),
        taskId,
      })
      .strict(),
  ),
  /**
   * The split tool was picked: warm up the backend's split workers (answers once they are warm;
   * the UI does not wait for it).
   */
  prepareSplit: method<null>()(noRequest),
  /**
   * Undo / redo the latest edit, the latest `steps`, or `all` of them (one transaction, one
   * outcome whose `steps` says how many moved); null when there is nothing to undo / redo.
   */
  undo: method<EditOutcome | null>()(historyMove),
  redo: method<EditOutcome | null>()(historyMove),
  /** The edit log, newest first. */
  listEdits: method<EditLogPage>()(
    z
      .object({
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
  ),
  /** Set any of a segment's review status, type and note; returns the whole record. */
  setReview: method<SegmentReview>()(
    z
      .object({
        id: segmentId,
        status: z.enum(['unreviewed', 'in-progress', 'correct', 'needs-expert']).optional(),
        type: z.enum(['unknown', 'axon', 'dendrite', 'glia', 'other']).optional(),
        note: z.string().max(10_000).optional(),
      })
      .strict(),
  ),
  getReview: method<SegmentReview>()(z.object({ id: segmentId }).strict()),
  /** The next segment, by descending size after `after`, whose status is 'unreviewed'; with
   * `type`, only segments of that type. Null when none is left. */
  nextUnreviewed: method<SegmentSummary | null>()(
    z
      .object({
        after: segmentId.optional(),
        type: z.enum(['unknown', 'axon', 'dendrite', 'glia', 'other']).optional(),
      })
      .strict(),
  ),
  addBookmark: method<Bookmark>()(z.object({ voxel, note: z.string().max(10_000) }).strict()),
  listBookmarks: method<readonly Bookmark[]>()(noRequest),
  deleteBookmark: method<boolean>()(z.object({ id: z.number().int().min(1) }).strict()),

  // Metrics, to-do list of likely errors, skeletons (issue 4); types in ./metricsTypes.
  /** Live metrics of the open session (awaits the update after the latest edit). */
  getMetrics: method<MetricsSnapshot>()(noRequest),
  /** Score against a ground truth `PATH[:DATASET]` (and skeletons for ERL); a full pass as a task. */
  loadGroundTruth: method<MetricsSnapshot>()(
    z
      .object({
        groundTruth: volumeSpec,
        skeletons: volumeSpec.optional(),
        resolution: z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]).optional(),
        taskId,
      })
      .strict(),
  ),
  /** Recount everything from the volumes (a task; edits update incrementally without it). */
  recomputeMetrics: method<MetricsSnapshot>()(z.object({ taskId }).strict()),
  /** Find likely errors in the corrected segmentation (a task, off the main thread). */
  computeTodo: method<TodoList>()(z.object({ taskId }).strict()),
  listTodo: method<TodoList>()(noRequest),
  setTodoStatus: method<TodoEntry>()(
    z.object({ id: z.number().int().min(1), status: z.enum(['open', 'fixed', 'false-alarm']) }).strict(),
  ),
  /** Ground-truth skeletons and/or TEASAR skeletons of corrected segments, in nm. */
  getSkeletons: method<SkeletonSet>()(
    z
      .object({ ids: z.array(segmentId).max(100).optional(), groundTruth: z.boolean().optional(), taskId })
      .strict(),
  ),
} as const;

export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;
export type ApiRequest<M extends ApiMethod> = z.input<ApiContract[M]['request']>;
export type ApiResponse<M extends ApiMethod> = ApiContract[M]['response'];
export const apiMethods = Object.keys(apiContract) as ApiMethod[];

export type { ViewState };

export class ApiValidationError extends Error {
  override readonly name = 'ApiValidationError';
}

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiContract, name);
}

/** Check a request against its schema; throws ApiValidationError naming the method and the field. */
export function validateRequest<M extends ApiMethod>(
  name: string,
  request: unknown,
): { method: M; request: ApiRequest<M> } {
  if (!isApiMethod(name)) throw new ApiValidationError(`unknown API method '${name}'`);
  const parsed = apiContract[name].request.safeParse(request ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at '${issue.path.join('.')}'` : '';
    throw new ApiValidationError(`invalid request to ${name}${where}: ${issue?.message ?? 'bad input'}`);
  }
  return { method: name as M, request: parsed.data as ApiRequest<M> };
}

/** The client side: one async function per method. */
export type ApiClient = { [M in ApiMethod]: (request: ApiRequest<M>) => Promise<ApiResponse<M>> };
