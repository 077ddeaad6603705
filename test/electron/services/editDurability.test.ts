/**
 * Durability: the app (browser mode, a real process) is killed with SIGKILL in the middle of a
 * stream of edits. Every edit it acknowledged must be in the project file when it is reopened,
 * the file must pass SQLite's integrity check, and the reopened state must be what the log says.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnvelope } from '../../../shared/api/codec';
import type { EditOutcome, SegmentSummary } from '../../../shared/api/types';
import type { Vec3 } from '../../../shared/volume/types';
import type { Backend } from '../../../electron/services/backend';
import { callApi, startApp, type RunningApp } from '../../e2e/harness';
import { call, corrected, demoSetup, expectIndexMatches, openDemo, type DemoSetup } from './editTestKit';

let setup: DemoSetup;
let project: string;
let app: RunningApp | undefined;
let reopened: Backend | undefined;

beforeAll(async () => {
  setup = await demoSetup('axon-edit-durability-');
  project = join(setup.dir, 'killed.axonproj');
  // Create the project (sources recorded), then let the server open it by project alone.
  await (await openDemo(setup, project)).close();
}, 120_000);

afterAll(async () => {
  await app?.stop('SIGKILL');
  await reopened?.close();
});

async function api<T>(method: string, request: unknown = {}): Promise<T> {
  const res = await callApi(app!, method, request);
  if (!res.ok) throw new Error(`${method}: ${res.status} ${await res.text()}`);
  return decodeEnvelope(new Uint8Array(await res.arrayBuffer())) as T;
}

/** Distinct places (no two strokes overlap), each painted with a new id. */
const place = (k: number): Vec3 => [2 + 6 * (k % 10), 10 + 12 * Math.floor(k / 10), 128];
const paint = (k: number) => ({
  kind: 'paint',
  id: 'new',
  region: { brush: { centers: [place(k)], radius: 2, plane: 'xy' } },
});

describe('killing the app in the middle of a stream of edits', () => {
  it('keeps every acknowledged edit, and the file passes the integrity check', async () => {
    app = await startApp(['--project', project]);
    for (let i = 0; !(await api<unknown>('getSession')); i++) {
      if (i > 600) throw new Error('the session did not open');
      await new Promise((r) => setTimeout(r, 100));
    }
    const acknowledged: { k: number; outcome: EditOutcome }[] = [];
    let k = 0;
    // Keep two requests in flight so that the kill lands while one is being written.
    const stream = async (): Promise<void> => {
      for (;;) {
        const mine = k++;
        const outcome = await api<EditOutcome>('edit', { command: paint(mine) });
        acknowledged.push({ k: mine, outcome });
      }
    };
    const streams = [stream(), stream()].map((s) => s.catch(() => undefined));
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 5));
    await app.stop('SIGKILL');
    await Promise.all(streams);
    const acked = [...acknowledged];
    expect(acked.length).toBeGreaterThanOrEqual(40);

    const db = new Database(project, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    reopened = await openDemo(setup, project);
    const page = reopened.current.edits.listEdits(0, 1000);
    const logged = new Map(page.entries.map((e) => [e.seq, e]));
    // Anything past the acknowledged edits was in flight: logged whole or not at all.
    console.log(`${k} edits sent, ${acked.length} acknowledged before the kill, ${page.applied} in the file`);
    expect(page.applied).toBeGreaterThanOrEqual(acked.length);
    expect(page.applied).toBeLessThanOrEqual(k);
    for (const { k: at, outcome } of acked) {
      const entry = logged.get(outcome.entry.seq);
      expect(entry, `edit ${outcome.entry.seq}`).toBeDefined();
      expect(entry!.text).toBe(outcome.entry.text);
      expect(entry!.undone).toBe(false);
      const newId = outcome.entry.segmentsAfter.find((id) => !outcome.entry.segmentsBefore.includes(id))!;
      const hit = await call<SegmentSummary>(reopened, 'segmentAt', { voxel: place(at) });
      expect(hit.id).toBe(newId);
    }
    await expectIndexMatches(reopened, await corrected(reopened));
    // Undo works on the replayed history, down to the original segmentation.
    const undone = await reopened.current.edits.undoSteps(page.applied);
    expect(undone?.steps).toBe(page.applied);
    expect(reopened.current.edits.canUndo).toBe(false);
  }, 240_000);
});
