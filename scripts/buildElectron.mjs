// Bundles the Electron main process, its preload, the CLI and the workers with esbuild (shipped
// with Vite). Packages stay external: node_modules are loaded by plain Node, which is much faster
// than through a TypeScript loader (h5wasm's 4 MB glue code alone took 2 s through tsx).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  absWorkingDir: root,
};
const only = process.argv.includes('--cli-only');

await Promise.all([
  build({ ...common, entryPoints: ['electron/cli/main.ts'], outfile: 'out/cli/main.js', format: 'esm' }),
  build({
    ...common,
    entryPoints: ['electron/workers/mesh.worker.ts'],
    outfile: 'out/workers/mesh.worker.js',
    format: 'esm',
  }),
  build({
    ...common,
    entryPoints: ['electron/workers/edit.worker.ts'],
    outfile: 'out/workers/edit.worker.js',
    format: 'esm',
  }),
  build({
    ...common,
    entryPoints: ['electron/workers/metrics.worker.ts'],
    outfile: 'out/workers/metrics.worker.js',
    format: 'esm',
  }),
  ...(only
    ? []
    : [
        build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'out/main/main.js', format: 'esm' }),
        // A sandboxed preload is CommonJS and may require only 'electron': bundle everything else in.
        build({
          ...common,
          packages: undefined,
          external: ['electron'],
          entryPoints: ['electron/preload.ts'],
          outfile: 'out/preload/preload.cjs',
          format: 'cjs',
        }),
      ]),
]);
