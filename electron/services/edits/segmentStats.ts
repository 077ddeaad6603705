import type { SegmentSummary } from '../../../shared/api/types';
import { deltaBox } from '../../../shared/edit/state';
import type { EditDelta, EditState } from '../../../shared/edit/types';
import type { Box3, Vec3 } from '../../../shared/volume/types';

/**
 * The summaries (voxel count, bounding box) of the segments an edit touched, before and after it,
 * and the box of the voxels it changed. Logged with the edit, so that undo and redo (also after
 * reopening) set the segment index back exactly without reading a voxel.
 */
export interface SegmentChanges {
  readonly before: ReadonlyMap<bigint, SegmentSummary | null>;
  readonly after: ReadonlyMap<bigint, SegmentSummary | null>;
  readonly box: Box3 | null;
}

/** Corrected labels of `box` under `state`. */
export type ReadCorrected = (state: EditState, box: Box3) => Promise<BigUint64Array>;
export type Lookup = (id: bigint) => SegmentSummary | undefined;

type SummaryJson = [id: string, voxels: number, ...box: number[]] | [id: string];
interface ChangesJson {
  readonly before: SummaryJson[];
  readonly after: SummaryJson[];
  readonly box: [number, number, number, number, number, number] | null;
}

function summaryJson(id: bigint, s: SegmentSummary | null): SummaryJson {
  return s ? [String(id), s.voxels, ...s.bboxStart, ...s.bboxSize] : [String(id)];
}

function summaryFromJson(j: SummaryJson): [bigint, SegmentSummary | null] {
  const id = BigInt(j[0]);
  if (j.length < 8) return [id, null];
  const n = j as unknown as [string, number, number, number, number, number, number, number];
  return [id, { id, voxels: n[1], bboxStart: [n[2], n[3], n[4]], bboxSize: [n[5], n[6], n[7]] }];
}

export function changesToJson(c: SegmentChanges): ChangesJson {
  return {
    before: [...c.before].map(([id, s]) => summaryJson(id, s)),
    after: [...c.after].map(([id, s]) => summaryJson(id, s)),
    box: c.box ? [...c.box.start, ...c.box.size] : null,
  };
}

export function changesFromJson(json: unknown): SegmentChanges {
  const j = json as ChangesJson;
  if (!j || !Array.isArray(j.before) || !Array.isArray(j.after)) {
    throw new Error('bad segment stats in the edit log');
  }
  const b = j.box;
  return {
    before: new Map(j.before.map(summaryFromJson)),
    after: new Map(j.after.map(summaryFromJson)),
    box: b ? { start: [b[0], b[1], b[2]], size: [b[3], b[4], b[5]] } : null,
  };
}

/** The smallest box holding both. */
export function unionBox(a: Box3, b: Box3): Box3 {
  const start = [0, 1, 2].map((d) => Math.min(a.start[d]!, b.start[d]!));
  const end = [0, 1, 2].map((d) => Math.max(a.start[d]! + a.size[d]!, b.start[d]! + b.size[d]!));
  return {
    start: [start[0]!, start[1]!, start[2]!],
    size: [end[0]! - start[0]!, end[1]! - start[1]!, end[2]! - start[2]!],
  };
}

const boxOf = (s: SegmentSummary): Box3 => ({ start: s.bboxStart, size: s.bboxSize });

/** A merge changes no voxel: the target's summary becomes the union of both. */
export function mergeChanges(into: bigint, from: bigint, lookup: Lookup): SegmentChanges {
  const a = lookup(into) ?? null;
  const b = lookup(from) ?? null;
  let merged: SegmentSummary | null = a ?? (b ? { ...b, id: into } : null);
  if (a && b) {
    const box = unionBox(boxOf(a), boxOf(b));
    merged = { id: into, voxels: a.voxels + b.voxels, bboxStart: box.start, bboxSize: box.size };
  }
  return {
    before: new Map([
      [into, a],
      [from, b],
    ]),
    after: new Map([
      [into, merged],
      [from, null],
    ]),
    box: null,
  };
}

/** Per segment: voxels gained and lost, box of the gained ones, whether a lost one was on its box. */
class Tally {
  gained = 0;
  lost = 0;
  readonly lo = [Infinity, Infinity, Infinity];
  readonly hi = [-1, -1, -1];
  lostOnEdge = false;
  constructor(
    readonly id: bigint,
    readonly old: SegmentSummary | null,
  ) {}

  gain(z: number, y: number, x: number): void {
    this.gained++;
    const at = [z, y, x];
    for (let d = 0; d < 3; d++) {
      if (at[d]! < this.lo[d]!) this.lo[d] = at[d]!;
      if (at[d]! > this.hi[d]!) this.hi[d] = at[d]!;
    }
  }

  lose(z: number, y: number, x: number): void {
    this.lost++;
    const o = this.old;
    if (this.lostOnEdge || !o) return;
    const at = [z, y, x];
    for (let d = 0; d < 3; d++) {
      if (at[d] === o.bboxStart[d] || at[d] === o.bboxStart[d]! + o.bboxSize[d]! - 1) this.lostOnEdge = true;
    }
  }
}

/**
 * The summary changes of an edit that changed voxels, from the corrected labels before and after
 * around the changed voxels, one edit chunk at a time (memory stays bounded; counts are exact).
 * A segment that lost a voxel on its bounding box gets its box recomputed by reading its old box
 * only, never the volume.
 */
