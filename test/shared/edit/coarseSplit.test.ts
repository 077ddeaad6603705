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
import type { Box3, Vec3 } from '../../../shared/volume/types';
import { rng, twoTouchingTubes } from './syntheticVolumes';

interface Case {
  readonly shape: Vec3;
  readonly labels: BigUint64Array;
  readonly image?: Uint8Array;
  /** Ground truth: 1 or 2 per voxel of the segment. */
  readonly truth: (i: number) => number;
  readonly segment: bigint;
  readonly sources: Vec3[];
  readonly sinks: Vec3[];
}

/** The segment's runs and seeds in its box, as splitPreview reads them. */
function prepare(c: Case): { box: Box3; runs: ReturnType<typeof segmentRuns>; seeds: Seed[] } {
  const reader = memoryReader({ shape: c.shape, resolution: [8, 8, 8], labels: c.labels, image: c.image });
  const state = createEditState(reader);
  const box = findSegmentBox(state, reader, c.segment)!;
  const runs = segmentRuns(box.size, readCorrected(state, reader, box), c.segment);
  const local = (at: Vec3): number =>
    ((at[0] - box.start[0]) * box.size[1] + at[1] - box.start[1]) * box.size[2] + at[2] - box.start[2];
  const seeds = [
    ...c.sources.map((at): Seed => ({ index: local(at), side: SIDE_SOURCE })),
    ...c.sinks.map((at): Seed => ({ index: local(at), side: SIDE_SINK })),
  ];
  return { box, runs, seeds };
}

/** The image of a box cut out of a whole volume. */
function crop(c: Case, box: Box3): Uint8Array | undefined {
  if (!c.image) return undefined;
  const [, ny, nx] = c.shape;
  const out = new Uint8Array(box.size[0] * box.size[1] * box.size[2]);
  for (let z = 0, j = 0; z < box.size[0]; z++) {
    for (let y = 0; y < box.size[1]; y++, j += box.size[2]) {
      const from = ((box.start[0] + z) * ny + box.start[1] + y) * nx + box.start[2];
      out.set(c.image.subarray(from, from + box.size[2]), j);
    }
  }
  return out;
}

/** The coarse-to-fine and the fine sides of a case, and each truth's share on its own side. */
function splitBoth(c: Case): { coarse: Uint8Array; fine: Uint8Array; onOwnSide: [number, number] } {
  const { box, runs, seeds } = prepare(c);
  expect(runs.voxels).toBeGreaterThanOrEqual(COARSE_MIN_VOXELS);
  const image = crop(c, box);
  const rule = boundaryRule([8, 8, 8]);
  const coarse = coarseToFineSides(box.size, runs, image, [8, 8, 8], seeds, rule)!;
  const fine = seededSides(box.size, runs, membraneCost(image, box.size, [8, 8, 8]), seeds, rule).sides;
  const counts = [0, 0, 0, 0];
  const [, ny, nx] = c.shape;
  for (let z = 0, i = 0; z < box.size[0]; z++) {
    for (let y = 0; y < box.size[1]; y++) {
      for (let x = 0; x < box.size[2]; x++, i++) {
        const side = coarse.sides[i]!;
        if (side === 0) continue;
        const truth = c.truth(((box.start[0] + z) * ny + box.start[1] + y) * nx + box.start[2] + x);
        counts[2 * (truth - 1) + (side === truth ? 0 : 1)]!++;
      }
    }
  }
  expect(counts.reduce((a, b) => a + b)).toBe(runs.voxels);
  expect(coarse.counts[SIDE_SOURCE]! + coarse.counts[SIDE_SINK]!).toBe(runs.voxels);
  return {
    coarse: coarse.sides,
    fine,
    onOwnSide: [counts[0]! / (counts[0]! + counts[1]!), counts[2]! / (counts[2]! + counts[3]!)],
  };
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

const quiet = twoTouchingTubes({ shape: [40, 80, 160], radius: 18 });

function tubes(options: { noise?: number; image?: boolean } = {}): Case {
  const t = options.noise
    ? twoTouchingTubes({ shape: [40, 80, 160], radius: 18, noise: options.noise })
    : quiet;
  return {
    shape: t.shape,
    labels: t.segmentation,
    image: options.image === false ? undefined : t.image,
    truth: (i) => Number(t.groundTruth[i]),
    segment: t.fusedId,
    sources: t.seedsA,
    sinks: t.seedsB,
  };
}

/**
 * Two cells one above the other (A: y < 40) in one segment, a dark membrane two voxels thick
 * between them with a gap 6 voxels wide at x = 60, and a fainter band across B at x = 120; both
 * seeds at x = 200 (see splitGap.test.ts, here large enough to split coarse to fine).
 */
function gappedMembrane(): Case {
  const shape: Vec3 = [24, 80, 240];
  const [sz, sy, sx] = shape;
  const random = rng(7);
  const image = new Uint8Array(sz * sy * sx);
  for (let z = 0, i = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, i++) {
        const membrane = (y === 39 || y === 40) && (x < 58 || x > 63);
        const band = y > 40 && x >= 119 && x <= 123;
        image[i] = Math.round((membrane ? 45 : band ? 105 : 165) + (random() - 0.5) * 30);
      }
    }
  }
  return {
    shape,
    labels: new BigUint64Array(image.length).fill(5n),
    image,
    truth: (i) => (Math.floor(i / sx) % sy < 40 ? 1 : 2),
    segment: 5n,
    sources: [[12, 16, 200]],
    sinks: [[12, 64, 200]],
  };
}

