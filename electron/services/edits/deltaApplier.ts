import { applyMergeChanges } from '../../../shared/edit/equivalence';
import { applyVoxelDeltas, chunkKey } from '../../../shared/edit/overrides';
import { type ChunkOverrides, type EditDelta, EditError, type EditState } from '../../../shared/edit/types';

/**
 * Applies many deltas in a row (replay at open, undo or redo of many steps) on private copies of
 * the state's maps, copied once: `applyDelta` copies the whole merge map per delta, which is
 * quadratic over a long history. Each delta is checked exactly as `applyDelta` checks it (the
 * shared functions run on the entries it touches), so a stale delta is refused the same way.
 */
export class DeltaApplier {
  private readonly merges: Map<bigint, bigint>;
  private readonly overrides: Map<string, ChunkOverrides>;
  private nextId: bigint;
  private finished = false;

  constructor(private readonly start: EditState) {
    this.merges = new Map(start.merges);
    this.overrides = new Map(start.overrides);
    this.nextId = start.nextId;
  }

  apply(delta: EditDelta): void {
    if (this.finished) throw new Error('DeltaApplier used after finish');
    if (this.nextId !== delta.nextId.before) {
      throw new EditError(
        'stale-delta',
        `delta does not apply: next id is ${this.nextId}, not ${delta.nextId.before}`,
      );
    }
    // Check both parts before changing either, so a refused delta leaves nothing half applied.
    const merges = this.mergesAfter(delta);
    const chunks = this.chunksAfter(delta);
    for (const [id, rep] of merges) {
      if (rep === undefined) this.merges.delete(id);
      else this.merges.set(id, rep);
    }
    for (const [key, chunk] of chunks) {
      if (chunk === undefined) this.overrides.delete(key);
      else this.overrides.set(key, chunk);
    }
    this.nextId = delta.nextId.after;
  }

  /** The state after every delta applied; it owns the maps, so the applier is done. */
  finish(): EditState {
    if (this.finished) throw new Error('DeltaApplier.finish called twice');
    this.finished = true;
    return {
      chunkShape: this.start.chunkShape,
      overrides: this.overrides,
      merges: this.merges,
      firstNewId: this.start.firstNewId,
      nextId: this.nextId,
    };
  }

  private mergesAfter(delta: EditDelta): Map<bigint, bigint | undefined> {
    const touched = new Map<bigint, bigint>();
    for (const change of delta.merges) {
      const rep = this.merges.get(change.id);
      if (rep !== undefined) touched.set(change.id, rep);
    }
    const after = applyMergeChanges(touched, delta.merges);
    return new Map(delta.merges.map((c) => [c.id, after.get(c.id)]));
  }

  private chunksAfter(delta: EditDelta): Map<string, ChunkOverrides | undefined> {
    const keys = delta.voxels.map((c) => chunkKey(c.chunk));
    const touched = new Map<string, ChunkOverrides>();
    for (const key of keys) {
      const chunk = this.overrides.get(key);
      if (chunk) touched.set(key, chunk);
    }
    const after = applyVoxelDeltas(touched, delta.voxels);
    return new Map(keys.map((key) => [key, after.get(key)]));
  }
}
