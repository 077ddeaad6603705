import { describe, expect, it } from 'vitest';
import { type DemoVolume, type InjectedError, generateDemo } from '../../../shared/demo/generateDemo';
import { applyCommand } from '../../../shared/edit/commands';
import { memoryReader } from '../../../shared/edit/memoryReader';
import { splitPreview } from '../../../shared/edit/split';
import { applyDelta, createEditState, readCorrected } from '../../../shared/edit/state';
import { SIDE_SINK, SIDE_SOURCE } from '../../../shared/edit/watershed';
import type { Vec3 } from '../../../shared/volume/types';
import { sameBytes } from './editTestUtils';

const demo: DemoVolume = generateDemo();
const reader = memoryReader({
  shape: demo.shape,
  resolution: demo.resolution,
  labels: demo.segmentation,
  image: demo.image,
});
const merges = demo.errors.filter((e) => e.kind === 'merge');
const [, ny, nx] = demo.shape;
const index = (v: Vec3): number => (v[0] * ny + v[1]) * nx + v[2];

/** `count` voxels spread along GT axon `gtId`'s skeleton that lie in `segment` (first and last included). */
function skeletonSeeds(gtId: bigint, segment: bigint, count: number): Vec3[] {
  const skeleton = demo.skeletons.find((s) => BigInt(s.id) === gtId)!;
  const r = demo.resolution;
  const inside = skeleton.nodes
    .map((n): Vec3 => [Math.floor(n.z / r[0]), Math.floor(n.y / r[1]), Math.floor(n.x / r[2])])
    .filter((v) => demo.groundTruth[index(v)] === gtId && demo.segmentation[index(v)] === segment);
  return Array.from(
    { length: count },
    (_, j) => inside[Math.round((j / (count - 1)) * (inside.length - 1))]!,
  );
}

/** Fraction of each GT axon's voxels (inside the fused segment) on its own side of a preview. */
function accuracy(error: InjectedError, sources: Vec3[], sinks: Vec3[]): [number, number] {
  const segment = BigInt(error.segmentIds[0]!);
  const [a, b] = error.groundTruthIds.map(BigInt) as [bigint, bigint];
  const p = splitPreview(createEditState(reader), reader, { segment, sources, sinks });
  const counts = [0, 0, 0, 0];
  const [sz, sy, sx] = p.box.size;
  for (let z = 0, i = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, i++) {
        if (p.sides[i] === 0) continue;
        const gt = demo.groundTruth[index([p.box.start[0] + z, p.box.start[1] + y, p.box.start[2] + x])];
        if (gt === a) counts[p.sides[i] === SIDE_SOURCE ? 0 : 1]!++;
        if (gt === b) counts[p.sides[i] === SIDE_SINK ? 2 : 3]!++;
      }
    }
  }
  return [counts[0]! / (counts[0]! + counts[1]!), counts[2]! / (counts[2]! + counts[3]!)];
}

describe('splitting the demo volume injected merges', () => {
  it('has merges to split', () => {
    expect(merges.length).toBeGreaterThan(0);
  });

  it.each(merges.map((e) => [e.description, e] as const))(
    '%s: the manifest seeds split it, undo restores it',
    (_, error) => {
      const segment = BigInt(error.segmentIds[0]!);
      const [a, b] = error.groundTruthIds;
      const sources = error.seeds.filter((s) => s.gtId === a).map((s) => s.voxel);
      const sinks = error.seeds.filter((s) => s.gtId === b).map((s) => s.voxel);
      const state = createEditState(reader);
      const r = applyCommand(state, reader, { kind: 'split', segment, sources, sinks });
      const newId = r.summary.newIds[0]!;
      expect(newId).toBe(reader.maxId + 1n);
      const at = (v: Vec3): bigint => readCorrected(r.state, reader, { start: v, size: [1, 1, 1] })[0]!;
      for (const v of sources) expect(at(v)).toBe(segment);
      for (const v of sinks) expect(at(v)).toBe(newId);
      const box = { start: [0, 0, 0] as const, size: demo.shape };
      const undone = applyDelta(r.state, r.inverse);
      expect(sameBytes(readCorrected(undone, reader, box), demo.segmentation)).toBe(true);
    },
  );

  // The demo's fused axons are thin (2-3 sections at 30 nm), stacked in z along their contact,
  // and their z-boundaries are only darkened by 40 %, about as dark as mitochondria inside them:
  // the image alone does not separate them well (see the report). This guards what the split
  // does reach with seeds spread along each axon, and logs the figures.
  it('with seeds along each axon, most of each axon ends on its own side', () => {
    for (const error of merges) {
      const segment = BigInt(error.segmentIds[0]!);
      const [a, b] = error.groundTruthIds.map(BigInt) as [bigint, bigint];
      const [onA, onB] = accuracy(error, skeletonSeeds(a, segment, 9), skeletonSeeds(b, segment, 9));
      console.log(
        `${error.description}: ${(100 * onA).toFixed(1)} % / ${(100 * onB).toFixed(1)} % on own side`,
      );
      expect(Math.min(onA, onB)).toBeGreaterThan(0.6);
    }
  });
});
