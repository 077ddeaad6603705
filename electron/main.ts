import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Backend } from './services/backend';
import { dispatch } from './services/dispatch';
import { CONTENT_SECURITY_POLICY } from './server/csp';

/** Thin on purpose: everything testable lives in services/ and runs in browser mode too. */
const here = dirname(fileURLToPath(import.meta.url));
const rendererIndex = join(here, '..', 'renderer', 'index.html');
const backend = new Backend();

const { values } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  options: { image: { type: 'string' }, segmentation: { type: 'string' }, project: { type: 'string' } },
  strict: false,
});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1600,
    height: 1000,
    title: 'Axon Proofreader',
    backgroundColor: '#111318',
    webPreferences: {
      preload: join(here, '..', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https:')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  void win.loadFile(rendererIndex);
  return win;
}

void app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  ipcMain.handle('axon:invoke', async (event, method: unknown, request: unknown) => {
    if (event.senderFrame?.url !== pathToFileURL(rendererIndex).href)
      return { ok: false, error: 'unknown sender' };
    try {
      return { ok: true, value: await dispatch(backend, String(method), request) };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  });
  const win = createWindow();
  backend.onEvent((e) => win.webContents.send('axon:event', e));
  void backend.openAtStart({
    image: str(values.image),
    segmentation: str(values.segmentation),
    project: str(values.project),
  });
});

app.on('window-all-closed', () => {
  void backend.close().then(() => app.quit());
});
