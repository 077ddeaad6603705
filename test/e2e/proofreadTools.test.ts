import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bookmark, SegmentReview, SegmentSummary } from '../../shared/api/types';
import { generateDemo } from '../../shared/demo/generateDemo';
import type { DemoVolume } from '../../shared/demo/types';
import type { Vec3 } from '../../shared/volume/types';
import { cleanAxonVoxel, waitForApp } from './foundationKit';
import { launchBrowser, screenshot, startApp, type RunningApp } from './harness';
import { api, axonState, pointAt, screenPoint, waitForState, zoomTo } from './proofreadKit';

/**
 * Issue 3's other tools end to end: the brush paints and erases the selected segment with one
 * edit per stroke (and undo takes both back), the review form saves status, type and note, "next
 * unreviewed axon" (N) follows the types, and bookmarks are added, jumped to and deleted.
 */
describe('brush, review and bookmarks in browser mode', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let demo: DemoVolume;
  let axon: { voxel: Vec3; segment: bigint };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    demo = generateDemo();
    const home = mkdtempSync(join(tmpdir(), 'axon-proofread-tools-e2e-'));
    app = await startApp([], { AXON_PROOFREADER_HOME: home });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(app.url);
    await waitForApp(page);
    await zoomTo(page, 'xy', 0.6);
    axon = cleanAxonVoxel(demo, (await axonState(page)).view.position[0]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const segmentAt = async (v: Vec3) =>
    (await api<SegmentSummary | null>(app, 'segmentAt', { voxel: v }))?.id ?? 0n;

  /** Drag in XY from voxel `from` to voxel `to` (a brush stroke with a brush tool). */
  async function drag(from: Vec3, to: Vec3): Promise<void> {
    const a = await screenPoint(page, 'xy', from);
    const b = await screenPoint(page, 'xy', to);
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move(b.x, b.y, { steps: 12 });
    await page.mouse.up();
  }

  async function editDone(seq: number, kind: string): Promise<void> {
    await waitForState(
      page,
      ([n, k]) => {
        const s = window.__axon!.getState();
        return s.editSeq === n + 1 && s.lastOutcome?.kind === k && s.editsInFlight === 0;
      },
      [seq, kind] as const,
    );
  }

  it('paints and erases the selected segment, one edit per stroke, and undoes both', async () => {
    const { x, y } = await pointAt(page, axon.voxel);
    await page.mouse.dblclick(x, y);
    await waitForState(page, (id) => window.__axon!.getState().selection[0] === id, axon.segment.toString());
    // A stroke from the axon outwards along x, past its edge.
    const from = axon.voxel;
    const to: Vec3 = [from[0], from[1], from[2] + 14];
    const line = Array.from({ length: 15 }, (_, k): Vec3 => [from[0], from[1], from[2] + k]);
    const before = await Promise.all(line.map(segmentAt));
    expect(before.some((id) => id !== axon.segment)).toBe(true);

    await page.keyboard.press('b');
    await page.keyboard.press('-');
    await waitForState(page, () => window.__axon!.getState().brushRadius === 2, undefined);
    let seq = (await axonState(page)).editSeq;
    await drag(from, to);
    await editDone(seq, 'paint');
    expect(await Promise.all(line.map(segmentAt))).toEqual(line.map(() => axon.segment));
    const painted = await axonState(page);
    expect(painted.lastOutcome?.box).not.toBeNull();
    expect(painted.lastOutcome?.changed).toContain(axon.segment.toString());
    await screenshot(page, 'proofread-brush');

    await page.keyboard.press('e');
    seq = painted.editSeq;
    await drag(from, to);
    await editDone(seq, 'erase');
    expect(await Promise.all(line.map(segmentAt))).toEqual(line.map(() => 0n));
    await waitForState(page, () => window.__axon!.getState().history?.total === 2, undefined);

    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await waitForState(page, () => window.__axon!.getState().history?.applied === 0, undefined);
    expect(await Promise.all(line.map(segmentAt))).toEqual(before);
    const state = await axonState(page);
    expect([state.canUndo, state.canRedo]).toEqual([false, true]);
    expect(state.errors).toEqual([]);
  }, 120_000);

  it('saves the review of the selected segment and finds the next unreviewed axon with N', async () => {
    const id = axon.segment.toString();
    expect((await axonState(page)).selection).toEqual([id]);
    const review = () => api<SegmentReview>(app, 'getReview', { id });
    await page.getByTestId('review-type').selectOption('axon');
    await expect.poll(async () => (await review()).type, { timeout: 15_000 }).toBe('axon');
    await page.getByTestId('review-note').fill('thin, follows the membrane');
    await page.getByTestId('slice-view-xy').focus(); // leaving the field saves the note
    await expect
      .poll(async () => (await review()).note, { timeout: 15_000 })
      .toBe('thin, follows the membrane');

    // With nothing selected, N finds the only unreviewed axon and jumps there.
    await page.keyboard.press('Escape');
    await waitForState(page, () => window.__axon!.getState().selection.length === 0, undefined);
    await page.keyboard.press('n');
    await waitForState(page, (want) => window.__axon!.getState().selection.join() === want, id);

    // Once it is marked correct, N falls back to the next unreviewed segment of any type.
    await page.getByTestId('review-status').selectOption('correct');
    await expect.poll(async () => (await review()).status, { timeout: 15_000 }).toBe('correct');
    await page.getByTestId('slice-view-xy').focus();
    await page.keyboard.press('n');
    await waitForState(
      page,
      (old) => {
        const s = window.__axon!.getState();
        return s.selection.length === 1 && s.selection[0] !== old;
      },
      id,
    );
    const state = await axonState(page);
    expect(state.hint).toMatch(/no unreviewed axon/i);
    const next = state.selection[0]!;
    expect((await api<SegmentReview>(app, 'getReview', { id: next })).status).toBe('unreviewed');
  }, 120_000);

  it('adds a bookmark at the crosshair, jumps back to it and deletes it', async () => {
    await page.getByTestId('tab-bookmarks').click();
    const here = (await axonState(page)).view.position;
    await page.getByTestId('bookmark-note').fill('synapse?');
    await page.getByTestId('bookmark-add').click();
    const [bookmark] = await (async () => {
      await expect
        .poll(async () => (await api<Bookmark[]>(app, 'listBookmarks')).length, { timeout: 15_000 })
        .toBe(1);
      return api<Bookmark[]>(app, 'listBookmarks');
    })();
    expect(bookmark!.voxel).toEqual(here);
    expect(bookmark!.note).toBe('synapse?');
    const row = page.getByTestId(`bookmark-${bookmark!.id}`);
    await expect(row.textContent()).resolves.toContain('synapse?');

    await page.getByTestId('slice-view-xy').focus();
    await page.keyboard.press(here[0] > 30 ? 'Shift+PageUp' : 'Shift+PageDown');
    await waitForState(page, (z) => window.__axon!.getState().view.position[0] !== z, here[0]);
    await row.click();
    await waitForState(page, (want) => window.__axon!.getState().view.position.join() === want, here.join());

    await page.getByTestId(`bookmark-delete-${bookmark!.id}`).click();
    await expect
      .poll(async () => (await api<Bookmark[]>(app, 'listBookmarks')).length, { timeout: 15_000 })
      .toBe(0);
    await row.waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
    expect((await axonState(page)).errors).toEqual([]);
  }, 120_000);
});
