import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Start a worker from the bundled .js beside its source (packaged app, built CLI) or, in
 * development and tests, from its TypeScript source through tsx.
 */
export function startWorker(url: URL, options: WorkerOptions = {}): Worker {
  const js = new URL(url.href.replace(/\.ts$/, '.js'));
  if (existsSync(fileURLToPath(js))) return new Worker(js, options);
  const bootstrap = new URL('./tsBootstrap.mjs', import.meta.url);
  return new Worker(bootstrap, {
    ...options,
    workerData: { ...(options.workerData as object), tsEntry: url.href },
  });
}
