import { ContingencyAccumulator } from '../../shared/metrics/contingency';
import { expectedRunLength, type ErlResult, type SegmentLookup } from '../../shared/metrics/erl';
import { computeRand, type RandResult } from '../../shared/metrics/rand';
import type { Skeleton } from '../../shared/formats/swc';
import {
  computeVoi,
  largestContributions,
  voiPerSegment,
  type SegmentScore,
  type VoiResult,
} from '../../shared/metrics/voi';
import type { Box3, LabelArray, Vec3 } from '../../shared/volume/types';
import { formatVec, sameShape, voxelCount } from '../../shared/volume/types';
import { openVolume, type VolumeSource } from '../io/openVolume';
import { loadSkeletons } from '../io/skeletonFiles';
import { yieldToLoop, type TaskContext } from './tasks';

export interface MetricsOptions {
  /** Test segmentation, `PATH[:DATASET]`. */
  readonly segmentation: string;
  /** Ground truth, `PATH[:DATASET]`. */
  readonly groundTruth: string;
  /** A folder of .swc files, one .swc file, or skeletons already loaded; enables ERL. */
  readonly skeletons?: string | readonly Skeleton[];
  /** Voxel size in nm, zyx; overrides the datasets' `resolution` attributes. */
  readonly resolution?: Vec3;
  /** AxonEM's merge threshold for ERL (em_erl); funlib's ERL when left out. */
  readonly mergeThreshold?: number;
  /** Most voxels read per block from each volume (memory bound); default 2 Mi (16 MiB of uint64 each). */
  readonly maxBlockVoxels?: number;
  /** How many segments to list as the largest VOI contributors (default 5). */
  readonly largest?: number;
}

/** Where the voxel size used for ERL came from. */
export type ResolutionSource = 'option' | 'groundtruth' | 'segmentation' | 'default';

export interface ErlSummary extends ErlResult {
  /** Skeletons loaded (including ones without edges, which ERL leaves out). */
  readonly skeletons: number;
  readonly nodes: number;
  /** Nodes whose voxel lies outside the volume (they look up segment 0). */
  readonly nodesOutside: number;
  readonly mergeThreshold: number | undefined;
  readonly edges: { correct: number; split: number; merged: number; omitted: number };
}

export interface MetricsReport extends VoiResult, RandResult {
  /** The volumes as opened: absolute path and dataset. */
  readonly segmentation: string;
  readonly groundTruth: string;
  readonly shape: Vec3;
  readonly resolution: Vec3;
  readonly resolutionSource: ResolutionSource;
  /** Voxels in the volume, and those with non-zero ground truth (the ones scored). */
  readonly voxels: number;
  readonly countedVoxels: number;
  readonly gtSegments: number;
  readonly testSegments: number;
  /** How the volumes were read: the block shape (zyx) and the number of blocks. */
  readonly blockShape: Vec3;
  readonly blocks: number;
  /** Ground-truth segments contributing most to voi_split (split errors), largest first; none at 0. */
  readonly largestSplits: readonly SegmentScore[];
  /** Test segments contributing most to voi_merge (merge errors), largest first. */
  readonly largestMerges: readonly SegmentScore[];
  readonly erl: ErlSummary | undefined;
  /** Things the user should know (e.g. no recorded voxel size). */
  readonly warnings: readonly string[];
  readonly seconds: number;
}

const DEFAULT_BLOCK_VOXELS = 2 * 2 ** 20;

/**
 * Score a segmentation against ground truth (VOI, Rand, and ERL when skeletons are given),
 * reading both volumes block by block so that neither has to fit in memory. Shared by the
 * `metrics` CLI command and the app's metrics panel.
 */
export async function computeMetrics(
  opts: MetricsOptions,
  ctx: Partial<TaskContext> = {},
): Promise<MetricsReport> {
  const skeletons = typeof opts.skeletons === 'string' ? await loadSkeletons(opts.skeletons) : opts.skeletons;
  const seg = await openVolume(opts.segmentation, 'labels');
  let gt: VolumeSource | undefined;
  try {
    gt = await openVolume(opts.groundTruth, 'labels');
    return await scoreVolumes(seg, gt, { ...opts, skeletons }, ctx);
  } finally {
    gt?.close();
    seg.close();
  }
}

