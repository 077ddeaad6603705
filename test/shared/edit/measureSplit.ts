/**
 * Timings of the split on a ~1.6 Mvoxel segment (two fused tubes of 64 voxels diameter, 256
 * long). Run: npx tsx test/shared/edit/measureSplit.ts
 */
import { applyCommand } from '../../../shared/edit/commands';
import { memoryReader } from '../../../shared/edit/memoryReader';
import { splitPreview } from '../../../shared/edit/split';
import {
  applyDelta,
  applyToBlock,
  createEditState,
  findSegmentBox,
  readCorrected,
} from '../../../shared/edit/state';
import {
  SIDE_SINK,
  SIDE_SOURCE,
  type Seed,
  membraneCost,
  seededWatershed,
} from '../../../shared/edit/watershed';
import { twoTouchingTubes } from './syntheticVolumes';

const tubes = twoTouchingTubes({ shape: [68, 138, 256], radius: 32, resolution: [8, 8, 8] });
const reader = memoryReader({
  shape: tubes.shape,
  resolution: tubes.resolution,
  labels: tubes.segmentation,
  image: tubes.image,
});
const state = createEditState(reader);
const params = { segment: tubes.fusedId, sources: tubes.seedsA, sinks: tubes.seedsB };

function time<T>(label: string, run: () => T, repeats = 5): T {
  let result = run();
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    result = run();
    const c = process.cpuUsage(c0);
    ms.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (a: number[]): string => a.sort((p, q) => p - q)[a.length >> 1]!.toFixed(1);
  // CPU time is less skewed than wall time when other processes share the cores.
  console.log(
    `${label}: wall median ${median(ms)} ms (min ${Math.min(...ms).toFixed(1)}), cpu median ${median(cpu)} ms`,
  );
  return result;
}

const box = findSegmentBox(state, reader, tubes.fusedId)!;
const segmentVoxels = tubes.segmentation.filter((v) => v === tubes.fusedId).length;
console.log(
  `segment ${segmentVoxels} voxels, bbox ${box.size.join('x')} = ${box.size.reduce((a, b) => a * b)} voxels`,
);
time('findSegmentBox (whole 2.4 Mvoxel volume)', () => findSegmentBox(state, reader, tubes.fusedId));
const preview = time('splitPreview with box given', () => splitPreview(state, reader, { ...params, box }));
time('splitPreview, box found by scanning', () => splitPreview(state, reader, params));
const image = reader.readImage!(box);
const cost = time('  membraneCost', () => membraneCost(image, box.size, reader.resolution));
const mask = new Uint8Array(preview.sides.length).map((_, i) => (preview.sides[i] === 0 ? 0 : 1));
const seeds = [...tubes.seedsA, ...tubes.seedsB].map((at, k): Seed => ({
  index: ((at[0] - box.start[0]) * box.size[1] + at[1] - box.start[1]) * box.size[2] + at[2] - box.start[2],
  side: k < 2 ? SIDE_SOURCE : SIDE_SINK,
}));
time('  seededWatershed', () => seededWatershed(box.size, mask, cost, seeds));
const result = time('applyCommand split (box given)', () =>
  applyCommand(state, reader, { kind: 'split', ...params, box }),
);
console.log(`  ${result.summary.text}`);
time('undo (applyDelta of the inverse)', () => applyDelta(result.state, result.inverse));
const slice = { start: [34, 0, 0] as const, size: [1, 138, 256] as const };
const base = reader.readLabels(slice);
time('applyToBlock 138x256 slice after split', () => applyToBlock(result.state, slice, base), 50);
const block = { start: [0, 64, 64] as const, size: [64, 64, 64] as const };
const baseBlock = reader.readLabels(block);
time('applyToBlock 64^3 block after split', () => applyToBlock(result.state, block, baseBlock), 20);
time('readCorrected whole volume after split', () =>
  readCorrected(result.state, reader, { start: [0, 0, 0], size: tubes.shape }),
);
