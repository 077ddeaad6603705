/**
 * Slice redraw benchmark: "slice redraw on scroll: p95 under 16 ms of main-thread work for a
 * 256 x 256 slice pair (image + labels)". Opens the demo in browser mode in Debian's Chromium,
 * puts the pointer on the XY view and turns the wheel one slice at a time, waiting for each
 * redraw, then reads window.__axon.redrawTimings() (renderer/perfLog.ts: main-thread ms of each
 * slice composite, EM + labels into the layer canvas, and its change listeners). Two passes, each
 * in a fresh tab: the pointer on the view but off the volume (every redraw is the XY slice pair),
 * and the pointer over the volume (the hover outline follows the segment under the pointer, so a
 * scroll may also recomposite the other views). Each scroll's whole main-thread work (CDP
 * Performance TaskDuration: input, slice decode, composite, 2D draw, 3D texture and render) is
 * reported beside it. Prints one JSON object.
 *
 *   node --import tsx bench/sliceRedraw.ts [scrolls]
 */
import { loadavg } from 'node:os';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, startApp } from '../test/e2e/harness';
import {
  ensureCliBuilt,
  ensureRendererBuilt,
  openPage,
  temporaryHome,
  VIEWPORT,
  waitForFirstSlices,
} from './lib/browserMode';
import { log, printResult } from './lib/output';
import { distribution, round, type Distribution } from './lib/stats';
import { under } from './lib/target';

const TARGET_P95_MS = 16;
/** perfLog keeps this many redraws; a pass must stay below it to read them all. */
const RING_LIMIT = 1000;
/** One wheel notch in pixels: above the view's 40 px step, so each notch moves one slice. */
const NOTCH_PX = 100;

interface Point {
  readonly x: number;
  readonly y: number;
}

const redrawCount = (page: Page): Promise<number> =>
  page.evaluate(() => window.__axon!.redrawTimings().length);

/** Two animation frames: whatever the scroll queued for the next frame has run. */
const settle = (page: Page): Promise<void> =>
  page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );

/** Where the volume's XY slice lies on screen, from the view's mapping (centre, zoom, nm). */
async function volumeOnScreen(page: Page) {
  const box = await page.getByTestId('slice-view-xy').boundingBox();
  if (!box) throw new Error('the XY view is not on screen');
  const { center, view, session } = await page.evaluate(() => window.__axon!.getState());
  if (!session) throw new Error('the demo session is not open');
  const [, ny, nx] = session.shape;
  const [, ry, rx] = session.resolution;
  const sx = (v: number) => box.x + box.width / 2 + (v - center[2]) * rx * view.zoom;
  const sy = (v: number) => box.y + box.height / 2 + (v - center[1]) * ry * view.zoom;
  return { box, left: sx(0), right: sx(nx), top: sy(0), bottom: sy(ny), shape: session.shape };
}

/** A point on the XY canvas outside the volume (a margin at least 8 px wide), if there is one. */
async function pointOffVolume(page: Page): Promise<Point | null> {
  const { box, left, right, top, bottom } = await volumeOnScreen(page);
  const midY = (Math.max(top, box.y) + Math.min(bottom, box.y + box.height)) / 2;
  const midX = (Math.max(left, box.x) + Math.min(right, box.x + box.width)) / 2;
  const candidates: Point[] = [];
  if (left - box.x > 8) candidates.push({ x: (box.x + left) / 2, y: midY });
  if (box.x + box.width - right > 8) candidates.push({ x: (right + box.x + box.width) / 2, y: midY });
  if (top - box.y > 8) candidates.push({ x: midX, y: (box.y + top) / 2 });
  if (box.y + box.height - bottom > 8) candidates.push({ x: midX, y: (bottom + box.y + box.height) / 2 });
  for (const point of candidates) {
    await page.mouse.move(point.x, point.y);
    if ((await page.evaluate(() => window.__axon!.getState().hover)) === null) return point;
  }
  return null;
}

/** Zoom the XY view out (Ctrl + wheel) until a margin off the volume shows, and return it. */
async function marginOffVolume(page: Page): Promise<Point> {
  const { box } = await volumeOnScreen(page);
  for (let attempt = 0; attempt < 10; attempt++) {
    const point = await pointOffVolume(page);
    if (point) return point;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, 200);
    await page.keyboard.up('Control');
    await settle(page);
  }
  throw new Error('could not find a point on the XY view off the volume');
}

async function volumeCentre(page: Page): Promise<Point> {
  const { left, right, top, bottom } = await volumeOnScreen(page);
  return { x: (left + right) / 2, y: (top + bottom) / 2 };
}

/** Cumulative main-thread ms of the page (CDP Performance metrics): all tasks, and JavaScript alone. */
async function mainThreadMeter(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
    return { task: ms('TaskDuration'), script: ms('ScriptDuration') };
  };
}

