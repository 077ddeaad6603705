import type { MeshData } from '../../shared/api/types';
import type { Backend } from '../api/client';
import type { AppStore } from '../state/store';
import { messageOf, newTaskId } from './taskIds';

/**
 * getMesh as a named task: progress shows while the backend meshes, failures reach the banner.
 * Meshes of a restored selection wait until the first slices are drawn.
 */
export function meshLoader(
  store: AppStore,
  backend: Backend,
  firstSlicesDrawn: () => Promise<void> = () => Promise.resolve(),
): (id: string) => Promise<MeshData> {
  return async (id) => {
    await firstSlicesDrawn();
    const taskId = newTaskId('mesh');
    store.getState().taskStarted(taskId, `Meshing segment ${id}`);
    try {
      return await backend.api.getMesh({ id, taskId });
    } catch (error) {
      store.getState().pushError(`Could not mesh segment ${id}: ${messageOf(error)}`);
      throw error;
    } finally {
      store.getState().taskEnded(taskId);
    }
  };
}
