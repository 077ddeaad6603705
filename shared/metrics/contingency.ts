import { compactLabels, IdTable } from '../volume/idTable';
import type { LabelArray } from '../volume/types';
import { numberByFirstAppearance, PairCounter } from './pairCounter';

/**
 * The sparse contingency table of a ground truth (rows) against a test segmentation (columns),
 * counted over voxels whose ground truth is not 0 (funlib.evaluate's convention; the test's 0 is
 * an ordinary segment). Rows and columns are numbered in order of first appearance in the scan,
 * so relabelling either volume leaves every array except the id lists unchanged.
 */
export interface Contingency {
  /** Ground-truth id of each row i. */
  readonly gtIds: readonly bigint[];
  /** Test id of each column j. */
  readonly testIds: readonly bigint[];
  /** t_i: voxels of each ground-truth segment (inside the counted region). */
  readonly gtSizes: Float64Array;
  /** s_j: counted voxels of each test segment. */
  readonly testSizes: Float64Array;
  /** Row of each non-zero entry n_ij. */
  readonly entryGt: Uint32Array;
  /** Column of each non-zero entry n_ij. */
  readonly entryTest: Uint32Array;
  /** n_ij of each non-zero entry. */
  readonly entryCount: Float64Array;
  /** N = sum of all n_ij: voxels with non-zero ground truth. */
  readonly total: number;
}

/**
 * Counts (ground truth, test) voxel pairs block by block, so chunked volumes never have to be
 * whole in memory. Call `add` once per block (blocks of the two volumes must cover the same
 * voxels), then `result`.
 */
export class ContingencyAccumulator {
  /**
   * Each side keys the pairs by raw id while every id it has seen fits in 32 bits, so blocks
   * need no translation; from its first wider id (or dense block) on, by index into its table.
   */
  private gtTable: IdTable | undefined;
  private testTable: IdTable | undefined;
  /** (GT key, test key) -> n_ij, in order of first appearance. */
  private pairs = new PairCounter();

  /** Add one block given as raw label arrays of any label type (uint64 stays exact). */
  add(gt: LabelArray, test: LabelArray): void {
    checkLengths(gt.length, test.length);
    // Both keyings first: either may re-key (replace) the pair counter.
    const gtKeys = this.keys(gt, 'gt');
    const testKeys = this.keys(test, 'test');
    this.pairs.addRuns(gtKeys, testKeys);
  }

  /**
   * Add one block given as dense indices into caller-owned id tables (as the app's volume cache
   * holds them). Index 0 must mean id 0, as IdTable guarantees.
   */
  addDense(gt: Uint32Array, gtTable: IdTable, test: Uint32Array, testTable: IdTable): void {
    checkLengths(gt.length, test.length);
    const ownGt = this.gtTable ?? this.useTable('gt');
    const ownTest = this.testTable ?? this.useTable('test');
    this.pairs.addRuns(remap(gt, gtTable, ownGt), remap(test, testTable, ownTest));
  }

  result(): Contingency {
    return tabulate(this.pairs, this.gtTable, this.testTable);
  }

  /** Pair keys of one side's block: its raw ids while they fit in 32 bits, else table indices. */
  private keys(labels: LabelArray, side: Side): Uint32Array {
    let table = side === 'gt' ? this.gtTable : this.testTable;
    if (!table) {
      const raw = uint32Labels(labels);
      if (raw) return raw;
      table = this.useTable(side);
    }
    return compactLabels(labels, table);
  }

  /**
   * Key `side` by index into its own id table from now on, re-keying the pairs counted so far in
   * their order (so order of first appearance is kept).
   */
  private useTable(side: Side): IdTable {
    const table = new IdTable();
    const old = this.pairs.entries();
    const pairs = new PairCounter(old.count.length);
    for (let e = 0; e < old.count.length; e++) {
      const g = old.a[e]!;
      const t = old.b[e]!;
      pairs.add(
        side === 'gt' ? table.indexSmall(g) : g,
        side === 'test' ? table.indexSmall(t) : t,
        old.count[e]!,
      );
    }
    this.pairs = pairs;
    if (side === 'gt') this.gtTable = table;
    else this.testTable = table;
    return table;
  }
}

