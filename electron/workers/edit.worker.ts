import { parentPort } from 'node:worker_threads';
import { applyCommand } from '../../shared/edit/commands';
import { splitPreview } from '../../shared/edit/split';
import { EditError } from '../../shared/edit/types';
import { blockReader } from '../services/edits/blockReader';
import { warmUpSplit } from '../../shared/edit/warmUp';
import type { SplitReply, SplitRequest, WarmUpRequest } from './editProtocol';

/** Splits (seeded watershed, connected components) and their previews, off the main thread. */
parentPort?.on('message', (request: SplitRequest | WarmUpRequest) => {
  const { jobId } = request;
  try {
    if (request.action === 'warm-up') {
      warmUpSplit();
      const reply: SplitReply = { jobId, warmed: true };
      parentPort?.postMessage(reply);
      return;
    }
    const { command, state } = request;
    const known = new Set(request.knownIds);
    const base = { shape: request.shape, resolution: request.resolution, maxId: request.maxId };
    const reader = blockReader({ ...base, hasId: (id) => known.has(id) }, request.blocks);
    if (request.action === 'preview') {
      if (command.kind !== 'split') throw new Error('only a split has a preview');
      const preview = splitPreview(state, reader, command);
      const reply: SplitReply = { jobId, preview };
      parentPort?.postMessage(reply, [preview.sides.buffer as ArrayBuffer]);
      return;
    }
    const { delta, summary } = applyCommand(state, reader, command);
    const buffers = delta.voxels.flatMap((c) => [c.index.buffer, c.before.buffer, c.after.buffer]);
    const reply: SplitReply = { jobId, delta, summary };
    parentPort?.postMessage(reply, buffers as ArrayBuffer[]);
  } catch (error) {
    const code = error instanceof EditError ? error.code : undefined;
    const reply: SplitReply = { jobId, error: (error as Error).message, ...(code ? { code } : {}) };
    parentPort?.postMessage(reply);
  }
});
