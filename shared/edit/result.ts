import { applyDelta, invertDelta } from './state';
import type { ChunkDelta, EditDelta, EditResult, EditState, EditSummary, MergeChange } from './types';

/** Package the changes of one edit: delta, its inverse and the state after it. */
export function makeResult(
  state: EditState,
  changes: { voxels?: readonly ChunkDelta[]; merges?: readonly MergeChange[]; nextId?: bigint },
  summary: Omit<EditSummary, 'changedVoxels'>,
): EditResult {
  const voxels = changes.voxels ?? [];
  const delta: EditDelta = {
    voxels,
    merges: changes.merges ?? [],
    nextId: { before: state.nextId, after: changes.nextId ?? state.nextId },
  };
  const changedVoxels = voxels.reduce((n, c) => n + c.index.length, 0);
  return {
    state: applyDelta(state, delta),
    delta,
    inverse: invertDelta(delta),
    summary: { ...summary, changedVoxels },
  };
}

/** Ids `first`, `first + 1`, ... (`count` of them). */
export function idRange(first: bigint, count: number): bigint[] {
  return Array.from({ length: count }, (_, i) => first + BigInt(i));
}
