import { chunkBox } from '../../shared/volume/box';
import { IdTable, compactLabels } from '../../shared/volume/idTable';
import type { LabelArray, Vec3 } from '../../shared/volume/types';
import type { SegmentSummary } from '../../shared/api/types';
import type { VolumeSource } from '../io/openVolume';
import type { ChunkCache } from './chunkCache';
import { yieldToLoop, type TaskContext } from './tasks';

/**
 * Voxel count and bounding box of every segment, built by one streaming pass over the chunks of
 * the segmentation (nothing but the cache keeps chunks around).
 */
export class SegmentIndex {
  private constructor(
    private readonly table: IdTable,
    private readonly counts: Float64Array,
    private readonly lo: Int32Array,
    private readonly hi: Int32Array,
    private readonly bySize: readonly number[],
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
    order.sort((a, b) => counts[b]! - counts[a]! || (table.id(a) < table.id(b) ? -1 : 1));
    return new SegmentIndex(table, counts, lo, hi, order);
  }

  get(id: bigint): SegmentSummary | undefined {
    const i = this.table.find(id);
    return i === undefined || i === 0 || !(this.counts[i]! > 0) ? undefined : this.summary(i);
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

  maxId(): bigint {
    let max = 0n;
    for (const id of this.table.ids()) if (id > max) max = id;
    return max;
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