/** computeMetrics on volumes the caller has open (and closes). */
export async function scoreVolumes(
  seg: VolumeSource,
  gt: VolumeSource,
  opts: Omit<MetricsOptions, 'segmentation' | 'groundTruth' | 'skeletons'> & {
    readonly skeletons?: readonly Skeleton[];
  },
  ctx: Partial<TaskContext> = {},
): Promise<MetricsReport> {
  const started = performance.now();
  const shape = seg.info.shape;
  if (!sameShape(shape, gt.info.shape)) {
    throw new Error(
      `${describe(seg)} has shape ${formatVec(shape)} but ${describe(gt)} has shape ` +
        `${formatVec(gt.info.shape)} (z,y,x); the segmentation and ground truth must cover the same voxels`,
    );
  }
  const warnings: string[] = [];
  const { resolution, source } = pickResolution(
    seg,
    gt,
    opts.resolution,
    opts.skeletons !== undefined,
    warnings,
  );
  const budget = opts.maxBlockVoxels ?? DEFAULT_BLOCK_VOXELS;
  const grid = planBlocks(shape, alignment(seg.info.chunkShape, gt.info.chunkShape, shape, budget), budget);
  const nodes = opts.skeletons ? collectNodeVoxels(opts.skeletons, resolution, shape, grid) : undefined;

  const acc = new ContingencyAccumulator();
  const total = voxelCount(shape);
  let done = 0;
  let read = 0;
  for (const [key, box] of blocks(shape, grid)) {
    // h5wasm reads synchronously: give the event loop (and an abort) a turn between blocks.
    await yieldToLoop(ctx.signal, 'metrics');
    const [segBlock, gtBlock] = await Promise.all([seg.read(box), gt.read(box)]);
    try {
      acc.add(gtBlock as LabelArray, segBlock as LabelArray);
    } catch (error) {
      // Negative ids in a signed dataset: say where, since the voxel index is the block's.
      throw new Error(
        `${describe(gt)} / ${describe(seg)}, block at ${formatVec(box.start)} (z,y,x): ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (nodes) nodes.lookUpIn(key, box, segBlock as LabelArray);
    done += voxelCount(box.size);
    read++;
    ctx.progress?.(done, total);
  }

  const contingency = acc.result();
  const voi = computeVoi(contingency);
  const rand = computeRand(contingency);
  const perSegment = voiPerSegment(contingency);
  const largest = opts.largest ?? 5;
  const erl =
    opts.skeletons && nodes
      ? summariseErl(opts.skeletons, nodes, resolution, opts.mergeThreshold)
      : undefined;
  return {
    ...voi,
    ...rand,
    segmentation: describe(seg),
    groundTruth: describe(gt),
    shape,
    resolution,
    resolutionSource: source,
    voxels: total,
    countedVoxels: contingency.total,
    gtSegments: contingency.gtIds.length,
    testSegments: contingency.testIds.length,
    blockShape: grid,
    blocks: read,
    largestSplits: largestContributions(perSegment.split, contingency.gtIds, largest).filter(
      (s) => s.value > 0,
    ),
    largestMerges: largestContributions(perSegment.merge, contingency.testIds, largest).filter(
      (s) => s.value > 0,
    ),
    erl,
    warnings,
    seconds: (performance.now() - started) / 1000,
  };
}

function describe(source: VolumeSource): string {
  return source.info.dataset ? `${source.info.path}:${source.info.dataset}` : source.info.path;
}

/** A recorded voxel size: readers report [1,1,1] when a file has none. */
function isRecorded(resolution: Vec3): boolean {
  return !sameShape(resolution, [1, 1, 1]);
}

function pickResolution(
  seg: VolumeSource,
  gt: VolumeSource,
  given: Vec3 | undefined,
  forErl: boolean,
  warnings: string[],
): { resolution: Vec3; source: ResolutionSource } {
  if (given) return { resolution: given, source: 'option' };
  const [g, s] = [gt.info.resolution, seg.info.resolution];
  if (isRecorded(g)) {
    if (isRecorded(s) && !sameShape(g, s)) {
      warnings.push(
        `${describe(seg)} records resolution ${formatVec(s)} nm but ${describe(gt)} records ${formatVec(g)} nm; ` +
          `using the ground truth's (pass --resolution z,y,x to choose)`,
      );
    }
    return { resolution: g, source: 'groundtruth' };
  }
  if (isRecorded(s)) return { resolution: s, source: 'segmentation' };
  if (forErl) {
    warnings.push(
      `neither ${describe(seg)} nor ${describe(gt)} records a voxel size (resolution attribute); ` +
        `ERL assumes 1x1x1 nm, i.e. skeleton coordinates in voxels. Pass --resolution z,y,x (nm) if the SWC files are in nm`,
    );
  }
  return { resolution: [1, 1, 1], source: 'default' };
}

/**
 * The step blocks are cut in: the chunk grids' common multiple when it is small, so no chunk of
 * either volume is decompressed twice; else the larger chunk (a chunk cut by a block edge is then
 * read by two blocks).
 */
function alignment(a: Vec3, b: Vec3, shape: Vec3, maxVoxels: number): Vec3 {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  const larger = [0, 1, 2].map((i) => Math.min(shape[i]!, Math.max(a[i]!, b[i]!))) as unknown as Vec3;
  const common = [0, 1, 2].map((i) => {
    const lcm = (a[i]! / gcd(a[i]!, b[i]!)) * b[i]!;
    return Math.min(shape[i]!, lcm <= 4 * larger[i]! ? lcm : larger[i]!);
  }) as unknown as Vec3;
  return voxelCount(common) <= maxVoxels ? common : larger;
}

