import { describe, expect, it } from 'vitest';
import { COARSE_MIN_VOXELS, coarseToFineSides } from '../../../shared/edit/coarseSplit';
import { memoryReader } from '../../../shared/edit/memoryReader';
import { segmentRuns } from '../../../shared/edit/padding';
import { splitPreview } from '../../../shared/edit/split';
import { createEditState, findSegmentBox, readCorrected } from '../../../shared/edit/state';
import {
  SIDE_SINK,
  SIDE_SOURCE,
  type Seed,
  boundaryRule,
  membraneCost,
  seededSides,
} from '../../../shared/edit/watershed';
import type { Vec3 } from '../../../shared/volume/types';
import { type SyntheticVolume, rng, twoTouchingTubes } from './syntheticVolumes';

/** Serial-section EM: sections 30 nm thick, 8 nm pixels (as the demo volume). */
const RESOLUTION: Vec3 = [30, 8, 8];

/** The fused segment of `v` as splitPreview reads it, with its seeds and its image's box. */
function prepare(v: SyntheticVolume, sources = v.seedsA, sinks = v.seedsB) {
  const reader = memoryReader({
    shape: v.shape,
    resolution: RESOLUTION,
    labels: v.segmentation,
    image: v.image,
  });
  const state = createEditState(reader);
  const box = findSegmentBox(state, reader, v.fusedId)!;
  const runs = segmentRuns(box.size, readCorrected(state, reader, box), v.fusedId);
  const local = (at: Vec3): number =>
    ((at[0] - box.start[0]) * box.size[1] + at[1] - box.start[1]) * box.size[2] + at[2] - box.start[2];
  const seeds = [
    ...sources.map((at): Seed => ({ index: local(at), side: SIDE_SOURCE })),
    ...sinks.map((at): Seed => ({ index: local(at), side: SIDE_SINK })),
  ];
  const image = reader.readImage!(box);
  const preview = splitPreview(state, reader, { segment: v.fusedId, sources, sinks, box });
  return { box, runs, seeds, image, preview };
}

/** The share of each ground-truth object (1 = source's, 2 = sink's) on its own side. */
function onOwnSide(v: SyntheticVolume, box: ReturnType<typeof prepare>['box'], sides: Uint8Array): number[] {
  const own = [0, 0];
  const all = [0, 0];
  const [, ny, nx] = v.shape;
  for (let z = 0, i = 0; z < box.size[0]; z++) {
    for (let y = 0; y < box.size[1]; y++) {
      for (let x = 0; x < box.size[2]; x++, i++) {
        const t = Number(v.groundTruth[((box.start[0] + z) * ny + box.start[1] + y) * nx + box.start[2] + x]);
        if (t !== 1 && t !== 2) continue;
        all[t - 1]!++;
        if (sides[i] === t) own[t - 1]!++;
      }
    }
  }
  return [own[0]! / all[0]!, own[1]! / all[1]!];
}

function agreement(a: Uint8Array, b: Uint8Array): number {
  let same = 0;
  let inside = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 0 && b[i] === 0) continue;
    inside++;
    if (a[i] === b[i]) same++;
  }
  return same / inside;
}

/**
 * A thick axon (A, 30 pixels radius) and a thin process (B, 4 pixels radius: 3 sections) that
 * touches it along the middle third and bends away at the ends, fused into one segment; dark
 * membranes at their surfaces and between them, as in twoTouchingTubes.
 */
function thinProcess(): SyntheticVolume {
  const shape: Vec3 = [20, 80, 480];
  const [sz, sy, sx] = shape;
  const [rA, rB] = [30, 4];
  const random = rng(3);
  const zc = (sz - 1) / 2;
  const yA = rA + 3;
  const yB = (x: number): number => {
    const t = Math.min(1, Math.max(0, Math.abs(x - sx / 2) / (sx / 6) - 1));
    return yA + rA + rB - 1 + 8 * t * t;
  };
  const image = new Uint8Array(sz * sy * sx);
  const groundTruth = new BigUint64Array(image.length);
  const scaleZ = RESOLUTION[0] / RESOLUTION[1];
  for (let z = 0, i = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, i++) {
        const dz = (z - zc) * scaleZ;
        const dA = Math.hypot(dz, y - yA);
        const dB = Math.hypot(dz, y - yB(x));
        let label = 0n;
        let membrane = false;
        if (dB <= rB) [label, membrane] = [2n, dB > rB - 1.2];
        else if (dA <= rA) [label, membrane] = [1n, dA > rA - 1.2 || dB < rB + 1.2];
        const base = label === 0n ? 140 : membrane ? 45 : 200;
        image[i] = Math.round(base + (random() - 0.5) * 60);
        groundTruth[i] = label;
      }
    }
  }
  const zi = Math.round(zc);
  const ends = [Math.round(sx * 0.08), Math.round(sx * 0.92)];
  return {
    shape,
    resolution: RESOLUTION,
    image,
    groundTruth,
    segmentation: groundTruth.map((v) => (v === 0n ? 0n : 7n)),
    fusedId: 7n,
    seedsA: ends.map((x): Vec3 => [zi, yA, x]),
    seedsB: ends.map((x): Vec3 => [zi, Math.round(yB(x)), x]),
  };
}

