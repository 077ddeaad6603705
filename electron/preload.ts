import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isApiMethod } from '../shared/api/contract';
import type { BackendEvent } from '../shared/api/types';

type Reply = { ok: true; value: unknown } | { ok: false; error: string };

/** Exposes exactly the contract's methods and the event stream; never ipcRenderer itself. */
contextBridge.exposeInMainWorld('axonApi', {
  invoke: async (method: string, request: unknown): Promise<unknown> => {
    if (!isApiMethod(method)) throw new Error(`unknown API method '${method}'`);
    const reply = (await ipcRenderer.invoke('axon:invoke', method, request)) as Reply;
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  },
  onEvent: (listener: (event: BackendEvent) => void): (() => void) => {
    const handler = (_event: IpcRendererEvent, payload: BackendEvent) => listener(payload);
    ipcRenderer.on('axon:event', handler);
    return () => ipcRenderer.removeListener('axon:event', handler);
  },
});