/**
 * The block size: whole z-slabs (full y and x) as thick as the budget allows in steps of the
 * chunk depth; narrower in y, then x, only when one chunk-deep slab is over the budget.
 */
export function planBlocks(shape: Vec3, align: Vec3, maxVoxels: number): Vec3 {
  const [depth, height, width] = shape;
  const steps = (room: number, step: number, limit: number): number =>
    Math.min(limit, Math.max(step, Math.floor(room / step) * step));
  const x = steps(maxVoxels / (align[0] * align[1]), align[2], width);
  const y = steps(maxVoxels / (align[0] * x), align[1], height);
  const z = steps(maxVoxels / (y * x), align[0], depth);
  return [z, y, x];
}

/** Every block of size `grid` tiling the volume, with its index in the block grid. */
function* blocks(shape: Vec3, grid: Vec3): Generator<[number, Box3]> {
  const counts = blockCounts(shape, grid);
  for (let bz = 0; bz < counts[0]; bz++)
    for (let by = 0; by < counts[1]; by++)
      for (let bx = 0; bx < counts[2]; bx++) {
        const start: Vec3 = [bz * grid[0], by * grid[1], bx * grid[2]];
        const size: Vec3 = [
          Math.min(grid[0], shape[0] - start[0]),
          Math.min(grid[1], shape[1] - start[1]),
          Math.min(grid[2], shape[2] - start[2]),
        ];
        yield [(bz * counts[1] + by) * counts[2] + bx, { start, size }];
      }
}

function blockCounts(shape: Vec3, grid: Vec3): Vec3 {
  return [Math.ceil(shape[0] / grid[0]), Math.ceil(shape[1] / grid[1]), Math.ceil(shape[2] / grid[2])];
}

/** Segment ids at skeleton node voxels, filled in as the blocks holding them are read. */
interface NodeVoxels {
  readonly nodes: number;
  readonly outside: number;
  lookUpIn(block: number, box: Box3, seg: LabelArray): void;
  readonly lookup: SegmentLookup;
}

function collectNodeVoxels(
  skeletons: readonly Skeleton[],
  resolution: Vec3,
  shape: Vec3,
  grid: Vec3,
): NodeVoxels {
  const [depth, height, width] = shape;
  const counts = blockCounts(shape, grid);
  const inside = (z: number, y: number, x: number): boolean =>
    z >= 0 && y >= 0 && x >= 0 && z < depth && y < height && x < width;
  const ids = new Map<number, bigint | number>();
  const byBlock = new Map<number, number[]>();
  let nodes = 0;
  let outside = 0;
  for (const skeleton of skeletons) {
    for (const n of skeleton.nodes) {
      nodes++;
      // The same voxel arithmetic as expectedRunLength, so its lookups hit these keys.
      const z = Math.floor(n.z / resolution[0]);
      const y = Math.floor(n.y / resolution[1]);
      const x = Math.floor(n.x / resolution[2]);
      if (!inside(z, y, x)) {
        outside++;
        continue;
      }
      const voxel = (z * height + y) * width + x;
      if (ids.has(voxel)) continue;
      ids.set(voxel, 0);
      const block =
        (Math.floor(z / grid[0]) * counts[1] + Math.floor(y / grid[1])) * counts[2] + Math.floor(x / grid[2]);
      const list = byBlock.get(block);
      if (list) list.push(voxel);
      else byBlock.set(block, [voxel]);
    }
  }
  return {
    nodes,
    outside,
    lookUpIn(block, box, seg) {
      const [z0, y0, x0] = box.start;
      const [, sy, sx] = box.size;
      for (const voxel of byBlock.get(block) ?? []) {
        const x = voxel % width;
        const y = Math.floor(voxel / width) % height;
        const z = Math.floor(voxel / (width * height));
        ids.set(voxel, seg[((z - z0) * sy + (y - y0)) * sx + (x - x0)]!);
      }
    },
    lookup: (z, y, x) => (inside(z, y, x) ? (ids.get((z * height + y) * width + x) ?? 0) : 0),
  };
}

function summariseErl(
  skeletons: readonly Skeleton[],
  nodes: NodeVoxels,
  resolution: Vec3,
  mergeThreshold: number | undefined,
): ErlSummary {
  // shared/metrics/skeleton.ts still types nodes as a mutable array; the copy is shallow.
  const forErl = skeletons.map((s) => ({ id: s.id, nodes: s.nodes.slice() }));
  const result = expectedRunLength(forErl, nodes.lookup, {
    resolution,
    ...(mergeThreshold === undefined ? {} : { mergeThreshold }),
  });
  const edges = { correct: 0, split: 0, merged: 0, omitted: 0 };
  for (const s of result.perSkeleton) {
    edges.correct += s.correctEdges;
    edges.split += s.splitEdges;
    edges.merged += s.mergedEdges;
    edges.omitted += s.omittedEdges;
  }
  return {
    ...result,
    skeletons: skeletons.length,
    nodes: nodes.nodes,
    nodesOutside: nodes.outside,
    mergeThreshold,
    edges,
  };
}