describe('the coarse-to-fine split of a large 3D segment', () => {
  it('cuts two fused tubes where the fine split does', () => {
    const { coarse, fine, onOwnSide } = splitBoth(tubes());
    expect(Math.min(...onOwnSide)).toBeGreaterThan(0.99);
    expect(agreement(coarse, fine)).toBeGreaterThan(0.999);
  });

  it('stays on the membrane in noisier images', () => {
    const { onOwnSide } = splitBoth(tubes({ noise: 60 }));
    expect(Math.min(...onOwnSide)).toBeGreaterThan(0.99);
  });

  it('keeps a membrane with a gap closed, as the fine split does', () => {
    const { coarse, fine, onOwnSide } = splitBoth(gappedMembrane());
    expect(Math.min(...onOwnSide)).toBeGreaterThan(0.97);
    expect(agreement(coarse, fine)).toBeGreaterThan(0.99);
  });

  it('leaves a segment without an image to the fine split', () => {
    const c = tubes({ image: false });
    const { box, runs, seeds } = prepare(c);
    const reader = memoryReader({ shape: c.shape, resolution: [8, 8, 8], labels: c.labels });
    const preview = splitPreview(createEditState(reader), reader, {
      segment: c.segment,
      sources: c.sources,
      sinks: c.sinks,
      box,
    });
    const flat = membraneCost(undefined, box.size, [8, 8, 8]);
    const fine = seededSides(box.size, runs, flat, seeds, boundaryRule([8, 8, 8]));
    expect(agreement(preview.sides, fine.sides)).toBe(1);
    expect(preview.sinkVoxels).toBe(fine.counts[SIDE_SINK]);
  });

  it('leaves seeds of both sides in one cell to the fine split', () => {
    const c = gappedMembrane();
    // [12, 38, 200] and [12, 39, 201] share the cell [6, 19, 100].
    const sources: Vec3[] = [[12, 38, 200]];
    const sinks: Vec3[] = [[12, 39, 201]];
    const { box, runs, seeds } = prepare({ ...c, sources, sinks });
    const rule = boundaryRule([8, 8, 8]);
    expect(coarseToFineSides(box.size, runs, crop(c, box), [8, 8, 8], seeds, rule)).toBeUndefined();
    const reader = memoryReader({ shape: c.shape, resolution: [8, 8, 8], labels: c.labels, image: c.image });
    const preview = splitPreview(createEditState(reader), reader, { segment: c.segment, sources, sinks });
    for (const seed of seeds) expect(preview.sides[seed.index]).toBe(seed.side);
    expect(preview.sourceVoxels + preview.sinkVoxels + preview.unreachedVoxels).toBe(runs.voxels);
  });

  it('is what splitPreview shows for a large 3D segment', () => {
    const c = tubes();
    const { box, runs, seeds } = prepare(c);
    const reader = memoryReader({ shape: c.shape, resolution: [8, 8, 8], labels: c.labels, image: c.image });
    const preview = splitPreview(createEditState(reader), reader, {
      segment: c.segment,
      sources: c.sources,
      sinks: c.sinks,
      box,
    });
    const expected = coarseToFineSides(
      box.size,
      runs,
      crop(c, box),
      [8, 8, 8],
      seeds,
      boundaryRule([8, 8, 8]),
    )!;
    expect(agreement(preview.sides, expected.sides)).toBe(1);
    expect(preview.sourceVoxels).toBe(expected.counts[SIDE_SOURCE]);
    expect(preview.sinkVoxels).toBe(expected.counts[SIDE_SINK]);
  });
});
