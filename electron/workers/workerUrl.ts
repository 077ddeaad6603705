import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Start a worker from its TypeScript source (development, tests, CLI through tsx) or from the
 * bundled .js beside it (packaged app).
 */
export function startWorker(url: URL, options: WorkerOptions = {}): Worker {
  const js = new URL(url.href.replace(/\.ts$/, '.js'));
  if (existsSync(fileURLToPath(js))) return new Worker(js, options);
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return new Worker(url, { ...options, execArgv: ['--import', loader] });
}
