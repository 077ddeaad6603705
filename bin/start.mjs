#!/usr/bin/env node
// `npm start`: Electron where its binary exists, browser mode otherwise. Builds what is missing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const built = join(root, 'out', 'renderer', 'index.html');
const sources = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared')));
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log('Building the renderer...');
  run(process.execPath, [
    join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
    'build',
    '--config',
    'renderer/vite.config.ts',
    '--logLevel',
    'warn',
  ]);
}

function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined; // Installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or no electron at all.
  }
}

const electron = process.env.AXON_BROWSER_MODE ? undefined : electronBinary();
const child = electron
  ? (run(process.execPath, [join(root, 'scripts', 'buildElectron.mjs')]),
    spawn(electron, [join(root, 'out', 'main', 'main.js'), ...args], { cwd: root, stdio: 'inherit' }))
  : (console.log('Electron binary not found: starting browser mode.'),
    spawn(process.execPath, [join(root, 'bin', 'axon-proofreader.mjs'), 'serve', '--open', ...args], {
      cwd: root,
      stdio: 'inherit',
    }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
