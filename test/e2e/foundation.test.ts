import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentColor } from '../../shared/color/segmentColor';
import { generateDemo } from '../../shared/demo/generateDemo';
import type { DemoVolume } from '../../shared/demo/types';
import type { Vec3 } from '../../shared/volume/types';
import { callApi, launchBrowser, screenshot, startApp, type RunningApp } from './harness';
import { cleanAxonVoxel, countNearColorIn, waitForApp, xyScreenPoint } from './foundationKit';

/**
 * The foundation issue's end-to-end check: the demo opens in browser mode in Debian's Chromium,
 * hovering reports the voxel and segment, double-clicking an axon in XY selects it, the segment
 * panel lists it and the 3D view draws its mesh in the segment's colour; bad input shows an error
 * naming the file while the open volume stays; the server insists on its token.
 */
describe('foundation: the demo in browser mode', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let demo: DemoVolume;

  beforeAll(async () => {
    demo = generateDemo();
    app = await startApp();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(app.url);
    await waitForApp(page);
    // The project remembers the selection of earlier runs: start from none.
    const clear = page.getByTestId('clear-selection');
    if (await clear.isVisible()) await clear.click();
    await page.waitForFunction(() => window.__axon!.getState().selection.length === 0);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the three slice views, the 3D view and the segment panel of the demo', async () => {
    for (const id of ['slice-view-xy', 'slice-view-xz', 'slice-view-yz', 'view-3d', 'segment-panel']) {
      await expect(page.getByTestId(id).isVisible()).resolves.toBe(true);
    }
    const state = await page.evaluate(() => window.__axon!.getState());
    expect(state.session?.shape).toEqual(demo.shape);
    expect(state.session?.resolution).toEqual(demo.resolution);
    expect(state.errors).toEqual([]);
    await screenshot(page, 'foundation-demo-open');
  });

  it('double-clicking an axon in XY selects it, lists it and draws its mesh in 3D', async () => {
    const state = await page.evaluate(() => window.__axon!.getState());
    const z = state.view.position[0];
    const { voxel, segment } = cleanAxonVoxel(demo, z);
    const point = await xyScreenPoint(page, voxel);

    // The status bar reports the voxel and the segment under the pointer.
    await page.mouse.move(point.x, point.y);
    await page.waitForFunction(
      ([v, id]) => {
        const h = window.__axon!.getState().hover;
        return h !== null && h.voxel.join(',') === v && String(h.id) === id;
      },
      [voxel.join(','), segment.toString()] as const,
    );
    await expect(page.getByTestId('status-segment').textContent()).resolves.toContain(segment.toString());

    // Hide the slice planes so the 3D canvas shows meshes only, then measure its colours.
    await page.getByTestId('planes-toggle').click();
    const colour = segmentColor(segment);
    const before = await countNearColorIn(page, await page.getByTestId('view-3d').screenshot(), colour);

    await page.mouse.dblclick(point.x, point.y);
    await page.waitForFunction((id) => window.__axon!.getState().selection.includes(id), segment.toString());
    await expect(page.getByTestId(`selected-segment-${segment}`).isVisible()).resolves.toBe(true);
    await page.waitForFunction(() => window.__axon!.meshesShown >= 1, undefined, { timeout: 60_000 });
    await page.getByTestId('frame-selection').click();
    await page.waitForTimeout(300); // one animation frame or two after framing
    const view3d = await page.getByTestId('view-3d').screenshot();
    const after = await countNearColorIn(page, view3d, colour);
    await screenshot(page, 'foundation-axon-selected');
    // The mesh covers a visible part of the 3D canvas in the segment's own colour (shaded).
    expect(before).toBeLessThan(50);
    expect(after).toBeGreaterThan(500);

    // The panel's search finds the selected segment by id, with its voxel count.
    await page.getByTestId('segment-search').fill(segment.toString());
    await page.getByTestId(`segment-row-${segment}`).waitFor();
    const row = await page.getByTestId(`segment-row-${segment}`).textContent();
    const voxels = demo.segmentation.reduce((n, id) => (id === segment ? n + 1 : n), 0);
    expect(row?.replace(/[,\s\u202f]/g, '')).toContain(String(voxels));
    await page.getByTestId('segment-search').fill('');
  }, 120_000);

  it('scrolling in XY moves to the next slice and redraws', async () => {
    const { x, y } = await xyScreenPoint(page, [0, 128, 128] as Vec3);
    const z0 = await page.evaluate(() => window.__axon!.getState().view.position[0]);
    const redraws = await page.evaluate(() => window.__axon!.redrawTimings().length);
    await page.mouse.move(x, y);
    await page.mouse.wheel(0, 100);
    await page.waitForFunction((z) => window.__axon!.getState().view.position[0] !== z, z0);
    const z1 = await page.evaluate(() => window.__axon!.getState().view.position[0]);
    expect(Math.abs(z1 - z0)).toBe(1);
    await page.waitForFunction((n) => window.__axon!.redrawTimings().length > n, redraws);
  });

  it('pans all views by dragging and zooms about the pointer with Ctrl+wheel', async () => {
    const { x, y } = await xyScreenPoint(page, [0, 128, 128] as Vec3);
    const before = await page.evaluate(() => window.__axon!.getState());
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 40, y + 20, { steps: 5 });
    await page.mouse.up();
    const panned = await page.evaluate(() => window.__axon!.getState());
    const res = before.session!.resolution;
    // Dragging right/down by (40, 20) px moves the centre left/up by that many nm / zoom.
    expect(panned.center[2]).toBeCloseTo(before.center[2] - 40 / (res[2] * before.view.zoom), 1);
    expect(panned.center[1]).toBeCloseTo(before.center[1] - 20 / (res[1] * before.view.zoom), 1);
    expect(panned.view.position).toEqual(before.view.position);

    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -200);
    await page.keyboard.up('Control');
    await page.waitForFunction((z) => window.__axon!.getState().view.zoom > z, before.view.zoom);
    const zoomed = await page.evaluate(() => window.__axon!.getState());
    expect(zoomed.view.position).toEqual(before.view.position); // zoom does not change the slice
    await page.getByTestId('reset-view').click();
  });

  it('hides a segment from the panel and shows it again', async () => {
    const id = (await page.evaluate(() => window.__axon!.getState().selection))[0]!;
    await page.getByTestId('segment-search').fill(id);
    const toggle = page.getByTestId('segment-list').getByTestId(`segment-visible-${id}`);
    await toggle.click();
    await page.waitForFunction((s) => window.__axon!.getState().view.hidden.includes(s), id);
    await toggle.click();
    await page.waitForFunction((s) => !window.__axon!.getState().view.hidden.includes(s), id);
    await page.getByTestId('segment-search').fill('');
  });

  it('shows an error naming a missing file and keeps the demo open', async () => {
    const missing = '/nonexistent/axon-proofreader/image.h5';
    await page.getByTestId('open-button').click();
    await page.getByTestId('open-image').fill(`${missing}:raw`);
    await page.getByTestId('open-segmentation').fill(`${missing}:stack`);
    await page.getByTestId('open-submit').click();
    const error = page.getByTestId('open-error');
    await error.waitFor({ timeout: 30_000 });
    const text = (await error.textContent()) ?? '';
    expect(text).toContain(missing);
    expect(text.toLowerCase()).toMatch(/not found|no such file|does not exist/);
    await screenshot(page, 'foundation-open-error');
    const state = await page.evaluate(() => window.__axon!.getState());
    expect(state.session?.shape).toEqual(demo.shape);
  });

  it('serves the API on 127.0.0.1 only with the per-run token', async () => {
    expect(new URL(app.url).hostname).toBe('127.0.0.1');
    const url = new URL('/api/getSession', app.url);
    const none = await fetch(url, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    const wrong = await fetch(url, {
      method: 'POST',
      headers: { Authorization: 'Bearer 0000', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(wrong.status).toBe(401);
    const bad = await callApi(app, 'getSlice', { axis: 'xy', index: -1 });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/index/);
    const ok = await callApi(app, 'getSession');
    expect(ok.status).toBe(200);
  });
});
