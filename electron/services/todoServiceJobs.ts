import type { Skeleton } from '../../shared/formats/swc';
import type { TodoItem } from '../../shared/todo/types';
import type { MetricsJob, MetricsWorkerMessage } from '../workers/metricsProtocol';
import { startWorker } from '../workers/workerUrl';
import { CancelledError, type Progress } from './tasks';

type Result<J extends MetricsJob> = J extends { kind: 'todo' } ? readonly TodoItem[] : Skeleton;

/**
 * Run one job in a fresh worker thread (metrics.worker.ts) and end the thread when it answers.
 * Aborting terminates the thread at once, even inside TEASAR's loops; that is the cancellation.
 * The job's typed arrays are transferred, not copied.
 */
export function runMetricsJob<J extends MetricsJob>(
  job: J,
  label: string,
  signal?: AbortSignal,
  progress?: Progress,
): Promise<Result<J>> {
  if (signal?.aborted) return Promise.reject(new CancelledError(label));
  const worker = startWorker(new URL('../workers/metrics.worker.ts', import.meta.url));
  return new Promise<Result<J>>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, value?: Result<J>): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (error) reject(error);
      else resolve(value!);
    };
    const onAbort = (): void => finish(new CancelledError(label));
    signal?.addEventListener('abort', onAbort);
    worker.on('message', (message: MetricsWorkerMessage) => {
      try {
        if (message.type === 'progress') progress?.(message.done, message.total);
        else if (message.type === 'error') finish(new Error(`${label} failed: ${message.message}`));
        else if (message.type === 'todo') finish(undefined, message.items as Result<J>);
        else finish(undefined, message.skeleton as Result<J>);
      } catch (error) {
        // progress() throws CancelledError once the task is cancelled.
        finish(error as Error);
      }
    });
    worker.on('error', (error) => finish(new Error(`${label} failed: ${error.message}`)));
    worker.on('exit', (code) => finish(new Error(`${label} stopped unexpectedly (worker exit ${code})`)));
    worker.postMessage(job, transferables(job));
  });
}

function transferables(job: MetricsJob): ArrayBuffer[] {
  if (job.kind === 'skeletonize') return [job.mask.buffer as ArrayBuffer];
  const out = [job.labels.buffer as ArrayBuffer];
  if (job.image) out.push(job.image.buffer as ArrayBuffer);
  return out;
}