export async function voxelChanges(
  delta: EditDelta,
  states: { readonly before: EditState; readonly after: EditState },
  read: ReadCorrected,
  lookup: Lookup,
): Promise<SegmentChanges> {
  const chunkShape = states.before.chunkShape;
  const box = deltaBox(delta, chunkShape);
  if (!box) return { before: new Map(), after: new Map(), box: null };
  const tallies = new Map<bigint, Tally>();
  for (const chunk of delta.voxels) {
    const around = deltaBox({ ...delta, voxels: [chunk] }, chunkShape);
    if (!around) continue;
    const [old, now] = await Promise.all([read(states.before, around), read(states.after, around)]);
    tallyChanges(tallies, around, old, now, lookup);
  }
  const before = new Map<bigint, SegmentSummary | null>();
  const after = new Map<bigint, SegmentSummary | null>();
  for (const t of tallies.values()) {
    if (t.id === 0n) continue;
    before.set(t.id, t.old);
    after.set(t.id, await summaryAfter(t, states.after, read));
  }
  return { before, after, box };
}

/** Add the voxels that differ between `old` and `now` (labels of `box`) to `tallies`. */
function tallyChanges(
  tallies: Map<bigint, Tally>,
  box: Box3,
  old: BigUint64Array,
  now: BigUint64Array,
  lookup: Lookup,
): void {
  const ow = new Uint32Array(old.buffer, old.byteOffset, old.length * 2);
  const nw = new Uint32Array(now.buffer, now.byteOffset, now.length * 2);
  const tally = (lo: number, hi: number): Tally => {
    const id = (BigInt(hi) << 32n) | BigInt(lo);
    let t = tallies.get(id);
    if (!t) tallies.set(id, (t = new Tally(id, lookup(id) ?? null)));
    return t;
  };
  const [sz, sy, sx] = box.size;
  let from: Tally | undefined;
  let to: Tally | undefined;
  const last = [-1, -1, -1, -1]; // words of `from` and `to`
  for (let z = 0, i = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, i++) {
        const a0 = ow[2 * i]!;
        const a1 = ow[2 * i + 1]!;
        const b0 = nw[2 * i]!;
        const b1 = nw[2 * i + 1]!;
        if (a0 === b0 && a1 === b1) continue;
        // Changes come in runs of the same pair: look a tally up only when the pair changes.
        if (!from || a0 !== last[0] || a1 !== last[1]) {
          from = tally(a0, a1);
          last[0] = a0;
          last[1] = a1;
        }
        if (!to || b0 !== last[2] || b1 !== last[3]) {
          to = tally(b0, b1);
          last[2] = b0;
          last[3] = b1;
        }
        const gz = box.start[0] + z;
        const gy = box.start[1] + y;
        const gx = box.start[2] + x;
        from.lose(gz, gy, gx);
        to.gain(gz, gy, gx);
      }
    }
  }
}

async function summaryAfter(t: Tally, state: EditState, read: ReadCorrected): Promise<SegmentSummary | null> {
  const voxels = (t.old?.voxels ?? 0) + t.gained - t.lost;
  if (voxels < 0) throw new Error(`segment index out of step: segment ${t.id} would have ${voxels} voxels`);
  if (voxels === 0) return null;
  const gainedBox: Box3 | null =
    t.gained > 0
      ? {
          start: [t.lo[0]!, t.lo[1]!, t.lo[2]!],
          size: [t.hi[0]! - t.lo[0]! + 1, t.hi[1]! - t.lo[1]! + 1, t.hi[2]! - t.lo[2]! + 1],
        }
      : null;
  let box = t.old ? boxOf(t.old) : gainedBox!;
  if (gainedBox) box = unionBox(box, gainedBox);
  if (t.lostOnEdge) box = (await segmentBox(t.id, box, state, read)) ?? box;
  return { id: t.id, voxels, bboxStart: box.start, bboxSize: box.size };
}

/** Exact bounding box of `id` inside `within`, read in slabs of a few planes. */
async function segmentBox(
  id: bigint,
  within: Box3,
  state: EditState,
  read: ReadCorrected,
): Promise<Box3 | null> {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-1, -1, -1];
  const idLo = Number(id & 0xffffffffn);
  const idHi = Number(id >> 32n);
  const [, sy, sx] = within.size;
  const slab = Math.max(1, Math.floor(2 ** 20 / (sy * sx)));
  for (let z0 = 0; z0 < within.size[0]; z0 += slab) {
    const nz = Math.min(slab, within.size[0] - z0);
    const start: Vec3 = [within.start[0] + z0, within.start[1], within.start[2]];
    const labels = await read(state, { start, size: [nz, sy, sx] });
    const w = new Uint32Array(labels.buffer, labels.byteOffset, labels.length * 2);
    for (let z = 0, i = 0; z < nz; z++) {
      for (let y = 0; y < sy; y++) {
        for (let x = 0; x < sx; x++, i++) {
          if (w[2 * i] !== idLo || w[2 * i + 1] !== idHi) continue;
          const at = [start[0] + z, start[1] + y, start[2] + x];
          for (let d = 0; d < 3; d++) {
            if (at[d]! < lo[d]!) lo[d] = at[d]!;
            if (at[d]! > hi[d]!) hi[d] = at[d]!;
          }
        }
      }
    }
  }
  if (hi[0]! < 0) return null;
  return {
    start: [lo[0]!, lo[1]!, lo[2]!],
    size: [hi[0]! - lo[0]! + 1, hi[1]! - lo[1]! + 1, hi[2]! - lo[2]! + 1],
  };
}
