import { formatVec, type Vec3 } from '../../shared/volume/types';
import { computeMetrics, type MetricsReport } from '../services/metricsService';
import type { Command } from './commands';
import { parse, parseVec3 } from './parse';
import { UsageError } from './usageError';

const usage = `Usage: npx axon-proofreader metrics --seg PATH[:DS] --gt PATH[:DS] [--skeletons DIR|FILE.swc]
                                   [--resolution z,y,x] [--merge-threshold N] [--json]

Scores a segmentation against ground truth, reading both volumes block by block:
variation of information (voi_split, voi_merge, bits), Rand split/merge and the adapted Rand
error; with --skeletons also the expected run length (erl, gt_erl in nm, nerl = erl / gt_erl).
Conventions are funlib.evaluate's: voxels where the ground truth is 0 are skipped, the
segmentation's 0 is an ordinary segment.

  --seg PATH[:DS]         test segmentation (HDF5, zarr, TIFF or FFN .npz; e.g. seg.h5:stack)
  --gt PATH[:DS]          ground truth, same shape
  --skeletons DIR|FILE    ground-truth skeletons (.swc, nm, one per file) for ERL
  --resolution z,y,x      voxel size in nm (default: the datasets' resolution attribute)
  --merge-threshold N     AxonEM's ERL: a skeleton merges into a segment only with >= N nodes
                          in it, and a merged skeleton scores 0 (default: funlib's ERL)
  --json                  print one JSON object instead of a table`;

export const metricsCommand: Command = {
  summary: 'score a segmentation against ground truth (VOI, Rand, ERL)',
  usage,
  async run(args) {
    const { values } = parse(args, {
      seg: { type: 'string' },
      gt: { type: 'string' },
      skeletons: { type: 'string' },
      resolution: { type: 'string' },
      'merge-threshold': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) {
      console.log(usage);
      return 0;
    }
    if (!values.seg) throw new UsageError('--seg PATH[:DATASET] is required');
    if (!values.gt) throw new UsageError('--gt PATH[:DATASET] is required');
    const mergeThreshold = parseMergeThreshold(values['merge-threshold']);
    if (mergeThreshold !== undefined && !values.skeletons) {
      throw new UsageError('--merge-threshold applies to ERL and needs --skeletons');
    }
    const report = await computeMetrics(
      {
        segmentation: values.seg,
        groundTruth: values.gt,
        ...(values.skeletons ? { skeletons: values.skeletons } : {}),
        ...(values.resolution ? { resolution: parseResolution(values.resolution) } : {}),
        ...(mergeThreshold === undefined ? {} : { mergeThreshold }),
      },
      { progress: values.json ? undefined : progressLine() },
    );
    if (process.stderr.isTTY && !values.json) process.stderr.write('\r\x1b[K');
    for (const w of report.warnings) console.error(`axon-proofreader metrics: warning: ${w}`);
    console.log(values.json ? JSON.stringify(metricsJson(report), null, 2) : metricsTable(report));
    return 0;
  },
};

function parseResolution(text: string): Vec3 {
  const r = parseVec3(text, '--resolution');
  if (r.some((n) => n <= 0))
    throw new UsageError(`--resolution must be positive nm per voxel (got '${text}')`);
  return r;
}

function parseMergeThreshold(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(n) || n < 0) {
    throw new UsageError(`--merge-threshold must be a non-negative integer (got '${text}')`);
  }
  return n;
}

/** A percentage on stderr while reading, only for a person at a terminal. */
function progressLine(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = -1;
  return (done, total) => {
    const pct = Math.floor((100 * done) / Math.max(1, total));
    if (pct === last) return;
    last = pct;
    process.stderr.write(`\rmetrics: reading volumes ${pct}%`);
  };
}

const ids = (scores: MetricsReport['largestSplits']) =>
  scores.map((s) => ({ id: String(s.id), voi: s.value }));

