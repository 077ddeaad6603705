/**
 * Split preview of a 1-2 Mvoxel segment (issue 3: under 200 ms): two fused tubes of 64 voxels
 * diameter and 256 long with a noisy membrane between them (test/shared/edit/syntheticVolumes),
 * split by the shared edit model with two seeds per tube. The demo's fused axon pairs are far
 * smaller (about 16k voxels), which bench/edit.ts measures. Prints one JSON object.
 *
 *   node --import tsx bench/splitPreview.ts
 */
import { memoryReader } from '../shared/edit/memoryReader';
import { splitPreview } from '../shared/edit/split';
import { createEditState, findSegmentBox } from '../shared/edit/state';
import { twoTouchingTubes } from '../test/shared/edit/syntheticVolumes';
import { printResult } from './lib/output';
import { median, round } from './lib/stats';
import { under } from './lib/target';

const RUNS = 5;
const tubes = twoTouchingTubes({ shape: [68, 138, 256], radius: 32, resolution: [8, 8, 8] });
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

splitPreview(state, reader, params); // warm-up (JIT)
const wall: number[] = [];
const cpu: number[] = [];
let sides = { source: 0, sink: 0 };
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const preview = splitPreview(state, reader, params);
  const c = process.cpuUsage(c0);
  wall.push(performance.now() - t0);
  cpu.push((c.user + c.system) / 1000);
  sides = { source: preview.sourceVoxels, sink: preview.sinkVoxels };
}

printResult({
  bench: 'splitPreview',
  segmentVoxels,
  boxVoxels: box.size[0] * box.size[1] * box.size[2],
  sides,
  runs: RUNS,
  wallMedianMs: round(median(wall), 1),
  wallMinMs: round(Math.min(...wall), 1),
  cpuMedianMs: round(median(cpu), 1),
  targets: { wallMedianMs: under(round(median(wall), 1), 200, 'ms') },
});
