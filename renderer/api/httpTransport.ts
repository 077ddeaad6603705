import { decodeEnvelope } from '../../shared/api/codec';
import type { BackendEvent } from '../../shared/api/types';
import { eventFrom, eventsUrl, parseEvent, takeToken, type Transport } from './bridge';

const TOKEN_KEY = 'axon.token';

/** Browser mode: POST /api/METHOD with the bearer token; events over a WebSocket that reconnects. */
export function createHttpTransport(): Transport {
  const { token, cleanUrl } = takeToken(window.location.href, sessionStorage.getItem(TOKEN_KEY));
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  if (cleanUrl !== null) window.history.replaceState(window.history.state, '', cleanUrl);
  const events = new EventSocket(token ?? '');
  return {
    invoke: (method, request) => post(method, request, token ?? ''),
    onEvent: (listener) => events.add(listener),
  };
}

async function post(method: string, request: unknown, token: string): Promise<unknown> {
  const res = await fetch(`/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(request ?? {}),
  });
  if (res.ok) return decodeEnvelope(new Uint8Array(await res.arrayBuffer()));
  let message = `${method} failed: HTTP ${res.status} ${res.statusText}`;
  try {
    const body = (await res.json()) as { error?: unknown };
    if (typeof body.error === 'string') message = body.error;
  } catch {
    // Not JSON: keep the HTTP status as the message.
  }
  throw new Error(message);
}

/** An event sent as a binary envelope (bigint ids and typed arrays intact). */
function binaryEvent(data: unknown): BackendEvent | null {
  if (!(data instanceof ArrayBuffer)) return null;
  try {
    return eventFrom(decodeEnvelope(new Uint8Array(data)));
  } catch {
    return null;
  }
}

/** One WebSocket shared by all listeners, opened on first use, reopened quietly when it drops. */
class EventSocket {
  private readonly listeners = new Set<(event: BackendEvent) => void>();
  private socket: WebSocket | null = null;
  private retryMs = 500;

  constructor(private readonly token: string) {}

  add(listener: (event: BackendEvent) => void): () => void {
    this.listeners.add(listener);
    if (!this.socket) this.open();
    return () => this.listeners.delete(listener);
  }

  private open(): void {
    const socket = new WebSocket(eventsUrl(window.location.href, this.token));
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = 500;
    };
    socket.binaryType = 'arraybuffer';
    socket.onmessage = (message: MessageEvent) => {
      const event = typeof message.data === 'string' ? parseEvent(message.data) : binaryEvent(message.data);
      if (event) for (const listener of this.listeners) listener(event);
    };
    socket.onclose = () => {
      this.socket = null;
      if (this.listeners.size === 0) return;
      setTimeout(() => {
        if (!this.socket && this.listeners.size > 0) this.open();
      }, this.retryMs);
      this.retryMs = Math.min(10_000, this.retryMs * 2);
    };
  }
}
