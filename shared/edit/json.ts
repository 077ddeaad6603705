import { z } from 'zod';
import type { Box3, Vec3 } from '../volume/types';
import { chunkKey } from './overrides';
import {
  type ChunkOverrides,
  EditError,
  type EditCommand,
  type EditDelta,
  type EditState,
  type PaintRegion,
} from './types';

/**
 * JSON forms of commands, deltas and whole edit states (for the SQLite edit log and the CLI).
 * Ids are decimal strings (uint64 does not fit a JSON number); voxel lists are run-length coded.
 */

const id = z.string().regex(/^\d{1,20}$/, 'an id is a decimal string');
const int = z.number().int();
const vec3 = z.tuple([int, int, int]);
const box3 = z.object({ start: vec3, size: vec3 });
const region = z.union([
  z.object({ voxels: z.array(vec3) }),
  z.object({
    brush: z.object({
      centers: z.array(vec3),
      radius: z.number(),
      plane: z.enum(['xy', 'xz', 'yz', 'ball']),
    }),
  }),
]);

export const editCommandJson = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('merge'), target: id, source: id }),
  z.object({
    kind: z.literal('split'),
    segment: id,
    sources: z.array(vec3),
    sinks: z.array(vec3),
    box: box3.optional(),
  }),
  z.object({ kind: z.literal('splitComponents'), segment: id, box: box3.optional() }),
  z.object({
    kind: z.literal('paint'),
    id: z.union([id, z.literal('new')]),
    region,
    onlyOver: id.optional(),
  }),
  z.object({ kind: z.literal('erase'), region, onlyOver: id.optional() }),
]);
export type EditCommandJson = z.infer<typeof editCommandJson>;

/** Runs of uint64 values: `ids` is the palette, `runs` holds (palette slot, count) pairs. */
const idRuns = z.object({ ids: z.array(id), runs: z.array(int) });
const chunkDeltaJson = z.object({ chunk: vec3, runs: z.array(int), before: idRuns, after: idRuns });
export const editDeltaJson = z.object({
  voxels: z.array(chunkDeltaJson),
  merges: z.array(z.object({ id, before: id.nullable(), after: id.nullable() })),
  nextId: z.object({ before: id, after: id }),
});
export type EditDeltaJson = z.infer<typeof editDeltaJson>;

export const editStateJson = z.object({
  chunkShape: vec3,
  firstNewId: id,
  nextId: id,
  merges: z.array(z.tuple([id, id])),
  overrides: z.array(z.object({ chunk: vec3, runs: z.array(int), values: idRuns })),
});
export type EditStateJson = z.infer<typeof editStateJson>;

function parse<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  const result = schema.safeParse(json);
  if (!result.success) throw new EditError('bad-input', `bad ${what} JSON: ${z.prettifyError(result.error)}`);
  return result.data;
}

const vec = (v: readonly number[]): Vec3 => [v[0]!, v[1]!, v[2]!];
const boxOf = (b: { start: readonly number[]; size: readonly number[] }): Box3 => ({
  start: vec(b.start),
  size: vec(b.size),
});

function regionFromJson(r: z.infer<typeof region>): PaintRegion {
  if ('voxels' in r) return { voxels: r.voxels.map(vec) };
  return { brush: { ...r.brush, centers: r.brush.centers.map(vec) } };
}

export function commandToJson(c: EditCommand): EditCommandJson {
  switch (c.kind) {
    case 'merge':
      return { kind: c.kind, target: String(c.target), source: String(c.source) };
    case 'split':
      return {
        kind: c.kind,
        segment: String(c.segment),
        sources: c.sources.map((v) => [...v]),
        sinks: c.sinks.map((v) => [...v]),
        ...(c.box ? { box: boxJson(c.box) } : {}),
      };
    case 'splitComponents':
      return { kind: c.kind, segment: String(c.segment), ...(c.box ? { box: boxJson(c.box) } : {}) };
    case 'paint':
      return {
        kind: c.kind,
        id: String(c.id),
        region: regionJson(c.region),
        ...(c.onlyOver !== undefined ? { onlyOver: String(c.onlyOver) } : {}),
      };
    case 'erase':
      return {
        kind: c.kind,
        region: regionJson(c.region),
        ...(c.onlyOver !== undefined ? { onlyOver: String(c.onlyOver) } : {}),
      };
  }
}

function boxJson(b: Box3): z.infer<typeof box3> {
  return { start: [...b.start], size: [...b.size] };
}

function regionJson(r: PaintRegion): z.infer<typeof region> {
  if ('voxels' in r) return { voxels: r.voxels.map((v) => [...v]) };
  return { brush: { ...r.brush, centers: r.brush.centers.map((v) => [...v]) } };
}

