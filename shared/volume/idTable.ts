import type { LabelArray } from './types';

/**
 * Maps segment ids (uint64, as bigint) to dense uint32 indices so that hot loops (meshing,
 * metrics, splitting, colouring) work on Uint32Array. Index 0 is always id 0 (background).
 */
export class IdTable {
  private readonly small = new Map<number, number>();
  private readonly big = new Map<bigint, number>();
  private readonly list: bigint[] = [0n];

  constructor() {
    this.small.set(0, 0);
  }

  get size(): number {
    return this.list.length;
  }

  /** Dense index of `id`, allocating one when the id is new. */
  index(id: bigint): number {
    if (id >= 0n && id <= 0xffffffffn) return this.indexSmall(Number(id));
    let i = this.big.get(id);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(id);
      this.big.set(id, i);
    }
    return i;
  }

  /** Dense index of an id known to fit in 32 bits. */
  indexSmall(id: number): number {
    let i = this.small.get(id);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(BigInt(id));
      this.small.set(id, i);
    }
    return i;
  }

  /** Dense index of `id` or undefined when the table has never seen it. */
  find(id: bigint): number | undefined {
    if (id >= 0n && id <= 0xffffffffn) return this.small.get(Number(id));
    return this.big.get(id);
  }

  id(index: number): bigint {
    const id = this.list[index];
    if (id === undefined) throw new RangeError(`dense index ${index} is not in the id table`);
    return id;
  }

  ids(): readonly bigint[] {
    return this.list;
  }
}

/** Translate a block of raw ids into dense indices, growing `table` with new ids. */
export function compactLabels(raw: LabelArray, table: IdTable): Uint32Array {
  const out = new Uint32Array(raw.length);
  if (raw instanceof BigUint64Array || raw instanceof BigInt64Array) {
    const words = new Uint32Array(raw.buffer, raw.byteOffset, raw.length * 2);
    let lastLo = -1;
    let lastHi = -1;
    let last = 0;
    for (let i = 0; i < raw.length; i++) {
      const lo = words[2 * i]!;
      const hi = words[2 * i + 1]!;
      if (lo !== lastLo || hi !== lastHi) {
        last = hi === 0 ? table.indexSmall(lo) : table.index(raw[i]!.valueOf());
        lastLo = lo;
        lastHi = hi;
      }
      out[i] = last;
    }
    return out;
  }
  let lastRaw = Number.NaN;
  let last = 0;
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i]!;
    if (v !== lastRaw) {
      if (v < 0) throw new RangeError(`negative label ${v} at voxel ${i}`);
      last = table.indexSmall(v);
      lastRaw = v;
    }
    out[i] = last;
  }
  return out;
}

/** Translate dense indices back to raw uint64 ids. */
export function expandLabels(dense: Uint32Array, table: IdTable): BigUint64Array {
  const ids = table.ids();
  const out = new BigUint64Array(dense.length);
  for (let i = 0; i < dense.length; i++) out[i] = ids[dense[i]!]!;
  return out;
}
