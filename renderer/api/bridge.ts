import type { BackendEvent, EditOutcome } from '../../shared/api/types';

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

/** JSON.parse reviver for the envelope convention: {"$big": "123"} is a bigint. */
function reviveBig(_key: string, v: unknown): unknown {
  if (v && typeof v === 'object' && typeof (v as { $big?: unknown }).$big === 'string')
    return BigInt((v as { $big: string }).$big);
  return v;
}

const isIdList = (v: unknown): boolean =>
  Array.isArray(v) && v.every((id) => typeof id === 'bigint' || typeof id === 'string');

/** Enough of an EditOutcome for the UI to act on (ids may come as bigint or decimal strings). */
function isOutcome(v: unknown): v is EditOutcome {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  const entry = o.entry as Record<string, unknown> | null | undefined;
  return (
    (o.action === 'do' || o.action === 'undo' || o.action === 'redo') &&
    isIdList(o.changed) &&
    isIdList(o.removed) &&
    typeof o.canUndo === 'boolean' &&
    typeof o.canRedo === 'boolean' &&
    !!entry &&
    typeof entry.seq === 'number' &&
    isIdList(entry.segmentsBefore) &&
    isIdList(entry.segmentsAfter)
  );
}

/** A decoded event message (JSON text or a binary envelope) as an event, or null. */
export function eventFrom(value: unknown): BackendEvent | null {
  if (!value || typeof value !== 'object') return null;
  const e = value as Record<string, unknown>;
  if (e.type === 'edited') return isOutcome(e.outcome) ? { type: 'edited', outcome: e.outcome } : null;
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

/** Parse a WebSocket text message into an event; anything else is ignored. */
export function parseEvent(text: string): BackendEvent | null {
  try {
    return eventFrom(JSON.parse(text, reviveBig));
  } catch {
    return null;
  }
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
