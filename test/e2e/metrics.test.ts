import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnvelope } from '../../shared/api/codec';
import type { MetricsSnapshot, TodoList } from '../../shared/api/metricsTypes';
import { generateDemo, type DemoVolume } from '../../shared/demo/generateDemo';
import { buildContingency } from '../../shared/metrics/contingency';
import { computeRand } from '../../shared/metrics/rand';
import { computeVoi } from '../../shared/metrics/voi';
import { callApi, launchBrowser, screenshot, startApp, type RunningApp } from './harness';
import { countNearColorIn, waitForApp } from './foundationKit';
import { formatNumber } from '../../renderer/panels/metricsFormat';

/**
 * The metrics issue's end-to-end check in Chromium: the metrics panel shows the demo's scores
 * against its ground truth (equal to shared/metrics on the files), the chart canvas is drawn and
 * grows with an edit, a click on a to-do item moves the crosshair to its voxel and selects its
 * segments, and the ground-truth skeletons are drawn over the XY view.
 */
describe('metrics: live panel, to-do list and skeletons on the demo', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let demo: DemoVolume;

  async function api<T>(method: string, request: unknown = {}): Promise<T> {
    const res = await callApi(app, method, request);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (!res.ok) throw new Error(`${method}: ${new TextDecoder().decode(bytes)}`);
    return decodeEnvelope(bytes) as T;
  }

  const text = async (id: string): Promise<string> => (await page.getByTestId(id).textContent()) ?? '';

  beforeAll(async () => {
    demo = generateDemo();
    // A home of its own: a fresh demo project, unedited, with no to-do list yet.
    const home = mkdtempSync(join(tmpdir(), 'axon-e2e-metrics-'));
    app = await startApp([], { AXON_PROOFREADER_HOME: home });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1800, height: 1000 } });
    await page.goto(app.url);
    await waitForApp(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the demo scores against its ground truth and draws the chart', async () => {
    await page.getByTestId('metric-voi_split').waitFor({ timeout: 60_000 });
    await expect(text('gt-info')).resolves.toMatch(/groundtruth\.h5:stack \(demo\), 18 skeletons/);
    const c = buildContingency(demo.groundTruth, demo.segmentation);
    const voi = computeVoi(c);
    const rand = computeRand(c);
    await expect(text('metric-voi_split')).resolves.toBe(formatNumber(voi.voi_split));
    await expect(text('metric-voi_merge')).resolves.toBe(formatNumber(voi.voi_merge));
    await expect(text('metric-are')).resolves.toBe(formatNumber(rand.adapted_rand_error));
    await expect(text('metric-nerl')).resolves.toMatch(/^0\.\d{3}$/);
    await expect(text('metric-erl')).resolves.toMatch(/µm$/);
    await expect(text('metric-edits')).resolves.toBe('0');
    expect(await chartPixels()).toBeGreaterThan(500);
    await screenshot(page, 'metrics-panel');
  });

  /** Painted (non-transparent) pixels of the chart canvas. */
  function chartPixels(): Promise<number> {
    return page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="metrics-chart"]')!;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
  }

  it('counts an edit: the numbers and the chart follow', async () => {
    const split = demo.errors.find((e) => e.kind === 'split')!;
    const [target, source] = split.segmentIds;
    const before = await api<MetricsSnapshot>('getMetrics');
    await api('edit', { command: { kind: 'merge', target, source } });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="metric-edits"]')?.textContent === '1',
      undefined,
      { timeout: 30_000 },
    );
    const after = await api<MetricsSnapshot>('getMetrics');
    expect(after.history).toHaveLength(2);
    expect(after.scores!.voi_split).toBeLessThan(before.scores!.voi_split);
    await expect(text('metric-voi_split')).resolves.toBe(formatNumber(after.scores!.voi_split));
    // Merging two pieces moved the segmentation away from the original: VI merge > 0.
    expect(after.change!.voi_merge).toBeGreaterThan(0);
    await expect(text('metric-change-vi')).resolves.toBe(
      `${formatNumber(after.change!.voi_split)} / ${formatNumber(after.change!.voi_merge)}`,
    );
    await expect(text('metric-merges-splits')).resolves.toBe('1 / 0');
  });

  it('a click on a largest-merge segment selects it and jumps to it', async () => {
    const m = await api<MetricsSnapshot>('getMetrics');
    const top = m.topMerges[0]!;
    await page.getByTestId(`contributor-merge-${top.id}`).click();
    await page.waitForFunction((id) => window.__axon!.getState().selection.join() === id, top.id.toString());
    const state = await page.evaluate(() => window.__axon!.getState());
    expect(state.view.position).toEqual(top.voxel);
  });

  it('lists likely errors; a click moves the crosshair to the item and selects its segments', async () => {
    await page.getByTestId('tab-todo').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid^="todo-item-"]') !== null,
      undefined,
      {
        timeout: 120_000,
      },
    );
    const todo = await api<TodoList>('listTodo');
    expect(todo.items.length).toBeGreaterThan(5);
    const item = todo.items[2]!;
    await page.getByTestId(`todo-jump-${item.id}`).click();
    await page.waitForFunction(
      (v) => window.__axon!.getState().view.position.join() === v,
      item.voxel.join(),
    );
    const state = await page.evaluate(() => window.__axon!.getState());
    expect(state.selection).toEqual(item.segmentIds.map(String));
    await page.waitForTimeout(300); // let the views redraw at the new position
    await screenshot(page, 'metrics-todo-jump');

    await page.getByTestId(`todo-fixed-${item.id}`).click();
    await page.waitForFunction(
      (id) => document.querySelector(`[data-testid="todo-item-${id}"]`)?.classList.contains('fixed'),
      item.id,
    );
    const stored = await api<TodoList>('listTodo');
    expect(stored.items.find((e) => e.id === item.id)?.status).toBe('fixed');
  }, 150_000);

  it('draws the ground-truth skeletons over the XY view (and not when switched off)', async () => {
    await page.getByTestId('tab-metrics').click();
    const yellow = 0xffd24a;
    const xy = page.getByTestId('slice-view-xy');
    const on = await countNearColorIn(page, await xy.screenshot(), yellow);
    await page.getByTestId('skeletons-gt').uncheck();
    await page.waitForTimeout(300);
    const off = await countNearColorIn(page, await xy.screenshot(), yellow);
    await page.getByTestId('skeletons-gt').check();
    expect(on - off).toBeGreaterThan(30);
    await page.waitForTimeout(300);
    await screenshot(page, 'metrics-skeletons');
  });

  it('skeletonizes the selected segments (TEASAR) and draws them over the XY view', async () => {
    const cyan = 0x4ae0ff;
    const xy = page.getByTestId('slice-view-xy');
    await page.getByTestId('skeletons-gt').uncheck();
    const off = await countNearColorIn(page, await xy.screenshot(), cyan);
    await page.getByTestId('skeletons-selection').check();
    let on = off;
    for (let tries = 0; tries < 60 && on - off <= 30; tries++) {
      await page.waitForTimeout(500);
      on = await countNearColorIn(page, await xy.screenshot(), cyan);
    }
    expect(on - off).toBeGreaterThan(30);
    await screenshot(page, 'metrics-teasar-selection');
    await page.getByTestId('skeletons-selection').uncheck();
    await page.getByTestId('skeletons-gt').check();
  }, 60_000);
});
