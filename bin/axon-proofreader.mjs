#!/usr/bin/env node
// The command-line entry. Runs the CLI bundled by scripts/buildElectron.mjs (rebuilt here when a
// source is newer), so that packages load through plain Node; the same services as the app.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'out', 'cli', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|mjs)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(bundle) ||
  statSync(bundle).mtimeMs <
    Math.max(newestSource(join(root, 'electron')), newestSource(join(root, 'shared')));
if (stale) {
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'buildElectron.mjs'), '--cli-only'], {
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const { main } = await import(pathToFileURL(bundle).href);
const code = await main(process.argv.slice(2));
if (code !== -1) process.exit(code);
