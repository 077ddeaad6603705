// Bundles the Electron main process, its preload and its workers with esbuild (shipped with Vite).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning', absWorkingDir: root };

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'out/main/main.js', format: 'esm' });
await build({ ...common, entryPoints: ['electron/workers/mesh.worker.ts'], outfile: 'out/workers/mesh.worker.js', format: 'esm' });
// A sandboxed preload is CommonJS and may require only 'electron': bundle everything else in.
await build({ ...common, packages: undefined, external: ['electron'], entryPoints: ['electron/preload.ts'], outfile: 'out/preload/preload.cjs', format: 'cjs' });