const tubes = twoTouchingTubes({ shape: [18, 80, 512], radius: 18, resolution: RESOLUTION });

describe('the coarse-to-fine split of a large anisotropic segment', () => {
  it('cuts two fused tubes where the ground truth does, as the fine split does', () => {
    const { box, runs, seeds, image, preview } = prepare(tubes);
    expect(runs.voxels).toBeGreaterThanOrEqual(COARSE_MIN_VOXELS);
    const rule = boundaryRule(RESOLUTION);
    expect(rule.anisotropic).toBe(true);
    const coarse = coarseToFineSides(box.size, runs, image, RESOLUTION, seeds, rule)!;
    // splitPreview takes the coarse-to-fine path for it.
    expect(agreement(preview.sides, coarse.sides)).toBe(1);
    expect(preview.sourceVoxels + preview.sinkVoxels).toBe(runs.voxels);
    for (const share of onOwnSide(tubes, box, coarse.sides)) expect(share).toBeGreaterThan(0.995);
    const fine = seededSides(box.size, runs, membraneCost(image, box.size, RESOLUTION), seeds, rule);
    expect(agreement(coarse.sides, fine.sides)).toBeGreaterThan(0.995);
  });

  it('stays on the membrane in noisier images', () => {
    const noisy = twoTouchingTubes({ shape: [18, 80, 512], radius: 18, resolution: RESOLUTION, noise: 60 });
    const { box, preview } = prepare(noisy);
    for (const share of onOwnSide(noisy, box, preview.sides)) expect(share).toBeGreaterThan(0.99);
  });

  it('keeps a thin process that touches a thick axon on its own side', () => {
    const v = thinProcess();
    const { box, runs, seeds, image, preview } = prepare(v);
    expect(runs.voxels).toBeGreaterThanOrEqual(COARSE_MIN_VOXELS);
    const rule = boundaryRule(RESOLUTION);
    expect(coarseToFineSides(box.size, runs, image, RESOLUTION, seeds, rule)).toBeDefined();
    const fine = seededSides(box.size, runs, membraneCost(image, box.size, RESOLUTION), seeds, rule);
    const [thick, thin] = onOwnSide(v, box, preview.sides);
    const [fineThick, fineThin] = onOwnSide(v, box, fine.sides);
    expect(thick).toBeGreaterThan(0.995);
    expect(thin).toBeGreaterThan(0.99);
    expect(thin).toBeGreaterThan(fineThin! - 0.01);
    expect(thick).toBeGreaterThan(fineThick! - 0.005);
  });

  it('leaves seeds of both sides in one cell (2 x 2 pixels of a section) to the fine split', () => {
    const [z, y] = tubes.seedsA[0]!;
    const start = prepare(tubes).box.start;
    // Cells start at the box's corner: these two pixels share one.
    const yy = y - ((y - start[1]) % 2);
    const xx = 40 - ((40 - start[2]) % 2);
    const sources: Vec3[] = [[z, yy, xx]];
    const sinks: Vec3[] = [[z, yy + 1, xx + 1]];
    const { box, runs, seeds, image, preview } = prepare(tubes, sources, sinks);
    const rule = boundaryRule(RESOLUTION);
    expect(coarseToFineSides(box.size, runs, image, RESOLUTION, seeds, rule)).toBeUndefined();
    for (const seed of seeds) expect(preview.sides[seed.index]).toBe(seed.side);
    const fine = seededSides(box.size, runs, membraneCost(image, box.size, RESOLUTION), seeds, rule);
    expect(agreement(preview.sides, fine.sides)).toBe(1);
  });
});
