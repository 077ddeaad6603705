import type { Backend } from '../api/client';
import type { AppStore } from '../state/store';
import { messageOf, newTaskId } from './taskIds';

export interface OpenSpec {
  readonly image?: string;
  readonly segmentation?: string;
}

/**
 * Open volumes as a named task (so the progress bar shows it and Cancel works) and adopt the
 * new session. Rejects with the backend's message; the caller decides where to show it.
 */
export async function openVolumes(store: AppStore, backend: Backend, spec: OpenSpec): Promise<void> {
  const taskId = newTaskId('open');
  const label = spec.image ? `Opening ${spec.image}` : 'Opening the demo volume';
  store.getState().taskStarted(taskId, label);
  try {
    const session = await backend.api.openVolumes({ ...spec, taskId });
    store.getState().applySession(session);
  } finally {
    store.getState().taskEnded(taskId);
  }
}

/** On start: adopt the backend's session, or ask it to open the demo when it has none. */
export async function bootstrap(store: AppStore, backend: Backend): Promise<void> {
  try {
    const session = await backend.api.getSession({});
    if (session) store.getState().applySession(session);
    else await openVolumes(store, backend, {});
  } catch (error) {
    store.getState().pushError(`Could not open a volume: ${messageOf(error)}`);
  }
}

export async function cancelTask(store: AppStore, backend: Backend, taskId: string): Promise<void> {
  try {
    await backend.api.cancelTask({ taskId });
  } catch (error) {
    store.getState().pushError(`Could not cancel: ${messageOf(error)}`);
  }
}
