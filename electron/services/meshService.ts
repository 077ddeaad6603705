import type { Worker } from 'node:worker_threads';
import type { Box3, Vec3 } from '../../shared/volume/types';
import type { MeshReply, MeshRequest } from '../workers/meshProtocol';
import { startWorker } from '../workers/workerUrl';
import { CancelledError } from './tasks';

export interface Mesh {
  readonly positions: Float32Array;
  readonly indices: Uint32Array;
  /** Unit vertex normals, one per position. */
  readonly normals: Float32Array;
}

interface Pending {
  resolve: (mesh: Mesh) => void;
  reject: (error: Error) => void;
}

/**
 * Meshes segments in worker threads (one per spare core) and caches results by segment and
 * labels version, so that an edit re-meshes only what it changed.
 */
export class MeshService {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly cache = new Map<string, Promise<Mesh>>();
  private nextJob = 0;
  private nextWorker = 0;

  constructor(private readonly poolSize = 2) {}

  /** Cached mesh for `key` (segment id and version), computed from `labels` of `box` when missing. */
  mesh(
    key: string,
    load: () => Promise<{ labels: BigUint64Array; box: Box3; ids: readonly bigint[]; resolution: Vec3 }>,
    signal?: AbortSignal,
  ): Promise<Mesh> {
    const hit = this.cache.get(key);
    if (hit) return hit;
    const job = load().then((input) => this.run(input, signal));
    this.cache.set(key, job);
    job.catch(() => this.cache.delete(key));
    return job;
  }

  invalidate(predicate: (key: string) => boolean): void {
    for (const key of [...this.cache.keys()]) if (predicate(key)) this.cache.delete(key);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }

  private run(input: Omit<MeshRequest, 'jobId'>, signal?: AbortSignal): Promise<Mesh> {
    if (signal?.aborted) return Promise.reject(new CancelledError('meshing'));
    const jobId = ++this.nextJob;
    const worker = this.worker();
    return new Promise<Mesh>((resolve, reject) => {
      this.pending.set(jobId, { resolve, reject });
      signal?.addEventListener('abort', () => {
        if (this.pending.delete(jobId)) reject(new CancelledError('meshing'));
      });
      const request: MeshRequest = { jobId, ...input };
      worker.postMessage(request, [input.labels.buffer as ArrayBuffer]);
    });
  }

  private worker(): Worker {
    if (this.workers.length < this.poolSize) {
      const worker = startWorker(new URL('../workers/mesh.worker.ts', import.meta.url));
      worker.on('message', (reply: MeshReply) => this.settle(reply));
      worker.on('error', (error) => {
        for (const p of this.pending.values()) p.reject(error);
        this.pending.clear();
      });
      this.workers.push(worker);
      return worker;
    }
    return this.workers[this.nextWorker++ % this.workers.length]!;
  }

  private settle(reply: MeshReply): void {
    const pending = this.pending.get(reply.jobId);
    if (!pending) return;
    this.pending.delete(reply.jobId);
    if ('error' in reply) pending.reject(new Error(`meshing failed: ${reply.error}`));
    else pending.resolve({ positions: reply.positions, indices: reply.indices, normals: reply.normals });
  }
}
