import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { appRoot } from '../services/appRoot';
import { Backend } from '../services/backend';
import { startBrowserServer, type BrowserServer } from './browserServer';

export interface ServeOptions {
  readonly port?: number;
  readonly image?: string;
  readonly segmentation?: string;
  readonly project?: string;
  /** Open the URL in the default browser. */
  readonly open?: boolean;
}

/** How long the URL waits for the volume to open before it is printed anyway. */
const OPEN_WAIT_MS = 1500;

export const RENDERER_DIR = join(appRoot(), 'out', 'renderer');

/** Browser mode: start the backend and its server, open the volumes, print the URL. */
export async function serve(options: ServeOptions): Promise<{ server: BrowserServer; backend: Backend }> {
  const backend = new Backend();
  const server = await startBrowserServer(backend, { port: options.port, staticDir: RENDERER_DIR });
  // Load first, so that the page is served by an idle process and finds its slices ready; a
  // load that takes longer than OPEN_WAIT_MS shows its progress bar in the page instead.
  const opening = backend
    .openAtStart({ image: options.image, segmentation: options.segmentation, project: options.project })
    .then(() => backend.warmed());
  await Promise.race([opening, new Promise((resolve) => setTimeout(resolve, OPEN_WAIT_MS))]);
  console.log(`Axon Proofreader is running in browser mode at ${server.url}`);
  if (options.open) openInBrowser(server.url);
  return { server, backend };
}

function openInBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => console.log('Open the URL above in your browser.'));
    child.unref();
  } catch {
    console.log('Open the URL above in your browser.');
  }
}
