/**
 * Metrics benchmark on the demo volume (written to a temporary folder): the full metrics service
 * (VOI, Rand, ERL, reading the HDF5 files block by block), the same VOI + Rand on arrays already
 * in memory, and, as a peer in the same run, scikit-image's variation_of_information +
 * adapted_rand_error on the same arrays (read with h5py, timed without the read). Prints one JSON
 * object.
 *
 *   node --import tsx bench/metrics.ts
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openVolume } from '../electron/io/openVolume';
import { computeMetrics } from '../electron/services/metricsService';
import { writeDemoFiles } from '../electron/services/demoFiles';
import { buildContingency } from '../shared/metrics/contingency';
import { computeRand } from '../shared/metrics/rand';
import { computeVoi } from '../shared/metrics/voi';
import type { LabelArray } from '../shared/volume/types';

const RUNS = 3;
/** Debian's python3 has numpy, h5py and scikit-image; a pyenv python3 on PATH may not. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

const SKIMAGE = `
import sys, json, time, h5py, numpy as np, skimage
from skimage.metrics import variation_of_information, adapted_rand_error
seg = h5py.File(sys.argv[1], 'r')['stack'][...]
gt = h5py.File(sys.argv[2], 'r')['stack'][...]
runs = int(sys.argv[3])
# skimage indexes a sparse matrix by raw id, so uint64 ids past 2^63 (the demo's) must be made
# dense first: 1, 2, ... in id order, and 0 only where the id is 0 (the label both ignore in GT).
def dense(a):
    ids, inverse = np.unique(a, return_inverse=True)
    return (inverse + (0 if ids[0] == 0 else 1)).reshape(a.shape)
t0 = time.perf_counter()
gt = dense(gt)
seg = dense(seg)
relabel_ms = (time.perf_counter() - t0) * 1e3
vi_ms, are_ms = [], []
for _ in range(runs):
    t0 = time.perf_counter(); vi = variation_of_information(gt, seg, ignore_labels=[0])
    t1 = time.perf_counter(); are = adapted_rand_error(gt, seg)
    t2 = time.perf_counter()
    vi_ms.append((t1 - t0) * 1e3); are_ms.append((t2 - t1) * 1e3)
print(json.dumps({'version': skimage.__version__, 'vi_ms': vi_ms, 'are_ms': are_ms, 'relabel_ms': relabel_ms,
                  'voi_split': float(vi[0]), 'voi_merge': float(vi[1]), 'are': float(are[0])}))
`;

interface SkimageResult {
  version: string;
  relabel_ms: number;
  vi_ms: number[];
  are_ms: number[];
  voi_split: number;
  voi_merge: number;
  are: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

async function readWhole(spec: string): Promise<LabelArray> {
  const source = await openVolume(spec, 'labels');
  try {
    return (await source.read({ start: [0, 0, 0], size: source.info.shape })) as LabelArray;
  } finally {
    source.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-metrics-'));
  try {
    const files = await writeDemoFiles(dir);
    const full: number[] = [];
    let report = await computeMetrics({
      segmentation: files.segmentation,
      groundTruth: files.groundTruth,
      skeletons: files.skeletons,
    });
    for (let r = 0; r < RUNS; r++) {
      const run = await timed(() =>
        computeMetrics({
          segmentation: files.segmentation,
          groundTruth: files.groundTruth,
          skeletons: files.skeletons,
        }),
      );
      full.push(run.ms);
      report = run.value;
    }
    const seg = await readWhole(files.segmentation);
    const gt = await readWhole(files.groundTruth);
    const inMemory: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const run = await timed(() => {
        const c = buildContingency(gt, seg);
        return [computeVoi(c), computeRand(c)] as const;
      });
      inMemory.push(run.ms);
    }
    const skimage = JSON.parse(
      execFileSync(PYTHON, ['-c', SKIMAGE, files.segmentation, files.groundTruth, String(RUNS)], {
        encoding: 'utf8',
      }),
    ) as SkimageResult;
    const voxels = report.voxels;
    const fullMs = median(full);
    const memMs = median(inMemory);
    const skMs = median(skimage.vi_ms.map((v, i) => v + skimage.are_ms[i]!));
    const result = {
      benchmark: 'metrics',
      volume: {
        source: 'writeDemoFiles',
        shape: report.shape,
        voxels,
        skeletons: report.erl?.skeletons,
        blocks: report.blocks,
      },
      runs: RUNS,
      ours: {
        full_ms: fullMs,
        full_mvoxels_per_s: voxels / 1e3 / fullMs,
        full_includes:
          'file open, HDF5 read + gzip decode of both volumes block by block, contingency, VOI, Rand, SWC load, ERL',
        in_memory_vi_rand_ms: memMs,
        in_memory_mvoxels_per_s: voxels / 1e3 / memMs,
      },
      skimage: {
        version: skimage.version,
        python: PYTHON,
        vi_ms: median(skimage.vi_ms),
        are_ms: median(skimage.are_ms),
        vi_plus_are_ms: skMs,
        relabel_ms: skimage.relabel_ms,
        mvoxels_per_s: voxels / 1e3 / skMs,
        note:
          'arrays in memory (h5py read not timed), ids made dense with np.unique first (timed apart: ' +
          'skimage cannot index uint64 ids past 2^63); VI with ignore_labels=[0]',
      },
      speedup_in_memory_vs_skimage: skMs / memMs,
      agreement: {
        voi_split: [report.voi_split, skimage.voi_split],
        voi_merge: [report.voi_merge, skimage.voi_merge],
        // skimage counts distinct voxel pairs, we (funlib) include self-pairs: differs by O(1/N).
        adapted_rand_error: [report.adapted_rand_error, skimage.are],
      },
      erl: { erl: report.erl?.erl, gt_erl: report.erl?.gt_erl, nerl: report.erl?.nerl },
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
