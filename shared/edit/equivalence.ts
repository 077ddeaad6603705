import { EditError, type MergeChange } from './types';

/** The current id of raw id `id` after merges. */
export function resolveId(merges: ReadonlyMap<bigint, bigint>, id: bigint): bigint {
  return merges.get(id) ?? id;
}

/**
 * The representative changes that merge representative `source` into representative `target`:
 * `source` and every id it represents now map to `target` (the map stays flat).
 */
export function mergeChanges(
  merges: ReadonlyMap<bigint, bigint>,
  target: bigint,
  source: bigint,
): MergeChange[] {
  const changes: MergeChange[] = [{ id: source, before: null, after: target }];
  for (const [id, rep] of merges) if (rep === source) changes.push({ id, before: source, after: target });
  return changes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** New merge map with `changes` applied; throws when a `before` does not match. */
export function applyMergeChanges(
  merges: ReadonlyMap<bigint, bigint>,
  changes: readonly MergeChange[],
): ReadonlyMap<bigint, bigint> {
  if (changes.length === 0) return merges;
  const next = new Map(merges);
  for (const change of changes) {
    const now = next.get(change.id) ?? null;
    if (now !== change.before) {
      throw new EditError(
        'stale-delta',
        `delta does not apply: representative of ${change.id} is ${now ?? 'itself'}`,
      );
    }
    if (change.after === null) next.delete(change.id);
    else next.set(change.id, change.after);
  }
  return next;
}

/**
 * Translate a block of raw ids to current ids in place. One map lookup per distinct id in the
 * block (number-keyed cache for ids below 2^32), not per voxel.
 */
export function remapBlock(block: BigUint64Array, merges: ReadonlyMap<bigint, bigint>): void {
  if (merges.size === 0) return;
  const w = new Uint32Array(block.buffer, block.byteOffset, block.length * 2);
  const cache = new Map<number, number>(); // lo word -> slot in toLo/toHi
  const toLo: number[] = [];
  const toHi: number[] = [];
  let lastLo = -1;
  let lastHi = -1;
  let newLo = 0;
  let newHi = 0;
  let changes = false;
  for (let i = 0; i < block.length; i++) {
    const lo = w[2 * i]!;
    const hi = w[2 * i + 1]!;
    if (lo !== lastLo || hi !== lastHi) {
      lastLo = lo;
      lastHi = hi;
      let slot = hi === 0 ? cache.get(lo) : undefined;
      if (slot === undefined) {
        const rep = merges.get((BigInt(hi) << 32n) | BigInt(lo));
        slot = toLo.length;
        toLo.push(rep === undefined ? lo : Number(rep & 0xffffffffn));
        toHi.push(rep === undefined ? hi : Number(rep >> 32n));
        if (hi === 0) cache.set(lo, slot);
      }
      newLo = toLo[slot]!;
      newHi = toHi[slot]!;
      changes = newLo !== lo || newHi !== hi;
    }
    if (changes) {
      w[2 * i] = newLo;
      w[2 * i + 1] = newHi;
    }
  }
}
