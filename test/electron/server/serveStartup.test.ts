/**
 * Browser mode started on files that cannot be opened: the server still serves the page, and the
 * page's first getSession is told why (naming the file), so it shows the problem instead of
 * quietly opening the demo. A reload after that gets no session and opens the demo as usual.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeEnvelope } from '../../../shared/api/codec';
import { serve } from '../../../electron/server/serve';
import type { BrowserServer } from '../../../electron/server/browserServer';
import type { Backend } from '../../../electron/services/backend';

const dir = mkdtempSync(join(tmpdir(), 'axon-serve-startup-'));
let running: { server: BrowserServer; backend: Backend } | undefined;

afterAll(async () => {
  await running?.server.close();
  await running?.backend.close();
});

async function getSession(url: string): Promise<{ status: number; body: Uint8Array }> {
  const token = new URL(url).searchParams.get('token')!;
  const reply = await fetch(new URL('/api/getSession', url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  return { status: reply.status, body: new Uint8Array(await reply.arrayBuffer()) };
}

describe('serve with volumes that cannot be opened', () => {
  it('tells the first getSession why, naming the file, then has no session', async () => {
    const image = join(dir, 'not-hdf5.h5');
    writeFileSync(image, 'this is not an HDF5 file');
    const segmentation = join(dir, 'missing.h5');
    const errors: string[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => void errors.push(a.join(' '));
    try {
      running = await serve({ port: 0, image: `${image}:raw`, segmentation: `${segmentation}:stack` });
      const first = await getSession(running.server.url);
      expect(first.status).toBe(500);
      expect(new TextDecoder().decode(first.body)).toMatch(/not-hdf5\.h5|missing\.h5/);
      const second = await getSession(running.server.url);
      expect(second.status).toBe(200);
      expect(decodeEnvelope(second.body)).toBeNull();
      expect(errors.join('\n')).toMatch(/axon-proofreader: .*(not-hdf5\.h5|missing\.h5)/);
    } finally {
      console.error = original;
    }
  });
});
