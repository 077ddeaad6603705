import type { Backend } from '../api/client';
import { watch, type AppStore } from '../state/store';
import type { SplitSeeds } from '../state/toolSlice';
import { messageOf, newTaskId } from './taskIds';

const ready = (split: SplitSeeds): split is SplitSeeds & { segment: string } =>
  split.segment !== null && split.sources.length > 0 && split.sinks.length > 0;

/**
 * Ask for a split preview whenever the seeds change (with at least one of each kind) or an edit
 * lands while seeds are placed. One request at a time: seeds placed while it runs are previewed
 * next, and an answer for seeds that have changed since is not shown. When the split tool is
 * first picked in a session, the backend warms its split workers up while seeds are placed.
 */
export function startSplitPreview(store: AppStore, backend: Backend): () => void {
  let running = false;
  let again = false;

  const previewOnce = async (split: SplitSeeds & { segment: string }) => {
    const taskId = newTaskId('preview');
    const s = store.getState();
    s.setPreview(s.preview, 'computing');
    s.taskStarted(taskId, `Split preview of segment ${split.segment}`);
    try {
      const preview = await backend.api.splitPreview({
        segment: split.segment,
        sources: split.sources.map((v) => [v[0], v[1], v[2]]),
        sinks: split.sinks.map((v) => [v[0], v[1], v[2]]),
        taskId,
      });
      if (store.getState().split === split) store.getState().setPreview(preview, 'ready');
    } catch (error) {
      if (store.getState().split !== split) return;
      store.getState().setPreview(null, 'failed');
      store.getState().pushError(`Could not preview the split of ${split.segment}: ${messageOf(error)}`);
    } finally {
      store.getState().taskEnded(taskId);
    }
  };

  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const { split, tool } = store.getState();
        if (tool === 'split' && ready(split)) await previewOnce(split);
      } while (again);
    } finally {
      running = false;
    }
  };

  const offSeeds = watch(
    store,
    (s) => s.split,
    () => void run(),
  );
  const offEdits = watch(
    store,
    (s) => s.editSeq,
    () => {
      if (ready(store.getState().split)) void run();
    },
  );
  let preparedSession = -1;
  const offTool = watch(
    store,
    (s) => s.tool,
    (tool) => {
      const { session, sessionSeq } = store.getState();
      if (tool !== 'split' || !session || preparedSession === sessionSeq) return;
      preparedSession = sessionSeq;
      // Only a head start: a failure here shows up, if at all, in the preview itself.
      backend.api.prepareSplit({}).catch(() => {
        if (preparedSession === sessionSeq) preparedSession = -1;
      });
    },
  );
  return () => {
    offSeeds();
    offEdits();
    offTool();
  };
}
