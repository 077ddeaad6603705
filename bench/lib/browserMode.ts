/**
 * What the browser-mode benchmarks share: up-to-date builds of the renderer and the CLI, a
 * temporary AXON_PROOFREADER_HOME, and the app opened in a fresh Chromium context. Starting the
 * server and the browser is test/e2e/harness.ts's job (startApp, launchBrowser).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROOT } from '../../test/e2e/harness';
import { log } from './output';

const RENDERER_INDEX = join(ROOT, 'out', 'renderer', 'index.html');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(tsx?|css|html|md)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Children's stdout goes to our stderr: our stdout is for the one JSON result. */
function runQuietly(command: string, args: readonly string[], what: string): void {
  const done = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (done.status !== 0) throw new Error(`${what} failed (exit ${done.status ?? done.signal})`);
}

/** Build out/renderer with vite when it is missing or older than renderer/ or shared/. */
export function ensureRendererBuilt(): void {
  const built = existsSync(RENDERER_INDEX) ? statSync(RENDERER_INDEX).mtimeMs : 0;
  const sources = Math.max(newestSource(join(ROOT, 'renderer')), newestSource(join(ROOT, 'shared')));
  if (built >= sources) return;
  log(built ? 'out/renderer is older than its sources: rebuilding' : 'out/renderer is missing: building');
  runQuietly('npm', ['run', 'build:renderer'], 'npm run build:renderer');
}

/**
 * Let bin/axon-proofreader.mjs rebuild its bundle now if a source changed, so that no timed
 * launch includes an esbuild run.
 */
export function ensureCliBuilt(): void {
  const done = spawnSync(process.execPath, [join(ROOT, 'bin', 'axon-proofreader.mjs'), 'help'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 2],
  });
  if (done.status !== 0) throw new Error(`bin/axon-proofreader.mjs help failed (exit ${done.status})`);
}

/** A fresh AXON_PROOFREADER_HOME (no demo files yet) and its removal. */
export function temporaryHome(): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'axon-bench-home-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The browser window's size in every browser-mode benchmark (CSS px). */
export const VIEWPORT = { width: 1280, height: 800 } as const;

/** A new tab with an empty profile (no HTTP cache), as a first visit sees it. */
export async function openPage(
  browser: Browser,
  url: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

/** Wait until all three slice views have drawn, and return that moment in the page's clock. */
export async function waitForFirstSlices(page: Page, timeoutMs = 60_000): Promise<number> {
  const handle = await page.waitForFunction(() => window.__axon?.firstSlicesDrawnAt ?? null, undefined, {
    timeout: timeoutMs,
  });
  return (await handle.jsonValue())!;
}
