import { chunkBox } from '../../shared/volume/box';
import { IdTable, compactLabels } from '../../shared/volume/idTable';
import type { LabelArray, Vec3 } from '../../shared/volume/types';
import type { SegmentSummary } from '../../shared/api/types';
import type { VolumeSource } from '../io/openVolume';
import type { ChunkCache } from './chunkCache';
import { yieldToLoop, type TaskContext } from './tasks';

/**
 * Voxel count and bounding box of every segment, built by one streaming pass over the chunks of
 * the segmentation (nothing but the cache keeps chunks around), then kept up to date edit by edit
 * with `set` (the edit service computes each changed segment's new summary), never by rescanning.
 */
/** Layout version of `SegmentIndex.toBytes`. */
const SERIAL_VERSION = 1;

export class SegmentIndex {
  private constructor(
    private readonly table: IdTable,
    private counts: Float64Array,
    private lo: Int32Array,
    private hi: Int32Array,
    /** Dense indices of the segments with voxels, largest first (ties: smaller id first). */
    private readonly bySize: number[],
    /** Ids in the base segmentation: the table's first `baseIds` entries. */
    private readonly baseIds: number,
    /** Largest id in the base segmentation. */
    readonly baseMaxId: bigint,
  ) {}

  get size(): number {
    return this.bySize.length;
  }

  static async build(source: VolumeSource, cache: ChunkCache, ctx: TaskContext): Promise<SegmentIndex> {
    const { shape, chunkShape } = source.info;
    const grid = shape.map((n, i) => Math.ceil(n / chunkShape[i]!));
    const total = grid[0]! * grid[1]! * grid[2]!;
    const table = new IdTable();
    let counts = new Float64Array(1024);
    let lo = new Int32Array(1024 * 3);
    let hi = new Int32Array(1024 * 3);
    let done = 0;
    for (let cz = 0; cz < grid[0]!; cz++)
      for (let cy = 0; cy < grid[1]!; cy++)
        for (let cx = 0; cx < grid[2]!; cx++) {
          const box = chunkBox([cz, cy, cx], chunkShape, shape);
          const raw = (await cache.read(source, box)) as LabelArray;
          const dense = compactLabels(raw, table);
          if (table.size > counts.length) {
            const n = Math.max(table.size, counts.length * 2);
            counts = grow(counts, n);
            lo = grow(lo, n * 3);
            hi = grow(hi, n * 3);
          }
          accumulate(dense, box.start, box.size, counts, lo, hi);
          ctx.progress(++done, total);
          await yieldToLoop(ctx.signal, 'indexing segments');
        }
    const order: number[] = [];
    for (let i = 1; i < table.size; i++) if (counts[i]! > 0) order.push(i);
    let maxId = 0n;
    for (const id of table.ids()) if (id > maxId) maxId = id;
    const index = new SegmentIndex(table, counts, lo, hi, order, table.size, maxId);
    order.sort((a, b) => index.compare(a, b));
    return index;
  }