type Side = 'gt' | 'test';

/** Contingency table of two whole, equally long label arrays. */
export function buildContingency(gt: LabelArray, test: LabelArray): Contingency {
  const acc = new ContingencyAccumulator();
  acc.add(gt, test);
  return acc.result();
}

function checkLengths(a: number, b: number): void {
  if (a !== b) throw new RangeError(`label blocks differ in length: ${a} vs ${b}`);
}

/**
 * The labels of a block as uint32 values, or undefined when an id needs more than 32 bits.
 * Uint32Array and Int32Array come back as views, narrower arrays widened, 64-bit arrays as
 * copies of their low words. Negative ids in the 8- to 32-bit signed types are an error, as in
 * `compactLabels`; in 64-bit arrays they do not fit and take the id table.
 */
function uint32Labels(labels: LabelArray): Uint32Array | undefined {
  if (labels instanceof Uint32Array) return labels;
  if (labels instanceof Uint8Array || labels instanceof Uint16Array) return new Uint32Array(labels);
  if (labels instanceof BigUint64Array || labels instanceof BigInt64Array) return lowWords(labels);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i]!;
    if (v < 0) throw new RangeError(`negative label ${v} at voxel ${i}`);
  }
  if (labels instanceof Int32Array) return new Uint32Array(labels.buffer, labels.byteOffset, labels.length);
  return new Uint32Array(labels);
}

/** Low words of a 64-bit block whose high words are all 0 (little-endian, as in compactLabels). */
function lowWords(labels: BigUint64Array | BigInt64Array): Uint32Array | undefined {
  const words = new Uint32Array(labels.buffer, labels.byteOffset, labels.length * 2);
  const out = new Uint32Array(labels.length);
  for (let i = 0; i < out.length; i++) {
    if (words[2 * i + 1] !== 0) return undefined;
    out[i] = words[2 * i]!;
  }
  return out;
}

/** Translate indices of a foreign id table into indices of `own`. */
function remap(dense: Uint32Array, foreign: IdTable, own: IdTable): Uint32Array {
  const map = new Int32Array(foreign.size).fill(-1);
  const out = new Uint32Array(dense.length);
  for (let i = 0; i < dense.length; i++) {
    const f = dense[i]!;
    let o = map[f];
    if (o === undefined) throw new RangeError(`dense index ${f} is not in the id table`);
    if (o < 0) {
      o = own.index(foreign.id(f));
      map[f] = o;
    }
    out[i] = o;
  }
  return out;
}

/** Rows and columns numbered by first appearance among the entries, which are in scan order. */
function tabulate(
  pairs: PairCounter,
  gtTable: IdTable | undefined,
  testTable: IdTable | undefined,
): Contingency {
  const { a, b, count } = pairs.entries();
  const rows = numberByFirstAppearance(a);
  const cols = numberByFirstAppearance(b);
  const gtSizes = new Float64Array(rows.distinct.length);
  const testSizes = new Float64Array(cols.distinct.length);
  let total = 0;
  for (let e = 0; e < count.length; e++) {
    const n = count[e]!;
    const row = rows.index[e]!;
    const col = cols.index[e]!;
    gtSizes[row] = gtSizes[row]! + n;
    testSizes[col] = testSizes[col]! + n;
    total += n;
  }
  return {
    gtIds: ids(rows.distinct, gtTable),
    testIds: ids(cols.distinct, testTable),
    gtSizes,
    testSizes,
    entryGt: rows.index,
    entryTest: cols.index,
    entryCount: count.slice(),
    total,
  };
}

/** Segment ids of pair keys: raw ids themselves without a table. */
function ids(keys: Uint32Array, table: IdTable | undefined): bigint[] {
  return Array.from(keys, (k) => (table ? table.id(k) : BigInt(k)));
}
