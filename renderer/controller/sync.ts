import type { ViewState } from '../../shared/api/types';
import type { Backend } from '../api/client';
import { watch, type AppState, type AppStore } from '../state/store';
import { afterPaint } from './afterPaint';
import { messageOf } from './taskIds';

const PERSIST_DELAY_MS = 300;

type WithSeq<T> = readonly [T, number];
const samePair = <T>(a: WithSeq<T>, b: WithSeq<T>): boolean => a[0] === b[0] && a[1] === b[1];

/**
 * Call `changed` when the user changes `select(state)`; changes that come with a newly adopted
 * session are the backend's own values and are not sent back.
 */
function watchUserChanges<T>(
  store: AppStore,
  select: (s: AppState) => T,
  changed: (value: T) => void,
): () => void {
  return watch(
    store,
    (s): WithSeq<T> => [select(s), s.sessionSeq],
    ([value, seq], [, previousSeq]) => {
      if (seq === previousSeq && store.getState().session) changed(value);
    },
    samePair,
  );
}

/**
 * Keep the backend in step with the UI: progress events into the store, the view state saved
 * (debounced) and the selection sent when they change (after the frame that shows the change). Returns a function that stops it all.
 */
export function startSync(store: AppStore, backend: Backend): () => void {
  const report = (what: string) => (error: unknown) =>
    store.getState().pushError(`Could not save the ${what}: ${messageOf(error)}`);
  const offEvents = backend.onEvent((event) => store.getState().applyEvent(event));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: ViewState | null = null;
  let sendSelection: (() => void) | null = null;
  let cancelSelection: () => void = () => undefined;
  const flush = () => {
    timer = undefined;
    const view = pending;
    pending = null;
    if (!view) return;
    backend.api
      .setViewState({
        ...view,
        position: [...view.position],
        hidden: [...view.hidden],
        colors: { ...view.colors },
      })
      .catch(report('view'));
  };
  const offView = watchUserChanges(
    store,
    (s) => s.view,
    (view) => {
      pending = view;
      clearTimeout(timer);
      timer = setTimeout(flush, PERSIST_DELAY_MS);
    },
  );
  const offSelection = watchUserChanges(
    store,
    (s) => s.selection,
    // Saved once the change is on screen (an edit that deselects a segment paints first).
    (ids) => {
      cancelSelection();
      sendSelection = () => {
        sendSelection = null;
        backend.api.setSelection({ ids: [...ids] }).catch(report('selection'));
      };
      cancelSelection = afterPaint(sendSelection);
    },
  );
  return () => {
    offEvents();
    offView();
    offSelection();
    cancelSelection();
    sendSelection?.();
    if (timer !== undefined) {
      clearTimeout(timer);
      flush();
    }
  };
}
