import type { Contingency } from '../../../shared/metrics/contingency';
import type { SegmentLookup } from '../../../shared/metrics/erl';
import { compactLabels, IdTable } from '../../../shared/volume/idTable';
import type { Box3, LabelArray, Vec3 } from '../../../shared/volume/types';
import { NO_OVERRIDE } from '../../../shared/edit/types';
import { localToVoxel, type OverrideChange } from './overrideDiff';
import { PairTable } from './pairTable';

/** A contingency table with one sample voxel (linear index, -1 unknown) per entry. */
export interface SampledContingency extends Contingency {
  readonly entrySample: Float64Array;
}

/**
 * The counts behind the live metrics, kept up to date voxel by voxel as edits change overrides.
 * Columns are *raw* ids (base label, or the voxel's override), before merges: a merge changes no
 * count, and `contingencies` resolves merges when a snapshot is taken, so undoing a merge is exact.
 * - ground truth x raw, over voxels whose ground truth is not 0 (funlib's convention);
 * - base (original) x raw, over every voxel: how far proofreading moved from the original.
 * Skeleton node voxels keep their raw id for ERL.
 */
export class LiveTables {
  readonly segIds = new IdTable();
  readonly gtIds = new IdTable();
  private readonly gtRaw = new PairTable();
  private readonly baseRaw = new PairTable();
  private readonly nodeRaw = new Map<number, number>();
  private readonly nodesByZ = new Map<number, number[]>();
  private nodeChanges = 0;

  constructor(
    readonly shape: Vec3,
    readonly hasGroundTruth: boolean,
    nodeVoxels: Iterable<number> = [],
  ) {
    const plane = shape[1] * shape[2];
    for (const v of nodeVoxels) {
      if (this.nodeRaw.has(v)) continue;
      this.nodeRaw.set(v, 0);
      const z = Math.floor(v / plane);
      const list = this.nodesByZ.get(z);
      if (list) list.push(v);
      else this.nodesByZ.set(z, [v]);
    }
  }

  /** Count one block of the full pass: base labels, raw labels (base + overrides), ground truth. */
  addBlock(box: Box3, base: LabelArray, raw: BigUint64Array, gt: LabelArray | undefined): void {
    const b = compactLabels(base, this.segIds);
    const r = compactLabels(raw, this.segIds);
    const voxelOf = voxelIndexer(box, this.shape);
    countRuns(this.baseRaw, b, r, voxelOf, false);
    if (gt) countRuns(this.gtRaw, compactLabels(gt, this.gtIds), r, voxelOf, true);
    this.fillNodes(box, r);
  }

  /**
   * Apply override changes of one chunk; `base` and `gt` cover `box`, which holds every changed
   * voxel. Returns the number of voxels whose raw id changed.
   */
  applyChange(
    change: OverrideChange,
    chunkShape: Vec3,
    box: Box3,
    base: BigUint64Array,
    gt: LabelArray | undefined,
  ): number {
    const [, ny, nx] = this.shape;
    const [, sy, sx] = box.size;
    let moved = 0;
    for (let k = 0; k < change.local.length; k++) {
      const [z, y, x] = localToVoxel(change.chunk, chunkShape, change.local[k]!);
      const i = ((z - box.start[0]) * sy + (y - box.start[1])) * sx + (x - box.start[2]);
      const baseId = base[i]!;
      const before = change.before[k] === NO_OVERRIDE ? baseId : change.before[k]!;
      const after = change.after[k] === NO_OVERRIDE ? baseId : change.after[k]!;
      if (before === after) continue;
      moved++;
      const voxel = (z * ny + y) * nx + x;
      const b = this.segIds.index(baseId);
      const from = this.segIds.index(before);
      const to = this.segIds.index(after);
      this.baseRaw.remove(b, from, voxel);
      this.baseRaw.add(b, to, 1, voxel);
      const g = gt ? BigInt(gt[i]!) : 0n;
      if (g !== 0n) {
        const row = this.gtIds.index(g);
        this.gtRaw.remove(row, from, voxel);
        this.gtRaw.add(row, to, 1, voxel);
      }
      if (this.nodeRaw.has(voxel)) {
        this.nodeRaw.set(voxel, to);
        this.nodeChanges++;
      }
    }
    return moved;
  }

  /** Changes whenever a skeleton node's raw id changes (ERL needs recomputing only then). */
  get nodesVersion(): number {
    return this.nodeChanges;
  }

  /** Voxels whose raw id differs from the original (painted, erased, split off; not merged). */
  voxelsChanged(): number {
    const { a, b, count } = this.baseRaw.entries();
    let n = 0;
    for (let e = 0; e < count.length; e++) if (a[e] !== b[e]) n += count[e]!;
    return n;
  }

