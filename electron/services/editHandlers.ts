import { commandFromJson } from '../../shared/edit/json';
import type { Handlers } from './backend';
import type { Session } from './session';
import type { TaskRegistry } from './tasks';

type ProofreadingMethod =
  | 'edit'
  | 'splitPreview'
  | 'prepareSplit'
  | 'undo'
  | 'redo'
  | 'listEdits'
  | 'setReview'
  | 'getReview'
  | 'nextUnreviewed'
  | 'addBookmark'
  | 'listBookmarks'
  | 'deleteBookmark';

interface BackendParts {
  readonly current: Session;
  readonly tasks: TaskRegistry;
}

/** The proofreading half of the API (issue 3): edits, undo/redo, the edit log, reviews, bookmarks. */
export function proofreadingHandlers(backend: BackendParts): Pick<Handlers, ProofreadingMethod> {
  return {
    edit: ({ command, taskId }) => {
      const edits = backend.current.edits;
      const parsed = commandFromJson(command);
      // Splits flood whole segments: run them as tasks (progress, cancellation); the rest are quick.
      if (parsed.kind !== 'split' && parsed.kind !== 'splitComponents') return edits.edit(parsed);
      const label = `Splitting segment ${parsed.segment}`;
      return backend.tasks.run(label, taskId, (ctx) => edits.edit(parsed, ctx));
    },
    splitPreview: ({ segment, sources, sinks, taskId }) => {
      const edits = backend.current.edits;
      return backend.tasks.run(`Previewing a split of segment ${segment}`, taskId, (ctx) =>
        edits.splitPreview({ segment: BigInt(segment), sources, sinks }, ctx),
      );
    },
    prepareSplit: async () => {
      await backend.current.edits.prepareSplit();
      return null;
    },
    undo: (r) => backend.current.edits.undoSteps(stepsOf(r)),
    redo: (r) => backend.current.edits.redoSteps(stepsOf(r)),
    listEdits: ({ offset, limit }) =>
      Promise.resolve(backend.current.edits.listEdits(offset ?? 0, limit ?? 100)),
    setReview: ({ id, ...patch }) => {
      const session = backend.current;
      const segment = BigInt(id);
      if (!session.index.get(segment)) throw new RangeError(`segment ${id} does not exist`);
      return Promise.resolve(session.reviews.set(segment, patch));
    },
    getReview: ({ id }) => Promise.resolve(backend.current.reviews.get(BigInt(id))),
    nextUnreviewed: ({ after, type }) => {
      const session = backend.current;
      const from = after === undefined ? undefined : BigInt(after);
      return Promise.resolve(session.reviews.nextUnreviewed(session.index, from, type));
    },
    addBookmark: ({ voxel, note }) => Promise.resolve(backend.current.bookmarks.add(voxel, note)),
    listBookmarks: () => Promise.resolve(backend.current.bookmarks.list()),
    deleteBookmark: ({ id }) => Promise.resolve(backend.current.bookmarks.delete(id)),
  };
}

/** `{ all: true }`: every edit; `{ steps: N }`: N; neither: one. */
function stepsOf(r: { readonly steps?: number | undefined; readonly all?: boolean | undefined }): number {
  return r.all ? Infinity : (r.steps ?? 1);
}
