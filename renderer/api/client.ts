import type { ApiClient } from '../../shared/api/contract';
import type { BackendEvent } from '../../shared/api/types';
import type { AxonBridge, Transport } from './bridge';
import { createHttpTransport } from './httpTransport';

declare global {
  interface Window {
    /** Set by Electron's preload; absent in browser mode. */
    readonly axonApi?: AxonBridge;
  }
}

/** The backend as the renderer sees it: the typed API and the progress event stream. */
export interface Backend {
  readonly api: ApiClient;
  onEvent(listener: (event: BackendEvent) => void): () => void;
}

/**
 * The typed client over any transport: one function per contract method. A Proxy rather than a
 * list of the methods, so that the page does not bundle the contract's zod schemas; the backend
 * validates every request anyway.
 */
export function clientFor(transport: Transport): ApiClient {
  const calls = new Map<string, (request: unknown) => Promise<unknown>>();
  return new Proxy({} as ApiClient, {
    get(_target, method) {
      if (typeof method !== 'string') return undefined;
      let call = calls.get(method);
      if (!call) calls.set(method, (call = (request: unknown) => transport.invoke(method, request ?? {})));
      return call;
    },
  });
}

/** Electron's bridge when the preload provided one, else HTTP to the browser-mode server. */
export function connectBackend(): Backend {
  const transport: Transport = window.axonApi ?? createHttpTransport();
  return { api: clientFor(transport), onEvent: (listener) => transport.onEvent(listener) };
}