interface Scroll {
  /** The slice index after the scroll. */
  readonly z: number;
  /** perfLog's redraws the scroll caused. */
  readonly redraws: number[];
  readonly taskMs: number;
  readonly scriptMs: number;
}

/** One wheel notch at the pointer, waiting for its redraw and for two frames after it. */
async function scrollOnce(
  page: Page,
  direction: number,
  meter: () => Promise<{ task: number; script: number }>,
): Promise<Scroll> {
  const before = await redrawCount(page);
  if (before >= RING_LIMIT) throw new Error(`perfLog holds only ${RING_LIMIT} redraws: use fewer scrolls`);
  const start = await meter();
  await page.mouse.wheel(0, NOTCH_PX * direction);
  await page.waitForFunction((n) => window.__axon!.redrawTimings().length > n, before, { timeout: 10_000 });
  await settle(page);
  const end = await meter();
  return {
    z: await page.evaluate(() => window.__axon!.getState().view.position[0]),
    redraws: await page.evaluate((n) => window.__axon!.redrawTimings().slice(n), before),
    taskMs: end.task - start.task,
    scriptMs: end.script - start.script,
  };
}

interface PassResult {
  readonly slice: { readonly width: number; readonly height: number };
  readonly pointer: Point;
  readonly scrolls: number;
  readonly redrawsPerScroll: number;
  readonly redrawMs: Distribution;
  readonly mainThreadMsPerScroll: Distribution;
  readonly scriptMsPerScroll: Distribution;
}

/** `scrolls` wheel notches over the XY view in a new tab, turning back at the ends of the stack. */
async function scrollPass(
  browser: Browser,
  url: string,
  scrolls: number,
  pointerOff: boolean,
): Promise<PassResult> {
  const { context, page } = await openPage(browser, url);
  try {
    await waitForFirstSlices(page);
    const pointer = pointerOff ? await marginOffVolume(page) : await volumeCentre(page);
    await page.mouse.move(pointer.x, pointer.y);
    await settle(page);
    const meter = await mainThreadMeter(context, page);
    const [depth, height, width] = (await volumeOnScreen(page)).shape;
    let z = await page.evaluate(() => window.__axon!.getState().view.position[0]);
    let direction = 1;
    const done: Scroll[] = [];
    for (let i = 0; i < scrolls; i++) {
      if (z + direction < 0 || z + direction >= depth) direction = -direction;
      const scroll = await scrollOnce(page, direction, meter);
      if (scroll.z !== z + direction)
        throw new Error(`scroll ${i + 1} went from z=${z} to z=${scroll.z}, not one slice`);
      z = scroll.z;
      done.push(scroll);
    }
    const redraws = done.flatMap((s) => s.redraws);
    return {
      slice: { width, height },
      pointer: { x: round(pointer.x, 1), y: round(pointer.y, 1) },
      scrolls,
      redrawsPerScroll: round(redraws.length / scrolls),
      redrawMs: distribution(redraws),
      mainThreadMsPerScroll: distribution(done.map((s) => s.taskMs)),
      scriptMsPerScroll: distribution(done.map((s) => s.scriptMs)),
    };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const scrolls = Number(process.argv[2] ?? 100);
  ensureRendererBuilt();
  ensureCliBuilt();
  const home = temporaryHome();
  try {
    const app = await startApp([], { AXON_PROOFREADER_HOME: home.path });
    try {
      const browser = await launchBrowser();
      try {
        printResult(await measure(browser, app.url, scrolls));
      } finally {
        await browser.close();
      }
    } finally {
      await app.stop();
    }
  } finally {
    home.remove();
  }
}

async function measure(browser: Browser, url: string, scrolls: number): Promise<object> {
  const offVolume = await scrollPass(browser, url, scrolls, true);
  log(`sliceRedraw: pointer off the volume: p95 ${offVolume.redrawMs.p95} ms`);
  const overVolume = await scrollPass(browser, url, scrolls, false);
  log(`sliceRedraw: pointer over the volume: p95 ${overVolume.redrawMs.p95} ms`);
  return {
    bench: 'sliceRedraw',
    loadAverage: round(loadavg()[0]!),
    what: 'main-thread ms per slice redraw (renderer/perfLog.ts: composite of EM + labels and its listeners, plus drawing the 2D view on the next frame) while paging the XY view with the wheel',
    slice: { axis: 'xy', ...offVolume.slice, viewport: VIEWPORT },
    pointerOffVolume: offVolume,
    pointerOverVolume: overVolume,
    perScrollNote:
      'mainThreadMsPerScroll is everything the renderer main thread did from the wheel to two frames later (CDP TaskDuration, including the probes of this script); with --disable-gpu it includes reading the WebGL canvas back for software compositing (GLES2::ReadPixels), which a GPU does not need',
    targets: { redrawP95Ms: under(offVolume.redrawMs.p95, TARGET_P95_MS, 'ms') },
  };
}

await main();
