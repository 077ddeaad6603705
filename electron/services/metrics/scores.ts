import type { GroundTruthScores, VoiContributor } from '../../../shared/api/metricsTypes';
import type { Skeleton } from '../../../shared/formats/swc';
import { expectedRunLength } from '../../../shared/metrics/erl';
import { computeRand } from '../../../shared/metrics/rand';
import { computeVoi, largestContributions, voiPerSegment } from '../../../shared/metrics/voi';
import type { Vec3 } from '../../../shared/volume/types';
import type { LiveTables, SampledContingency } from './liveTables';

export interface Scores {
  readonly change: { readonly voi_split: number; readonly voi_merge: number; readonly voxelsChanged: number };
  readonly scores: GroundTruthScores | null;
  readonly topSplits: VoiContributor[];
  readonly topMerges: VoiContributor[];
}

export interface ScoreOptions {
  /** Current id of a raw id (merges resolved). */
  readonly resolve: (id: bigint) => bigint;
  readonly skeletons: readonly Skeleton[];
  readonly resolution: Vec3;
  /** Contributors listed per kind (default 8). */
  readonly top?: number;
  /**
   * What the current ids depend on (the state's merge map): with `erlMemo`, ERL is reused while
   * neither it nor any skeleton node's voxel changed.
   */
  readonly mergeKey?: unknown;
  readonly erlMemo?: ErlMemo;
}

type ErlNumbers = { readonly erl: number; readonly gt_erl: number; readonly nerl: number };

/** The last ERL and what it was computed from: most edits touch no skeleton node. */
export class ErlMemo {
  private key: readonly unknown[] = [];
  private value: ErlNumbers | undefined;

  get(key: readonly unknown[], compute: () => ErlNumbers): ErlNumbers {
    if (this.value && key.length === this.key.length && key.every((k, i) => k === this.key[i]))
      return this.value;
    this.value = compute();
    this.key = key;
    return this.value;
  }
}

/** Every number of the live panel from the counts as they stand. */
export function computeScores(tables: LiveTables, opts: ScoreOptions): Scores {
  const { groundTruth, change, segmentOfRaw } = tables.contingencies(opts.resolve);
  const changeVoi = computeVoi(change);
  const result = {
    change: {
      voi_split: zeroIfNaN(changeVoi.voi_split),
      voi_merge: zeroIfNaN(changeVoi.voi_merge),
      voxelsChanged: tables.voxelsChanged(),
    },
    scores: null,
    topSplits: [],
    topMerges: [],
  };
  if (!groundTruth) return result;
  const voi = computeVoi(groundTruth);
  const rand = computeRand(groundTruth);
  let erl: ErlNumbers | null = null;
  if (opts.skeletons.length > 0) {
    const compute = (): ErlNumbers => {
      const forErl = opts.skeletons.map((s) => ({ id: s.id, nodes: s.nodes.slice() }));
      return expectedRunLength(forErl, tables.nodeLookup(segmentOfRaw), { resolution: opts.resolution });
    };
    const key = [tables, tables.nodesVersion, opts.mergeKey, opts.skeletons, opts.resolution];
    erl = opts.erlMemo && opts.mergeKey !== undefined ? opts.erlMemo.get(key, compute) : compute();
  }
  const top = opts.top ?? 8;
  const perSegment = voiPerSegment(groundTruth);
  return {
    ...result,
    scores: {
      voi_split: voi.voi_split,
      voi_merge: voi.voi_merge,
      rand_split: rand.rand_split,
      rand_merge: rand.rand_merge,
      adapted_rand_error: rand.adapted_rand_error,
      erl: erl && Number.isFinite(erl.erl) ? erl.erl : null,
      gt_erl: erl && Number.isFinite(erl.gt_erl) ? erl.gt_erl : null,
      nerl: erl && Number.isFinite(erl.nerl) ? erl.nerl : null,
      countedVoxels: groundTruth.total,
    },
    topSplits: contributors(groundTruth, perSegment.split, 'row', top, tables.shape),
    topMerges: contributors(groundTruth, perSegment.merge, 'column', top, tables.shape),
  };
}

function zeroIfNaN(x: number): number {
  return Number.isNaN(x) ? 0 : x;
}

/**
 * The largest shares: per ground-truth row (split) the corrected segments it is cut into, per
 * corrected column (merge) the segment itself; each with a voxel of its largest part. Background
 * (test id 0) counts in the scores, as funlib counts it, but is never offered for selection.
 */
function contributors(
  c: SampledContingency,
  values: Float64Array,
  by: 'row' | 'column',
  top: number,
  shape: Vec3,
): VoiContributor[] {
  const ids = by === 'row' ? c.gtIds : c.testIds;
  const ranked = by === 'row' ? values : values.map((v, j) => (c.testIds[j] === 0n ? -Infinity : v));
  const chosen = largestContributions(ranked, ids, top).filter((s) => s.value > 1e-12);
  const keyOf = by === 'row' ? c.entryGt : c.entryTest;
  const wanted = new Map<number, number[]>();
  for (const s of chosen) wanted.set(ids.indexOf(s.id), []);
  for (let e = 0; e < c.entryCount.length; e++) wanted.get(keyOf[e]!)?.push(e);
  return chosen.map((s) => {
    const entries = (wanted.get(ids.indexOf(s.id)) ?? []).sort((a, b) => c.entryCount[b]! - c.entryCount[a]!);
    const segmented = entries.filter((e) => c.testIds[c.entryTest[e]!] !== 0n);
    const sampled = segmented.find((e) => c.entrySample[e]! >= 0);
    return {
      id: s.id,
      value: s.value,
      segments: by === 'row' ? segmented.slice(0, 6).map((e) => c.testIds[c.entryTest[e]!]!) : [s.id],
      parts: entries.length,
      voxel: sampled === undefined ? null : toVoxel(c.entrySample[sampled]!, shape),
    };
  });
}

function toVoxel(linear: number, shape: Vec3): Vec3 {
  const [, ny, nx] = shape;
  const x = linear % nx;
  const y = Math.floor(linear / nx) % ny;
  return [Math.floor(linear / (nx * ny)), y, x];
}
