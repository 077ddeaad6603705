/**
 * Launch benchmark: "open the demo and show the first slices: under 2 s from launch in browser
 * mode". Spawns the real CLI (`serve --port 0`) with a temporary AXON_PROOFREADER_HOME, opens the
 * printed URL in Debian's Chromium (already running, as a user's browser is; each run gets a new
 * tab with an empty profile) and measures from just before the spawn to the moment all three
 * slice views have drawn (window.__axon.firstSlicesDrawnAt, converted to epoch ms). The first run
 * writes the demo files (cold, reported apart); the warm runs find them. Prints one JSON object.
 *
 *   node --import tsx bench/launch.ts [warmRuns]
 */
import { loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
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
import { median, round } from './lib/stats';
import { under } from './lib/target';

const TARGET_MS = 2000;

interface LaunchTiming {
  /** Spawn to first slices drawn. */
  readonly totalMs: number;
  /** Spawn to the server printing its URL. */
  readonly serverUrlMs: number;
  /** Navigation start in the new tab to first slices drawn. */
  readonly pageMs: number;
  /** Navigation start to DOMContentLoaded (the bundle parsed and run). */
  readonly domContentLoadedMs: number;
}

const epochNow = (): number => performance.timeOrigin + performance.now();

async function launchOnce(browser: Browser, home: string): Promise<LaunchTiming> {
  ensureCliBuilt();
  const spawnedAt = epochNow();
  const app = await startApp([], { AXON_PROOFREADER_HOME: home });
  const urlAt = epochNow();
  try {
    const { context, page } = await openPage(browser, app.url);
    try {
      const drawn = await waitForFirstSlices(page);
      const timing = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return { origin: performance.timeOrigin, domContentLoaded: nav?.domContentLoadedEventEnd ?? NaN };
      });
      return {
        totalMs: round(timing.origin + drawn - spawnedAt, 1),
        serverUrlMs: round(urlAt - spawnedAt, 1),
        pageMs: round(drawn, 1),
        domContentLoadedMs: round(timing.domContentLoaded, 1),
      };
    } finally {
      await context.close();
    }
  } finally {
    await app.stop();
  }
}

async function main(): Promise<void> {
  const warmRuns = Number(process.argv[2] ?? 5);
  ensureRendererBuilt();
  ensureCliBuilt();
  const home = temporaryHome();
  const browserStart = performance.now();
  const browser = await launchBrowser();
  const browserLaunchMs = performance.now() - browserStart;
  try {
    const cold = await launchOnce(browser, home.path);
    log(`launch: cold ${cold.totalMs} ms`);
    const warm: LaunchTiming[] = [];
    for (let i = 0; i < warmRuns; i++) {
      warm.push(await launchOnce(browser, home.path));
      log(`launch: warm ${i + 1}/${warmRuns} ${warm.at(-1)!.totalMs} ms`);
    }
    const totals = warm.map((w) => w.totalMs);
    const medianMs = round(median(totals), 1);
    const maxMs = Math.max(...totals);
    printResult({
      bench: 'launch',
      loadAverage: round(loadavg()[0]!),
      what: 'spawn of `axon-proofreader serve --port 0` to all three slice views drawn, in a new Chromium tab',
      browser: {
        executable: '/usr/bin/chromium',
        viewport: VIEWPORT,
        launchMs: round(browserLaunchMs, 1),
        launchTimed: false,
      },
      cold: { ...cold, note: 'first run: writes the demo files into an empty AXON_PROOFREADER_HOME' },
      warm: { runs: warmRuns, medianMs, maxMs, each: warm },
      targets: {
        warmMedianMs: under(medianMs, TARGET_MS, 'ms'),
        warmMaxMs: under(maxMs, TARGET_MS, 'ms'),
        coldFirstRunMs: under(cold.totalMs, TARGET_MS, 'ms'),
      },
    });
  } finally {
    await browser.close();
    home.remove();
  }
}

await main();
