/**
 * The metrics peer: scikit-image's variation_of_information + adapted_rand_error, run by Debian's
 * python3 on arrays it has read into memory (reading is not timed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { median, round } from './stats';

/** Debian's python3 has numpy, h5py and scikit-image; a pyenv python3 on PATH may not. */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

const SCRIPT = `
import sys, json, time, numpy as np, skimage
from skimage.metrics import variation_of_information, adapted_rand_error
kind, seg_path, gt_path, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def load(path):
    if kind == 'h5':
        import h5py
        return h5py.File(path, 'r')['stack'][...]
    n = int(kind)
    return np.fromfile(path, dtype=np.uint32).reshape(n, n, n)
seg, gt = load(seg_path), load(gt_path)
# skimage indexes a sparse matrix by raw id, so uint64 ids past 2^63 (the demo's) must be made
# dense first: 1, 2, ... in id order, and 0 only where the id is 0 (the label both ignore in GT).
def dense(a):
    ids, inverse = np.unique(a, return_inverse=True)
    return (inverse + (0 if ids[0] == 0 else 1)).reshape(a.shape)
relabel_ms = 0.0
if gt.dtype == np.uint64:
    t0 = time.perf_counter()
    gt, seg = dense(gt), dense(seg)
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

interface Raw {
  version: string;
  relabel_ms: number;
  vi_ms: number[];
  are_ms: number[];
  voi_split: number;
  voi_merge: number;
  are: number;
}

export interface SkimageMetrics {
  readonly version: string;
  readonly python: string;
  readonly viMs: number;
  readonly areMs: number;
  /** Median over runs of VI + ARE. */
  readonly viPlusAreMs: number;
  /** np.unique relabelling that uint64 ids need first (0 for uint32); not in viPlusAreMs. */
  readonly relabelMs: number;
  readonly voi_split: number;
  readonly voi_merge: number;
  readonly adapted_rand_error: number;
}

/**
 * Run the peer on two files: 'h5' for the demo's HDF5 files (dataset `stack`), or the edge
 * length n for raw uint32 n^3 cubes.
 */
export function skimageMetrics(
  kind: 'h5' | number,
  segmentation: string,
  groundTruth: string,
  runs: number,
): SkimageMetrics {
  const out = execFileSync(PYTHON, ['-c', SCRIPT, String(kind), segmentation, groundTruth, String(runs)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  const raw = JSON.parse(out) as Raw;
  return {
    version: raw.version,
    python: PYTHON,
    viMs: round(median(raw.vi_ms)),
    areMs: round(median(raw.are_ms)),
    viPlusAreMs: round(median(raw.vi_ms.map((v, i) => v + raw.are_ms[i]!))),
    relabelMs: round(raw.relabel_ms),
    voi_split: raw.voi_split,
    voi_merge: raw.voi_merge,
    adapted_rand_error: raw.are,
  };
}
