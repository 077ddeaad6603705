import type { BackendEvent } from '../../shared/api/types';

/** What Electron's preload exposes as window.axonApi (structured clone keeps bigint and typed arrays). */
export interface AxonBridge {
  invoke(method: string, request: unknown): Promise<unknown>;
  onEvent(listener: (event: BackendEvent) => void): () => void;
}

/** A transport: one call per API method plus the progress event stream. */
export interface Transport {
  invoke(method: string, request: unknown): Promise<unknown>;
  onEvent(listener: (event: BackendEvent) => void): () => void;
}

/** Parse a WebSocket text message into an event; anything else is ignored. */
export function parseEvent(text: string): BackendEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const e = value as Record<string, unknown>;
  if (typeof e.taskId !== 'string') return null;
  if (
    e.type === 'progress' &&
    typeof e.label === 'string' &&
    typeof e.done === 'number' &&
    typeof e.total === 'number'
  ) {
    return { type: 'progress', taskId: e.taskId, label: e.label, done: e.done, total: e.total };
  }
  if (e.type === 'taskEnd') {
    return {
      type: 'taskEnd',
      taskId: e.taskId,
      ...(typeof e.error === 'string' ? { error: e.error } : {}),
      ...(e.cancelled === true ? { cancelled: true } : {}),
    };
  }
  return null;
}

/**
 * The browser-mode token: taken from the page URL once (then kept in sessionStorage so reloads
 * work) and removed from the address bar so that it does not end up in screenshots or history.
 */
export function takeToken(
  href: string,
  stored: string | null,
): { token: string | null; cleanUrl: string | null } {
  const url = new URL(href);
  const fromUrl = url.searchParams.get('token');
  if (!fromUrl) return { token: stored, cleanUrl: null };
  url.searchParams.delete('token');
  return { token: fromUrl, cleanUrl: url.pathname + url.search + url.hash };
}

/** The event socket's address for a page served at `href`. */
export function eventsUrl(href: string, token: string): string {
  const url = new URL(href);
  const scheme = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${url.host}/events?token=${encodeURIComponent(token)}`;
}
