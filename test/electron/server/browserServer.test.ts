/**
 * Browser mode's server on a real socket: loopback only, the per-run token on every call and on
 * the event socket, a Host check against DNS rebinding, requests validated against the contract,
 * and the strict CSP on the page it serves.
 */
import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnvelope } from '../../../shared/api/codec';
import { startBrowserServer, type BrowserServer } from '../../../electron/server/browserServer';
import { CONTENT_SECURITY_POLICY } from '../../../electron/server/csp';
import { Backend } from '../../../electron/services/backend';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** A raw HTTP request, so that the Host header can be set as an attacker's page would. */
function send(port: number, path: string, options: { headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.body === undefined ? 'GET' : 'POST',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser-mode server', () => {
  const staticDir = mkdtempSync(join(tmpdir(), 'axon-static-'));
  const backend = new Backend();
  let server: BrowserServer;
  let auth: Record<string, string>;

  beforeAll(async () => {
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    server = await startBrowserServer(backend, { staticDir });
    auth = { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' };
  });

  afterAll(async () => {
    await server.close();
    await backend.close();
  });

  it('listens on 127.0.0.1 with a long random token', () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    expect(server.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('answers a call with the token, in the binary envelope', async () => {
    const reply = await send(server.port, '/api/getSession', { headers: auth, body: '{}' });
    expect(reply.status).toBe(200);
    expect(decodeEnvelope(new Uint8Array(reply.body))).toBeNull();
  });

  it('refuses calls without the token or with a wrong one', async () => {
    expect((await send(server.port, '/api/getSession', { body: '{}' })).status).toBe(401);
    const wrong = { ...auth, Authorization: `Bearer ${'0'.repeat(48)}` };
    expect((await send(server.port, '/api/getSession', { headers: wrong, body: '{}' })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const reply = await send(server.port, '/api/getSession', {
      headers: { ...auth, Host: 'evil.example:80' },
      body: '{}',
    });
    expect(reply.status).toBe(403);
  });

  it('rejects unknown methods and malformed arguments naming the problem', async () => {
    const unknown = await send(server.port, '/api/deleteEverything', { headers: auth, body: '{}' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.toString()).toContain('deleteEverything');
    const bad = await send(server.port, '/api/getSlice', {
      headers: auth,
      body: JSON.stringify({ axis: 'ab', index: 0 }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.toString()).toMatch(/axis/);
    const extra = await send(server.port, '/api/setSelection', {
      headers: auth,
      body: JSON.stringify({ ids: ['1'], evil: true }),
    });
    expect(extra.status).toBe(400);
    const notJson = await send(server.port, '/api/getSession', { headers: auth, body: '{not json' });
    expect(notJson.status).toBe(400);
  });

  it('serves the page with the strict CSP and never a file outside its folder', async () => {
    const page = await send(server.port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    const escape = await send(server.port, '/../../../../etc/passwd');
    expect(escape.status).toBe(404);
    const encoded = await send(server.port, '/..%2f..%2f..%2fetc%2fpasswd');
    expect(encoded.status).toBe(404);
  });

  it('opens the event socket only with the token', async () => {
    const base = `ws://127.0.0.1:${server.port}/events`;
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${base}?token=nope`);
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('refused'));
    });
    expect(refused).toBe('refused');
    const ws = new WebSocket(`${base}?token=${server.token}`);
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => resolve());
      ws.on('error', reject);
    });
    // A task's progress reaches the socket as JSON.
    const received = new Promise<unknown>((resolve) =>
      ws.once('message', (m: Buffer) => resolve(JSON.parse(m.toString()))),
    );
    void backend.tasks.run('Test task', 'evt-1', (ctx) => {
      ctx.progress(1, 2);
      return Promise.resolve(null);
    });
    await expect(received).resolves.toMatchObject({ type: 'progress', taskId: 'evt-1', label: 'Test task' });
    ws.close();
  });
});
