// Runs a TypeScript worker through tsx (development, tests): Node 20 applies `--import` hooks too
// late for a worker's entry file, so register first, then import the real entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.tsEntry);