/** The report as plain JSON (ids as strings: they may exceed 2^53; NaN becomes null). */
export function metricsJson(r: MetricsReport): Record<string, unknown> {
  const erl = r.erl;
  return {
    voi_split: r.voi_split,
    voi_merge: r.voi_merge,
    rand_split: r.rand_split,
    rand_merge: r.rand_merge,
    adapted_rand_error: r.adapted_rand_error,
    ...(erl ? { erl: erl.erl, gt_erl: erl.gt_erl, nerl: erl.nerl } : {}),
    nvi_split: r.nvi_split,
    nvi_merge: r.nvi_merge,
    nid: r.nid,
    segmentation: r.segmentation,
    groundtruth: r.groundTruth,
    shape: r.shape,
    resolution: r.resolution,
    resolution_source: r.resolutionSource,
    voxels: r.voxels,
    counted_voxels: r.countedVoxels,
    gt_segments: r.gtSegments,
    test_segments: r.testSegments,
    block_shape: r.blockShape,
    blocks: r.blocks,
    largest_voi_split: ids(r.largestSplits),
    largest_voi_merge: ids(r.largestMerges),
    ...(erl
      ? {
          merge_threshold: erl.mergeThreshold ?? null,
          skeletons: erl.skeletons,
          skeleton_nodes: erl.nodes,
          skeleton_nodes_outside: erl.nodesOutside,
          skeleton_length_nm: erl.total_length,
          erl_edges: erl.edges,
          merging_segments: erl.mergingSegments.map(String),
        }
      : {}),
    warnings: r.warnings,
    seconds: r.seconds,
  };
}

function num(v: number, digits = 6): string {
  return Number.isFinite(v) ? v.toFixed(digits) : 'n/a';
}

/** The human-readable table. */
export function metricsTable(r: MetricsReport): string {
  const rows: [string, string, string][] = [
    ['voi_split', num(r.voi_split), 'bits, H(seg | gt): over-segmentation'],
    ['voi_merge', num(r.voi_merge), 'bits, H(gt | seg): under-segmentation'],
    ['rand_split', num(r.rand_split), '1 = no ground-truth segment split'],
    ['rand_merge', num(r.rand_merge), '1 = no segment merges ground truth'],
    ['adapted_rand_error', num(r.adapted_rand_error), '1 - F1 of rand_split and rand_merge'],
  ];
  const erl = r.erl;
  if (erl) {
    rows.push(
      ['erl', num(erl.erl, 1), 'nm, expected run length'],
      ['gt_erl', num(erl.gt_erl, 1), 'nm, ERL of a perfect segmentation'],
      ['nerl', num(erl.nerl), 'erl / gt_erl'],
    );
  }
  const width = Math.max(...rows.map(([name]) => name.length));
  const valueWidth = Math.max(...rows.map(([, v]) => v.length));
  const lines = [
    `segmentation  ${r.segmentation}`,
    `ground truth  ${r.groundTruth}`,
    `volume        ${formatVec(r.shape)} voxels (z,y,x), ${formatVec(r.resolution)} nm (${r.resolutionSource})`,
    `scored        ${r.countedVoxels.toLocaleString('en')} voxels with non-zero ground truth ` +
      `(${r.gtSegments} ground-truth, ${r.testSegments} segmentation segments)`,
  ];
  if (erl) {
    const e = erl.edges;
    lines.push(
      `skeletons     ${erl.skeletons} (${(erl.total_length / 1000).toFixed(1)} um; edges: ${e.correct} correct, ` +
        `${e.split} split, ${e.merged} merged, ${e.omitted} omitted` +
        `${erl.mergeThreshold === undefined ? '' : `; merge threshold ${erl.mergeThreshold}`})`,
    );
  }
  lines.push('', ...rows.map(([n, v, note]) => `  ${n.padEnd(width)}  ${v.padStart(valueWidth)}  ${note}`));
  return lines.join('\n');
}
