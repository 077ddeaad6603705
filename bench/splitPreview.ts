/**
 * Split preview of a 1-2 Mvoxel segment (issue 3: under 200 ms): two fused tubes of 64 voxels
 * diameter with a noisy membrane between them (test/shared/edit/syntheticVolumes), split by the
 * shared edit model with two seeds per tube, in an isotropic volume ([8, 8, 8] nm, 256 long) and
 * in an anisotropic one ([30, 8, 8] nm like serial-section EM, 1024 long). The demo's fused axon
 * pairs are far smaller (about 16k voxels), which bench/edit.ts measures. The anisotropic case is
 * also measured as the app runs it: from HDF5 files through the backend's API handler (reading
 * the box through the chunk cache, the edit worker, the transfers back), reported without a
 * target: the first preview (which starts the worker) and the median of the API_RUNS after it,
 * with cold split workers and after the app's `prepareSplit` has warmed them up.
 * Prints one JSON object.
 *
 *   node --import tsx bench/splitPreview.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHdf5Volume } from '../electron/io/hdf5Writer';
import { Backend } from '../electron/services/backend';
import { memoryReader } from '../shared/edit/memoryReader';
import { splitPreview } from '../shared/edit/split';
import { createEditState, findSegmentBox } from '../shared/edit/state';
import { SIDE_SINK, SIDE_SOURCE } from '../shared/edit/watershed';
import type { Vec3 } from '../shared/volume/types';
import { twoTouchingTubes } from '../test/shared/edit/syntheticVolumes';
import { printResult } from './lib/output';
import { median, round } from './lib/stats';
import { under } from './lib/target';

const RUNS = 5;
const API_RUNS = 10;

function measure(shape: Vec3, resolution: Vec3) {
  const tubes = twoTouchingTubes({ shape, radius: 32, resolution });
  const reader = memoryReader({
    shape: tubes.shape,
    resolution: tubes.resolution,
    labels: tubes.segmentation,
    image: tubes.image,
  });
  const state = createEditState(reader);
  const box = findSegmentBox(state, reader, tubes.fusedId)!;
  const params = { segment: tubes.fusedId, sources: tubes.seedsA, sinks: tubes.seedsB, box };
  const segmentVoxels = tubes.segmentation.filter((v) => v === tubes.fusedId).length;

  let preview = splitPreview(state, reader, params); // warm-up (JIT)
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    preview = splitPreview(state, reader, params);
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  return {
    segmentVoxels,
    boxVoxels: box.size[0] * box.size[1] * box.size[2],
    sides: { source: preview.sourceVoxels, sink: preview.sinkVoxels },
    onOwnSidePercent: onOwnSide(tubes.shape, tubes.groundTruth, box.start, box.size, preview.sides),
    wallMedianMs: round(median(wall), 1),
    wallMinMs: round(Math.min(...wall), 1),
    cpuMedianMs: round(median(cpu), 1),
  };
}

/** Each tube's share of its voxels on its own side (tube 1 the source's, 2 the sink's), in %. */
function onOwnSide(shape: Vec3, truth: BigUint64Array, start: Vec3, size: Vec3, sides: Uint8Array) {
  const own = [0, 0];
  const all = [0, 0];
  const [, ny, nx] = shape;
  for (let z = 0, i = 0; z < size[0]; z++) {
    for (let y = 0; y < size[1]; y++) {
      for (let x = 0; x < size[2]; x++, i++) {
        const t = Number(truth[((start[0] + z) * ny + start[1] + y) * nx + start[2] + x]!);
        if (t !== 1 && t !== 2) continue;
        all[t - 1]!++;
        if (sides[i] === (t === 1 ? SIDE_SOURCE : SIDE_SINK)) own[t - 1]!++;
      }
    }
  }
  return { tubeA: round((100 * own[0]!) / all[0]!, 3), tubeB: round((100 * own[1]!) / all[1]!, 3) };
}

/**
 * The same preview through the backend's API handler, on the tubes written as HDF5 files: in a
 * session whose split workers start cold, then in a fresh session after `prepareSplit` (what the
 * app asks for when the split tool is picked), with its time to warm up.
 */
async function throughBackend(shape: Vec3, resolution: Vec3) {
  const tubes = twoTouchingTubes({ shape, radius: 32, resolution });
  const dir = mkdtempSync(join(tmpdir(), 'axon-split-bench-'));
  try {
    const options = { resolution, chunks: [8, 64, 64] as Vec3 };
    const data = { shape: tubes.shape };
    await writeHdf5Volume(join(dir, 'image.h5'), 'raw', { ...data, data: tubes.image }, options);
    await writeHdf5Volume(join(dir, 'seg.h5'), 'stack', { ...data, data: tubes.segmentation }, options);
    const voxels = (seeds: readonly Vec3[]) => seeds.map((v): [number, number, number] => [v[0], v[1], v[2]]);
    const request = {
      segment: tubes.fusedId.toString(),
      sources: voxels(tubes.seedsA),
      sinks: voxels(tubes.seedsB),
    };
    const session = async (prepare: boolean) => {
      const backend = new Backend();
      try {
        await backend.open({
          image: `${join(dir, 'image.h5')}:raw`,
          segmentation: `${join(dir, 'seg.h5')}:stack`,
          project: join(dir, `bench-${prepare ? 'prepared' : 'cold'}.axonproj`),
        });
        const t = performance.now();
        if (prepare) await backend.handlers.prepareSplit({});
        const prepareMs = performance.now() - t;
        const wall: number[] = [];
        let first = 0;
        for (let i = 0; i <= API_RUNS; i++) {
          const t0 = performance.now();
          await backend.handlers.splitPreview(request);
          if (i === 0) first = performance.now() - t0;
          else wall.push(performance.now() - t0);
        }
        return { prepareMs, first, wall };
      } finally {
        await backend.close();
      }
    };
    const cold = await session(false);
    const prepared = await session(true);
    return {
      firstMs: round(cold.first, 1),
      runs: API_RUNS,
      wallMedianMs: round(median(cold.wall), 1),
      afterPrepareSplit: {
        prepareMs: round(prepared.prepareMs, 1),
        firstMs: round(prepared.first, 1),
        wallMedianMs: round(median(prepared.wall), 1),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const isotropic = measure([68, 138, 256], [8, 8, 8]);
const anisotropic = measure([34, 138, 1024], [30, 8, 8]);
const anisotropicApi = await throughBackend([34, 138, 1024], [30, 8, 8]);

printResult({
  bench: 'splitPreview',
  segmentVoxels: isotropic.segmentVoxels,
  boxVoxels: isotropic.boxVoxels,
  sides: isotropic.sides,
  onOwnSidePercent: isotropic.onOwnSidePercent,
  runs: RUNS,
  wallMedianMs: isotropic.wallMedianMs,
  wallMinMs: isotropic.wallMinMs,
  cpuMedianMs: isotropic.cpuMedianMs,
  anisotropic: { resolution: [30, 8, 8], ...anisotropic, throughApiHandler: anisotropicApi },
  targets: {
    wallMedianMs: under(isotropic.wallMedianMs, 200, 'ms'),
    anisotropicWallMedianMs: under(anisotropic.wallMedianMs, 200, 'ms'),
  },
});
