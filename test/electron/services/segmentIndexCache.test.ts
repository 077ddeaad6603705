/**
 * Reopening a project reads the segment index it stored instead of scanning the segmentation
 * again, and only while the segmentation file is the one it was built from.
 */
import { mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SegmentPage } from '../../../shared/api/types';
import { Backend } from '../../../electron/services/backend';
import { writeDemoFiles, type DemoFiles } from '../../../electron/services/demoFiles';
import { ProjectStore } from '../../../electron/services/projectStore';
import { SegmentIndex } from '../../../electron/services/segmentIndex';

const dir = mkdtempSync(join(tmpdir(), 'axon-index-cache-'));
const project = join(dir, 'cache.axonproj');
let files: DemoFiles;

/** Open the project, list every segment, and note whether the segments were scanned. */
async function openAndList(): Promise<{ page: SegmentPage; scanned: boolean }> {
  const backend = new Backend();
  let scanned = false;
  backend.onEvent((e) => {
    if (e.type === 'progress' && e.done > 0 && e.total > 1) scanned = true;
  });
  await backend.open({ image: `${files.image}:raw`, segmentation: `${files.segmentation}:stack`, project });
  const page = await backend.handlers.listSegments({ limit: 1000 });
  await backend.close();
  return { page, scanned };
}

beforeAll(async () => {
  files = await writeDemoFiles(join(dir, 'demo'));
}, 60_000);

describe('stored segment index', () => {
  let first: SegmentPage;

  it('is built by a scan on first open and stored in the project', async () => {
    const opened = await openAndList();
    first = opened.page;
    expect(opened.scanned).toBe(true);
    expect(first.total).toBeGreaterThan(100);
    const store = ProjectStore.open(project);
    const row = store.db
      .prepare("SELECT length(data) AS n FROM derived WHERE key = 'segmentIndex'")
      .get() as {
      n: number;
    };
    store.close();
    expect(row.n).toBeGreaterThan(first.total * 8);
  });

  it('is read back on reopen, equal to the scanned one', async () => {
    const opened = await openAndList();
    expect(opened.scanned).toBe(false);
    expect(opened.page).toEqual(first);
  });

  it('is rebuilt when the segmentation file changes', async () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(files.segmentation, later, later);
    const opened = await openAndList();
    expect(opened.scanned).toBe(true);
    expect(opened.page).toEqual(first);
  });

  it('refuses bytes that are not a whole index', () => {
    expect(SegmentIndex.fromBytes(new Uint8Array(40))).toBeUndefined();
    expect(SegmentIndex.fromBytes(new Uint8Array(16))).toBeUndefined();
  });
});
