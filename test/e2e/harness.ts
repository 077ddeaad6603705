import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = join(import.meta.dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test-results', 'screenshots');
/** Shared by e2e tests so the demo files are generated once per run. */
export const E2E_HOME = join(tmpdir(), 'axon-proofreader-e2e-home');

export interface RunningApp {
  readonly url: string;
  readonly token: string;
  readonly process: ChildProcess;
  readonly output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Start browser mode as a user would (the CLI's serve command) and wait for its URL. */
export async function startApp(
  args: readonly string[] = [],
  env: Record<string, string> = {},
): Promise<RunningApp> {
  mkdirSync(E2E_HOME, { recursive: true });
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'axon-proofreader.mjs'), 'serve', '--port', '0', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, AXON_PROOFREADER_HOME: E2E_HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const check = () => {
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    token: new URL(url).searchParams.get('token')!,
    process: child,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** Debian's Chromium; Playwright gives each launch a fresh, empty user-data-dir. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** Call the API as the page does (for checks a test makes besides the UI). */
export async function callApi(app: RunningApp, method: string, request: unknown = {}): Promise<Response> {
  return fetch(new URL(`/api/${method}`, app.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
}