/** Validate and decode a command; throws EditError('bad-input') naming what is wrong. */
export function commandFromJson(json: unknown): EditCommand {
  const c = parse(editCommandJson, json, 'edit command');
  const onlyOver = 'onlyOver' in c && c.onlyOver !== undefined ? { onlyOver: BigInt(c.onlyOver) } : {};
  const box = 'box' in c && c.box ? { box: boxOf(c.box) } : {};
  switch (c.kind) {
    case 'merge':
      return { kind: c.kind, target: BigInt(c.target), source: BigInt(c.source) };
    case 'split':
      return {
        kind: c.kind,
        segment: BigInt(c.segment),
        sources: c.sources.map(vec),
        sinks: c.sinks.map(vec),
        ...box,
      };
    case 'splitComponents':
      return { kind: c.kind, segment: BigInt(c.segment), ...box };
    case 'paint':
      return {
        kind: c.kind,
        id: c.id === 'new' ? 'new' : BigInt(c.id),
        region: regionFromJson(c.region),
        ...onlyOver,
      };
    case 'erase':
      return { kind: c.kind, region: regionFromJson(c.region), ...onlyOver };
  }
}

function encodeIndex(index: Uint32Array): number[] {
  const runs: number[] = [];
  for (let i = 0; i < index.length;) {
    let j = i + 1;
    while (j < index.length && index[j] === index[j - 1]! + 1) j++;
    runs.push(index[i]!, j - i);
    i = j;
  }
  return runs;
}

function decodeIndex(runs: readonly number[]): Uint32Array {
  let n = 0;
  for (let k = 1; k < runs.length; k += 2) n += runs[k]!;
  const out = new Uint32Array(n);
  let o = 0;
  for (let k = 0; k + 1 < runs.length; k += 2) for (let i = 0; i < runs[k + 1]!; i++) out[o++] = runs[k]! + i;
  return out;
}

function encodeIds(values: BigUint64Array): z.infer<typeof idRuns> {
  const slots = new Map<bigint, number>();
  const ids: string[] = [];
  const runs: number[] = [];
  for (let i = 0; i < values.length;) {
    const v = values[i]!;
    let j = i + 1;
    while (j < values.length && values[j] === v) j++;
    let slot = slots.get(v);
    if (slot === undefined) {
      slot = ids.length;
      slots.set(v, slot);
      ids.push(String(v));
    }
    runs.push(slot, j - i);
    i = j;
  }
  return { ids, runs };
}

function decodeIds(r: z.infer<typeof idRuns>, length: number, what: string): BigUint64Array {
  const palette = r.ids.map((s) => BigInt(s));
  const out = new BigUint64Array(length);
  let o = 0;
  for (let k = 0; k + 1 < r.runs.length; k += 2) {
    const v = palette[r.runs[k]!];
    const count = r.runs[k + 1]!;
    if (v === undefined || o + count > length) throw new EditError('bad-input', `bad ${what} runs`);
    out.fill(v, o, o + count);
    o += count;
  }
  if (o !== length) throw new EditError('bad-input', `bad ${what} runs: ${o} values for ${length} voxels`);
  return out;
}

export function deltaToJson(d: EditDelta): EditDeltaJson {
  return {
    voxels: d.voxels.map((c) => ({
      chunk: [...c.chunk],
      runs: encodeIndex(c.index),
      before: encodeIds(c.before),
      after: encodeIds(c.after),
    })),
    merges: d.merges.map((m) => ({
      id: String(m.id),
      before: m.before === null ? null : String(m.before),
      after: m.after === null ? null : String(m.after),
    })),
    nextId: { before: String(d.nextId.before), after: String(d.nextId.after) },
  };
}

export function deltaFromJson(json: unknown): EditDelta {
  const d = parse(editDeltaJson, json, 'edit delta');
  const big = (s: string | null): bigint | null => (s === null ? null : BigInt(s));
  return {
    voxels: d.voxels.map((c) => {
      const index = decodeIndex(c.runs);
      return {
        chunk: vec(c.chunk),
        index,
        before: decodeIds(c.before, index.length, 'before'),
        after: decodeIds(c.after, index.length, 'after'),
      };
    }),
    merges: d.merges.map((m) => ({ id: BigInt(m.id), before: big(m.before), after: big(m.after) })),
    nextId: { before: BigInt(d.nextId.before), after: BigInt(d.nextId.after) },
  };
}

/** A whole edit state in canonical form (sorted), so equal states give equal JSON. */
export function stateToJson(s: EditState): EditStateJson {
  const merges = [...s.merges].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const chunks = [...s.overrides.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    chunkShape: [...s.chunkShape],
    firstNewId: String(s.firstNewId),
    nextId: String(s.nextId),
    merges: merges.map(([k, v]) => [String(k), String(v)]),
    overrides: chunks.map(([key, c]) => ({
      chunk: chunkFromKey(key),
      runs: encodeIndex(c.index),
      values: encodeIds(c.values),
    })),
  };
}

function chunkFromKey(key: string): [number, number, number] {
  const [z, y, x] = key.split(',').map(Number);
  return [z!, y!, x!];
}

export function stateFromJson(json: unknown): EditState {
  const s = parse(editStateJson, json, 'edit state');
  const overrides = new Map<string, ChunkOverrides>();
  for (const c of s.overrides) {
    const index = decodeIndex(c.runs);
    overrides.set(chunkKey(vec(c.chunk)), { index, values: decodeIds(c.values, index.length, 'override') });
  }
  return {
    chunkShape: vec(s.chunkShape),
    firstNewId: BigInt(s.firstNewId),
    nextId: BigInt(s.nextId),
    merges: new Map(s.merges.map(([k, v]) => [BigInt(k), BigInt(v)])),
    overrides,
  };
}
