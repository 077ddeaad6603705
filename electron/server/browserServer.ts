import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiValidationError } from '../../shared/api/contract';
import { encodeEnvelope } from '../../shared/api/codec';
import type { Backend } from '../services/backend';
import { dispatch } from '../services/dispatch';
import { CONTENT_SECURITY_POLICY } from './csp';

export interface BrowserServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

const MAX_BODY = 1024 * 1024;

/**
 * Browser mode: the API contract over HTTP (POST /api/METHOD) and progress events over a
 * WebSocket (/events), on 127.0.0.1 only, every call checked against a per-run token.
 */
export async function startBrowserServer(
  backend: Backend,
  options: { port?: number; staticDir: string; token?: string },
): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const server = createServer((req, res) => {
    void handle(req, res, backend, token, options.staticDir);
  });
  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (
      url.pathname !== '/events' ||
      !tokenMatches(url.searchParams.get('token'), token) ||
      !hostAllowed(req)
    ) {
      socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => attachEvents(ws, backend));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () => closeServer(server, sockets),
  };
}

function attachEvents(ws: WebSocket, backend: Backend): void {
  // bigint ids ('edited' events) travel as {"$big": "..."}, which the page's parseEvent revives.
  const off = backend.onEvent((event) =>
    ws.send(JSON.stringify(event, (_k, v: unknown) => (typeof v === 'bigint' ? { $big: v.toString() } : v))),
  );
  ws.on('close', off);
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  backend: Backend,
  token: string,
  staticDir: string,
) {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  if (!hostAllowed(req)) return sendJson(res, 403, { error: 'forbidden host' });
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith('/api/')) {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'API calls are POST' });
    const auth = req.headers.authorization ?? '';
    if (!tokenMatches(auth.replace(/^Bearer /, ''), token))
      return sendJson(res, 401, { error: 'missing or wrong token' });
    return handleApi(req, res, backend, url.pathname.slice('/api/'.length));
  }
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return sendJson(res, 405, { error: 'method not allowed' });
  serveStatic(res, staticDir, url.pathname);
}

async function handleApi(req: IncomingMessage, res: ServerResponse, backend: Backend, method: string) {
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req)) || '{}');
  } catch (error) {
    return sendJson(res, 400, { error: `invalid request to ${method}: ${(error as Error).message}` });
  }
  try {
    const result = await dispatch(backend, method, body);
    const bytes = encodeEnvelope(result);
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.byteLength });
    res.end(bytes);
  } catch (error) {
    const status = error instanceof ApiValidationError ? 400 : 500;
    sendJson(res, status, { error: (error as Error).message });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function serveStatic(res: ServerResponse, root: string, pathname: string): void {
  const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(
    /^([/\\])+/,
    '',
  );
  const file = join(root, relative);
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    if (!existsSync(join(root, 'index.html'))) {
      return sendJson(res, 404, {
        error: `the renderer is not built (${root} is missing): run npm run build:renderer`,
      });
    }
    return sendJson(res, 404, { error: 'not found' });
  }
  res.writeHead(200, {
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Cache-Control': 'no-cache',
  });
  createReadStream(file).pipe(res);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(body);
}

function tokenMatches(given: string | null, token: string): boolean {
  if (!given || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

/** Refuse requests whose Host is not loopback: a defence against DNS rebinding. */
function hostAllowed(req: IncomingMessage): boolean {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

function closeServer(server: Server, sockets: WebSocketServer): Promise<void> {
  for (const client of sockets.clients) client.terminate();
  sockets.close();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
