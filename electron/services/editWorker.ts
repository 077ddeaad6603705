import type { Worker } from 'node:worker_threads';
import { EditError, type EditErrorCode } from '../../shared/edit/types';
import type { SplitReply, SplitRequest, WarmUpRequest } from '../workers/editProtocol';
import { startWorker } from '../workers/workerUrl';
import { CancelledError } from './tasks';

type Pending = { resolve: (reply: SplitReply) => void; reject: (error: Error) => void };

/**
 * One worker thread for splits and split previews (a flood over a whole segment). Cancelling
 * terminates it mid-flood; the next split starts a fresh one. EditErrors come back as EditErrors.
 */
export class EditWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextJob = 0;
  /** The running worker's warm-up, asked for or done (a fresh worker after a stop is cold). */
  private warming: Promise<void> | undefined;

  /**
   * Start the worker if need be and warm it up (shared/edit/warmUp.ts); resolves when it is
   * warm, at once when it already is. Jobs sent meanwhile run after the warm-up.
   */
  warmUp(): Promise<void> {
    if (this.warming) return this.warming;
    const jobId = ++this.nextJob;
    const worker = this.start();
    worker.ref();
    const warming = new Promise<SplitReply>((resolve, reject) => {
      this.pending.set(jobId, { resolve, reject });
      const request: WarmUpRequest = { jobId, action: 'warm-up' };
      worker.postMessage(request);
    }).then((reply) => {
      if ('error' in reply) throw new Error(`split warm-up failed: ${reply.error}`);
    });
    this.warming = warming;
    // A stop (cancel, close) fails the warm-up; the next one starts over.
    warming.catch(() => {
      if (this.warming === warming) this.warming = undefined;
    });
    return warming;
  }

  run(request: Omit<SplitRequest, 'jobId'>, signal?: AbortSignal): Promise<SplitReply> {
    if (signal?.aborted) return Promise.reject(new CancelledError('split'));
    const jobId = ++this.nextJob;
    const worker = this.start();
    worker.ref();
    return new Promise<SplitReply>((resolve, reject) => {
      this.pending.set(jobId, { resolve, reject });
      signal?.addEventListener('abort', () => {
        if (!this.pending.has(jobId)) return;
        this.stop(new CancelledError('split'));
      });
      const transfer = request.blocks.flatMap((b) =>
        b.image ? [b.labels.buffer, b.image.buffer] : [b.labels.buffer],
      );
      worker.postMessage({ ...request, jobId }, transfer as ArrayBuffer[]);
    }).then((reply) => {
      if ('error' in reply) {
        throw reply.code
          ? new EditError(reply.code as EditErrorCode, reply.error)
          : new Error(`split failed: ${reply.error}`);
      }
      return reply;
    });
  }

  /** Terminate the worker, failing whatever it was doing with `reason`. */
  stop(reason: Error = new Error('the edit worker was stopped')): void {
    const worker = this.worker;
    this.worker = undefined;
    this.warming = undefined;
    for (const p of this.pending.values()) p.reject(reason);
    this.pending.clear();
    void worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(new URL('../workers/edit.worker.ts', import.meta.url));
    worker.on('message', (reply: SplitReply) => {
      const pending = this.pending.get(reply.jobId);
      this.pending.delete(reply.jobId);
      pending?.resolve(reply);
      if (this.pending.size === 0) worker.unref();
    });
    worker.on('error', (error) => {
      if (this.worker === worker) this.stop(error);
    });
    this.worker = worker;
    return worker;
  }
}
