import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bookmark, SegmentReview, SegmentSummary } from '../../../shared/api/types';
import type { Backend } from '../../../electron/services/backend';
import { APPLICATION_ID, migrations } from '../../../electron/services/projectMigrations';
import { ProjectStore } from '../../../electron/services/projectStore';
import { call, demoSetup, edit, openDemo, type DemoSetup } from './editTestKit';

let setup: DemoSetup;
let backend: Backend;
let project: string;

beforeAll(async () => {
  setup = await demoSetup('axon-review-');
  project = join(setup.dir, 'review.axonproj');
  backend = await openDemo(setup, project);
}, 120_000);

afterAll(async () => {
  await backend.close();
});

const bySize = async (n: number): Promise<SegmentSummary[]> =>
  (await backend.handlers.listSegments({ limit: n })).segments as SegmentSummary[];

describe('segment reviews', () => {
  it('defaults to unreviewed/unknown and keeps what is set, field by field', async () => {
    const [s] = await bySize(1);
    const id = String(s!.id);
    expect(await call(backend, 'getReview', { id })).toEqual({
      id: s!.id,
      status: 'unreviewed',
      type: 'unknown',
      note: '',
    });
    await call(backend, 'setReview', { id, type: 'axon' });
    const review = await call<SegmentReview>(backend, 'setReview', {
      id,
      status: 'in-progress',
      note: 'check the end',
    });
    expect(review).toEqual({ id: s!.id, status: 'in-progress', type: 'axon', note: 'check the end' });
    await expect(call(backend, 'setReview', { id: '12345', status: 'correct' })).rejects.toThrow(
      /segment 12345 does not exist/,
    );
  });

  it('walks the unreviewed segments by descending size, with or without a type', async () => {
    const top = await bySize(6);
    const ids = top.map((s) => String(s.id));
    // top[0] is in progress (above); mark top[1] correct and top[3] a dendrite.
    await call(backend, 'setReview', { id: ids[1]!, status: 'correct' });
    await call(backend, 'setReview', { id: ids[3]!, type: 'dendrite' });
    const next = (after?: string, type?: string) =>
      call<SegmentSummary | null>(backend, 'nextUnreviewed', {
        ...(after ? { after } : {}),
        ...(type ? { type } : {}),
      });
    expect((await next())!.id).toBe(top[2]!.id);
    expect((await next(ids[2]))!.id).toBe(top[3]!.id);
    expect((await next(ids[3]))!.id).toBe(top[4]!.id);
    expect((await next(undefined, 'dendrite'))!.id).toBe(top[3]!.id);
    expect(await next(ids[3], 'dendrite')).toBeNull();
    expect(await next(undefined, 'glia')).toBeNull();
  });

  it('follows edits: a merged-away segment leaves the walk, sizes change the order', async () => {
    const fragment = setup.manifest.errors.find((e) => e.kind === 'fragment')!;
    const [piece, host] = fragment.seeds.map((s) => s.segmentId) as [string, string];
    const before = (await backend.handlers.listSegments({ limit: 1000 })).total;
    await edit(backend, { kind: 'merge', target: host, source: piece });
    expect((await backend.handlers.listSegments({ limit: 1000 })).total).toBe(before - 1);
    let at: SegmentSummary | null = null;
    const seen: bigint[] = [];
    while (
      (at = await call<SegmentSummary | null>(backend, 'nextUnreviewed', at ? { after: String(at.id) } : {}))
    ) {
      seen.push(at.id);
    }
    expect(seen).not.toContain(BigInt(piece));
    expect(seen).toContain(BigInt(host));
    expect(seen.length).toBe(before - 1 - 2); // two are reviewed (in progress, correct)
  });
});

describe('bookmarks', () => {
  it('are added, listed, deleted, and refused outside the volume', async () => {
    const a = await call<Bookmark>(backend, 'addBookmark', { voxel: [10, 20, 30], note: 'odd branch' });
    const b = await call<Bookmark>(backend, 'addBookmark', { voxel: [63, 255, 255], note: '' });
    expect(a).toMatchObject({ voxel: [10, 20, 30], note: 'odd branch' });
    expect(Date.parse(a.createdAt)).not.toBeNaN();
    expect((await call<Bookmark[]>(backend, 'listBookmarks')).map((m) => m.id)).toEqual([a.id, b.id]);
    expect(await call(backend, 'deleteBookmark', { id: b.id })).toBe(true);
    expect(await call(backend, 'deleteBookmark', { id: b.id })).toBe(false);
    await expect(call(backend, 'addBookmark', { voxel: [64, 0, 0], note: '' })).rejects.toThrow(
      /\(64, 0, 0\) zyx is outside the volume 64x256x256/,
    );
  });
});

describe('reviews and bookmarks live in the project file', () => {
  it('are there after reopening', async () => {
    const [s] = await bySize(1);
    await backend.close();
    backend = await openDemo(setup, project);
    expect(await call(backend, 'getReview', { id: String(s!.id) })).toMatchObject({
      status: 'in-progress',
      type: 'axon',
      note: 'check the end',
    });
    expect((await call<Bookmark[]>(backend, 'listBookmarks')).map((m) => m.note)).toEqual(['odd branch']);
  });

  it('a project from before proofreading (schema 1) gains the tables when opened', () => {
    const path = join(setup.dir, 'old.axonproj');
    const db = new Database(path);
    db.exec(migrations[0]!);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('user_version = 1');
    db.close();
    const store = ProjectStore.open(path);
    expect(store.schemaVersion).toBe(migrations.length);
    const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['edits', 'edit_actions', 'reviews', 'bookmarks']));
    store.close();
  });
});