  /**
   * The index as bytes, to store beside the project so that reopening skips the scan. Only
   * meaningful right after `build` (edits change the index; the edit log replays them).
   */
  toBytes(): Uint8Array {
    const n = this.table.size;
    const m = this.bySize.length;
    const header = new Uint32Array([SERIAL_VERSION, n, m, 0]);
    const parts = [
      header,
      BigUint64Array.from(this.table.ids()),
      this.counts.subarray(0, n),
      this.lo.subarray(0, 3 * n),
      this.hi.subarray(0, 3 * n),
      Uint32Array.from(this.bySize),
    ];
    const padded = (bytes: number) => Math.ceil(bytes / 8) * 8;
    const out = new Uint8Array(parts.reduce((sum, p) => sum + padded(p.byteLength), 0));
    let at = 0;
    for (const p of parts) {
      out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at);
      at += padded(p.byteLength);
    }
    return out;
  }

  /** Read `toBytes` output back; undefined when the bytes are not a whole index of this version. */
  static fromBytes(bytes: Uint8Array): SegmentIndex | undefined {
    const copy = bytes.slice(); // aligned, owned
    const header = new Uint32Array(copy.buffer, 0, 4);
    const [version, n, m] = [header[0]!, header[1]!, header[2]!];
    const padded = (b: number) => Math.ceil(b / 8) * 8;
    const sizes = [16, 8 * n, 8 * n, 12 * n, 12 * n, 4 * m].map(padded);
    if (version !== SERIAL_VERSION || sizes.reduce((a, b) => a + b, 0) !== copy.byteLength) return undefined;
    const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
    const ids = new BigUint64Array(copy.buffer, offsets[1], n);
    const table = new IdTable();
    for (let i = 1; i < n; i++) if (table.index(ids[i]!) !== i) return undefined;
    const counts = new Float64Array(copy.buffer, offsets[2], n).slice();
    const lo = new Int32Array(copy.buffer, offsets[3], 3 * n).slice();
    const hi = new Int32Array(copy.buffer, offsets[4], 3 * n).slice();
    const order = Array.from(new Uint32Array(copy.buffer, offsets[5], m));
    let maxId = 0n;
    for (const id of ids) if (id > maxId) maxId = id;
    return new SegmentIndex(table, counts, lo, hi, order, n, maxId);
  }

  get(id: bigint): SegmentSummary | undefined {
    const i = this.table.find(id);
    return i === undefined || i === 0 || !(this.counts[i]! > 0) ? undefined : this.summary(i);
  }

  /** Whether `id` occurs in the base segmentation (whatever edits did to it since). */
  hasBaseId(id: bigint): boolean {
    const i = this.table.find(id);
    return i !== undefined && i !== 0 && i < this.baseIds;
  }

  /** Segments by size, largest first; `query` keeps ids whose decimal form contains it. */
  list(query: string, offset: number, limit: number): { total: number; segments: SegmentSummary[] } {
    const matches = query
      ? this.bySize.filter((i) => this.table.id(i).toString().includes(query))
      : this.bySize;
    return {
      total: matches.length,
      segments: matches.slice(offset, offset + limit).map((i) => this.summary(i)),
    };
  }

  /** Segments by size, largest first, starting just after `after` (from the largest without it). */
  *bySizeAfter(after?: bigint): Generator<SegmentSummary> {
    let from = 0;
    if (after !== undefined) {
      const i = this.table.find(after);
      if (i !== undefined && this.counts[i]! > 0) from = this.position(i) + 1;
    }
    for (let k = from; k < this.bySize.length; k++) yield this.summary(this.bySize[k]!);
  }

  maxId(): bigint {
    let max = 0n;
    for (const s of this.bySize) if (this.table.id(s) > max) max = this.table.id(s);
    return max;
  }

  /** Record a segment's new count and box (null: it has no voxels any more). */
  set(id: bigint, summary: SegmentSummary | null): void {
    if (id === 0n) return;
    const i = this.table.index(id);
    if (i >= this.counts.length) {
      const n = Math.max(i + 1, this.counts.length * 2);
      this.counts = grow(this.counts, n);
      this.lo = grow(this.lo, n * 3);
      this.hi = grow(this.hi, n * 3);
    }
    if (this.counts[i]! > 0) this.bySize.splice(this.position(i), 1);
    this.counts[i] = summary?.voxels ?? 0;
    if (!summary || summary.voxels <= 0) return;
    for (let d = 0; d < 3; d++) {
      this.lo[3 * i + d] = summary.bboxStart[d]!;
      this.hi[3 * i + d] = summary.bboxStart[d]! + summary.bboxSize[d]! - 1;
    }
    this.bySize.splice(this.insertionPoint(i), 0, i);
  }

  /** Largest first, then smaller id first. */
  private compare(a: number, b: number): number {
    const ia = this.table.id(a);
    const ib = this.table.id(b);
    return this.counts[b]! - this.counts[a]! || (ia < ib ? -1 : ia > ib ? 1 : 0);
  }

  /** First position in `bySize` whose segment does not sort before dense index `i`. */
  private insertionPoint(i: number): number {
    let lo = 0;
    let hi = this.bySize.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.bySize[mid]!, i) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private position(i: number): number {
    const at = this.insertionPoint(i);
    if (this.bySize[at] !== i) throw new Error(`segment index out of order at ${this.table.id(i)}`);
    return at;
  }

  private summary(i: number): SegmentSummary {
    const start: Vec3 = [this.lo[3 * i]!, this.lo[3 * i + 1]!, this.lo[3 * i + 2]!];
    const end = [this.hi[3 * i]!, this.hi[3 * i + 1]!, this.hi[3 * i + 2]!];
    return {
      id: this.table.id(i),
      voxels: this.counts[i]!,
      bboxStart: start,
      bboxSize: [end[0]! - start[0] + 1, end[1]! - start[1] + 1, end[2]! - start[2] + 1],
    };
  }
}

function grow<T extends Float64Array | Int32Array>(a: T, n: number): T {
  // Fresh slots start at zero; a zero count marks a bbox as not yet set.
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

function accumulate(
  dense: Uint32Array,
  start: Vec3,
  size: Vec3,
  counts: Float64Array,
  lo: Int32Array,
  hi: Int32Array,
): void {
  const [nz, ny, nx] = size;
  let i = 0;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++) {
      const gz = start[0] + z;
      const gy = start[1] + y;
      let x = 0;
      while (x < nx) {
        const label = dense[i]!;
        let run = 1;
        while (x + run < nx && dense[i + run] === label) run++;
        if (label !== 0) {
          const first = counts[label] === 0;
          counts[label] = counts[label]! + run;
          const gx0 = start[2] + x;
          const gx1 = gx0 + run - 1;
          const k = 3 * label;
          if (first) {
            lo[k] = gz;
            lo[k + 1] = gy;
            lo[k + 2] = gx0;
            hi[k] = gz;
            hi[k + 1] = gy;
            hi[k + 2] = gx1;
          } else {
            if (gz < lo[k]!) lo[k] = gz;
            if (gy < lo[k + 1]!) lo[k + 1] = gy;
            if (gx0 < lo[k + 2]!) lo[k + 2] = gx0;
            if (gz > hi[k]!) hi[k] = gz;
            if (gy > hi[k + 1]!) hi[k + 1] = gy;
            if (gx1 > hi[k + 2]!) hi[k + 2] = gx1;
          }
        }
        i += run;
        x += run;
      }
    }
}