  /**
   * Snapshot contingency tables with merges resolved: `resolve` maps a raw id to its current id.
   * `groundTruth` is undefined without a ground truth.
   */
  contingencies(resolve: (id: bigint) => bigint): {
    groundTruth: SampledContingency | undefined;
    change: SampledContingency;
    segmentOfRaw: (rawIndex: number) => bigint;
  } {
    const ids = this.segIds.ids();
    const colOf = new Int32Array(ids.length);
    const columnIds: bigint[] = [];
    const columnOfId = new Map<bigint, number>();
    ids.forEach((id, k) => {
      const current = resolve(id);
      let col = columnOfId.get(current);
      if (col === undefined) {
        col = columnIds.length;
        columnIds.push(current);
        columnOfId.set(current, col);
      }
      colOf[k] = col;
    });
    return {
      groundTruth: this.hasGroundTruth
        ? aggregate(this.gtRaw, this.gtIds.ids(), colOf, columnIds)
        : undefined,
      change: aggregate(this.baseRaw, ids, colOf, columnIds),
      segmentOfRaw: (rawIndex) => columnIds[colOf[rawIndex]!]!,
    };
  }

  /** Current segment at a skeleton node voxel (0 elsewhere), for ERL. */
  nodeLookup(segmentOfRaw: (rawIndex: number) => bigint): SegmentLookup {
    const [nz, ny, nx] = this.shape;
    return (z, y, x) => {
      if (z < 0 || y < 0 || x < 0 || z >= nz || y >= ny || x >= nx) return 0;
      const raw = this.nodeRaw.get((z * ny + y) * nx + x);
      return raw === undefined ? 0 : segmentOfRaw(raw);
    };
  }

  private fillNodes(box: Box3, raw: Uint32Array): void {
    const [, ny, nx] = this.shape;
    const [bz, by, bx] = box.start;
    const [sz, sy, sx] = box.size;
    for (let z = bz; z < bz + sz; z++) {
      for (const v of this.nodesByZ.get(z) ?? []) {
        const x = v % nx;
        const y = Math.floor(v / nx) % ny;
        if (y < by || y >= by + sy || x < bx || x >= bx + sx) continue;
        this.nodeRaw.set(v, raw[((z - bz) * sy + (y - by)) * sx + (x - bx)]!);
        this.nodeChanges++;
      }
    }
  }
}

/** Block index -> volume voxel index, for sample voxels. */
function voxelIndexer(box: Box3, shape: Vec3): (i: number) => number {
  const [, ny, nx] = shape;
  const [, sy, sx] = box.size;
  return (i) => {
    const x = i % sx;
    const y = Math.floor(i / sx) % sy;
    const z = Math.floor(i / (sx * sy));
    return ((z + box.start[0]) * ny + (y + box.start[1])) * nx + (x + box.start[2]);
  };
}

/** Add runs of equal (row, column) pairs; with `skipZeroRow`, rows of index 0 are not counted. */
function countRuns(
  table: PairTable,
  rows: Uint32Array,
  cols: Uint32Array,
  voxelOf: (i: number) => number,
  skipZeroRow: boolean,
): void {
  let runRow = -1;
  let runCol = -1;
  let run = 0;
  let start = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const c = cols[i]!;
    if (r === runRow && c === runCol) {
      run++;
      continue;
    }
    if (run > 0 && !(skipZeroRow && runRow === 0)) table.add(runRow, runCol, run, voxelOf(start));
    runRow = r;
    runCol = c;
    run = 1;
    start = i;
  }
  if (run > 0 && !(skipZeroRow && runRow === 0)) table.add(runRow, runCol, run, voxelOf(start));
}

/** The table with its columns mapped through `colOf` and rows renumbered densely. */
function aggregate(
  table: PairTable,
  rowIds: readonly bigint[],
  colOf: Int32Array,
  columnIds: readonly bigint[],
): SampledContingency {
  const merged = new PairTable(table.size);
  const rowOf = new Int32Array(rowIds.length).fill(-1);
  const rows: bigint[] = [];
  const { a, b, count, sample } = table.entries();
  for (let e = 0; e < count.length; e++) {
    const n = count[e]!;
    if (n <= 0) continue;
    let row = rowOf[a[e]!]!;
    if (row < 0) {
      row = rowOf[a[e]!] = rows.length;
      rows.push(rowIds[a[e]!]!);
    }
    merged.add(row, colOf[b[e]!]!, n, sample[e]);
  }
  const m = merged.entries();
  const usedCol = new Int32Array(columnIds.length).fill(-1);
  const testIds: bigint[] = [];
  const entryTest = new Uint32Array(m.count.length);
  const gtSizes = new Float64Array(rows.length);
  const testSizes: number[] = [];
  let total = 0;
  for (let e = 0; e < m.count.length; e++) {
    let col = usedCol[m.b[e]!]!;
    if (col < 0) {
      col = usedCol[m.b[e]!] = testIds.length;
      testIds.push(columnIds[m.b[e]!]!);
      testSizes.push(0);
    }
    entryTest[e] = col;
    gtSizes[m.a[e]!] = gtSizes[m.a[e]!]! + m.count[e]!;
    testSizes[col] = testSizes[col]! + m.count[e]!;
    total += m.count[e]!;
  }
  return {
    gtIds: rows,
    testIds,
    gtSizes,
    testSizes: Float64Array.from(testSizes),
    entryGt: m.a.slice(),
    entryTest,
    entryCount: m.count.slice(),
    entrySample: m.sample.slice(),
    total,
  };
}
