import { compactLabels, IdTable } from '../volume/idTable';
import type { LabelArray } from '../volume/types';
import { PairCounter } from './pairCounter';

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
  private readonly gtTable = new IdTable();
  private readonly testTable = new IdTable();
  /** (GT index, test index) -> n_ij, in order of first appearance. */
  private readonly pairs = new PairCounter();

  /** Add one block given as raw label arrays of any label type (uint64 stays exact). */
  add(gt: LabelArray, test: LabelArray): void {
    checkLengths(gt.length, test.length);
    this.addIndices(compactLabels(gt, this.gtTable), compactLabels(test, this.testTable));
  }

  /**
   * Add one block given as dense indices into caller-owned id tables (as the app's volume cache
   * holds them). Index 0 must mean id 0, as IdTable guarantees.
   */
  addDense(gt: Uint32Array, gtTable: IdTable, test: Uint32Array, testTable: IdTable): void {
    checkLengths(gt.length, test.length);
    this.addIndices(remap(gt, gtTable, this.gtTable), remap(test, testTable, this.testTable));
  }

  result(): Contingency {
    return tabulate(this.pairs, this.gtTable, this.testTable);
  }

  private addIndices(gt: Uint32Array, test: Uint32Array): void {
    const pairs = this.pairs;
    // Labels come in long runs along x, so the table is touched once per run, not per voxel.
    let runGt = 0;
    let runTest = 0;
    let run = 0;
    for (let i = 0; i < gt.length; i++) {
      const g = gt[i]!;
      if (g === 0) continue;
      const t = test[i]!;
      if (g === runGt && t === runTest) {
        run++;
        continue;
      }
      if (run > 0) pairs.add(runGt, runTest, run);
      runGt = g;
      runTest = t;
      run = 1;
    }
    if (run > 0) pairs.add(runGt, runTest, run);
  }
}

/** Contingency table of two whole, equally long label arrays. */
export function buildContingency(gt: LabelArray, test: LabelArray): Contingency {
  const acc = new ContingencyAccumulator();
  acc.add(gt, test);
  return acc.result();
}

function checkLengths(a: number, b: number): void {
  if (a !== b) throw new RangeError(`label blocks differ in length: ${a} vs ${b}`);
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

function tabulate(pairs: PairCounter, gtTable: IdTable, testTable: IdTable): Contingency {
  const rowOf = new Int32Array(gtTable.size).fill(-1);
  const colOf = new Int32Array(testTable.size).fill(-1);
  const gtIds: bigint[] = [];
  const testIds: bigint[] = [];
  // Row and column counts never exceed the table sizes; trimmed at the end.
  const gtSizes = new Float64Array(gtTable.size);
  const testSizes = new Float64Array(testTable.size);
  const entryGt = new Uint32Array(pairs.size);
  const entryTest = new Uint32Array(pairs.size);
  const entryCount = new Float64Array(pairs.size);
  let total = 0;
  const { a: pairGt, b: pairTest, count: pairCount } = pairs.entries();
  for (let e = 0; e < pairs.size; e++) {
    const g = pairGt[e]!;
    const t = pairTest[e]!;
    const count = pairCount[e]!;
    let row = rowOf[g]!;
    if (row < 0) {
      row = rowOf[g] = gtIds.length;
      gtIds.push(gtTable.id(g));
    }
    let col = colOf[t]!;
    if (col < 0) {
      col = colOf[t] = testIds.length;
      testIds.push(testTable.id(t));
    }
    gtSizes[row] = gtSizes[row]! + count;
    testSizes[col] = testSizes[col]! + count;
    entryGt[e] = row;
    entryTest[e] = col;
    entryCount[e] = count;
    total += count;
  }
  return {
    gtIds,
    testIds,
    gtSizes: gtSizes.slice(0, gtIds.length),
    testSizes: testSizes.slice(0, testIds.length),
    entryGt,
    entryTest,
    entryCount,
    total,
  };
}
