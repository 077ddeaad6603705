import { describe, expect, it } from 'vitest';
import { denseVolumeLookup, expectedRunLength, type SegmentLookup } from '../../../shared/metrics/erl';
import { countSegmentsInMask } from '../../../shared/metrics/maskOverlap';
import type { Skeleton } from '../../../shared/metrics/skeleton';
import type { Vec3 } from '../../../shared/volume/types';

// Voxels are 10 nm deep (z) and 4 x 4 nm in y and x; volumes are 3 x 8 x 32 voxels.
const RES: Vec3 = [10, 4, 4];
const SHAPE: Vec3 = [3, 8, 32];

/** A chain along x in voxel row (z, y): 8 nodes at x = 0, 16, ..., 112 nm (voxels 0, 4, ..., 28). */
function row(id: number, z: number, y: number): Skeleton {
  const nodes = Array.from({ length: 8 }, (_, k) => ({
    x: 16 * k,
    y: 4 * y,
    z: 10 * z,
    radius: 1,
    parent: k - 1,
  }));
  return { id, nodes };
}
// Each chain has 7 edges of 16 nm: L = 112 nm.

/** A volume whose voxel row (z, y) holds segment segmentOfX(x). */
function volume(rows: [z: number, y: number, segmentOfX: (x: number) => number][]): SegmentLookup {
  const data = new Uint32Array(SHAPE[0] * SHAPE[1] * SHAPE[2]);
  for (const [z, y, seg] of rows)
    for (let x = 0; x < SHAPE[2]; x++) data[(z * SHAPE[1] + y) * SHAPE[2] + x] = seg(x);
  return denseVolumeLookup({ shape: SHAPE, data });
}

describe('expected run length (funlib)', () => {
  it('a straight skeleton wholly inside one segment has ERL = its length', () => {
    const r = expectedRunLength([row(1, 1, 1)], volume([[1, 1, () => 7]]), { resolution: RES });
    expect(r.erl).toBeCloseTo(112, 10);
    expect(r.gt_erl).toBeCloseTo(112, 10);
    expect(r.nerl).toBeCloseTo(1, 12);
    expect(r.perSkeleton[0]).toMatchObject({
      id: 1,
      length: 112,
      correctEdges: 7,
      splitEdges: 0,
      mergedSegments: [],
    });
  });

  it('a split into two halves loses the crossing edge: (48^2 + 48^2) / 112', () => {
    // Nodes at voxels x = 0..12 lie in 7, x = 16..28 in 8 (node x = 64 nm is exactly voxel 16:
    // floor(64 / 4)). Three 16 nm edges on each side, the edge 12 -> 16 is split.
    const lookup = volume([[1, 1, (x) => (x < 16 ? 7 : 8)]]);
    const r = expectedRunLength([row(1, 1, 1)], lookup, { resolution: RES });
    expect(r.erl).toBeCloseTo((48 * 48 * 2) / 112, 10); // 41.142857...
    expect(r.nerl).toBeCloseTo(41.142857 / 112, 6);
    expect(r.perSkeleton[0]).toMatchObject({ correctEdges: 6, splitEdges: 1, correctLength: 96 });
  });

  it('two skeletons in one segment are a merge: both get 0 credit', () => {
    const lookup = volume([
      [1, 1, () => 7],
      [1, 5, () => 7],
    ]);
    const r = expectedRunLength([row(1, 1, 1), row(2, 1, 5)], lookup, { resolution: RES });
    expect(r.erl).toBe(0);
    // GT ERL = (112^2 + 112^2) / 224 = 112
    expect(r.gt_erl).toBeCloseTo(112, 10);
    expect(r.mergingSegments).toEqual([7n]);
    expect(r.perSkeleton.map((s) => s.mergedEdges)).toEqual([7, 7]);
  });

  it('funlib withdraws credit only inside the merging segment; em_erl’s penalty zeroes the skeleton', () => {
    // Skeleton 1 runs through 7 (x < 16) then 9; skeleton 2 lies wholly in 7. Segment 7 merges.
    const lookup = volume([
      [1, 1, (x) => (x < 16 ? 7 : 9)],
      [1, 5, () => 7],
    ]);
    const skeletons = [row(1, 1, 1), row(2, 1, 5)];
    const funlib = expectedRunLength(skeletons, lookup, { resolution: RES });
    // Skeleton 1 keeps its 48 nm in segment 9: ERL = 48^2 / (112 + 112)
    expect(funlib.erl).toBeCloseTo((48 * 48) / 224, 10);
    expect(funlib.perSkeleton[0]).toMatchObject({ correctEdges: 3, mergedEdges: 3, splitEdges: 1 });
    expect(funlib.perSkeleton[0]!.erl).toBeCloseTo((48 * 48) / 112, 10);
    const whole = expectedRunLength(skeletons, lookup, { resolution: RES, mergePenalty: 'skeleton' });
    expect(whole.erl).toBe(0);
  });

  it('edges with an end in segment 0 get no credit, and segment 0 never merges', () => {
    // Row 1: voxels x < 8 are background, so nodes at x = 0 and 4 are in 0: edges 0-4 and 4-8 are
    // omitted, five 16 nm edges (80 nm) remain. Row 5: the same, as a second skeleton through 0.
    const lookup = volume([
      [1, 1, (x) => (x < 8 ? 0 : 7)],
      [1, 5, (x) => (x < 8 ? 0 : 8)],
    ]);
    const r = expectedRunLength([row(1, 1, 1), row(2, 1, 5)], lookup, { resolution: RES });
    expect(r.perSkeleton.map((s) => s.omittedEdges)).toEqual([2, 2]);
    expect(r.mergingSegments).toEqual([]);
    // ERL = (80^2 + 80^2) / 224
    expect(r.erl).toBeCloseTo((2 * 80 * 80) / 224, 10);
  });

  it('GT ERL weights skeletons by length: (112^2 + 48^2) / 160', () => {
    const short: Skeleton = { id: 2, nodes: row(2, 2, 3).nodes.slice(0, 4) }; // 3 edges, 48 nm
    const lookup = volume([
      [1, 1, () => 7],
      [2, 3, () => 8],
    ]);
    const r = expectedRunLength([row(1, 1, 1), short], lookup, { resolution: RES });
    expect(r.gt_erl).toBeCloseTo((112 * 112 + 48 * 48) / 160, 10); // 92.8
    expect(r.erl).toBeCloseTo(92.8, 10);
    expect(r.nerl).toBeCloseTo(1, 12);
  });

  it('reproduces funlib’s own test expectations (unit voxels, sqrt(2) edges)', () => {
    // funlib/tests/test_run_length.py: skeleton 1 = (0,0,0)-(1,1,0)-(0,1,1), skeleton 2 =
    // (1,1,1)-(0,0,1) in zyx; every edge is sqrt(2) long.
    const node = (z: number, y: number, x: number, parent: number) => ({ x, y, z, radius: 1, parent });
    const s1: Skeleton = { id: 1, nodes: [node(0, 0, 0, -1), node(1, 1, 0, 0), node(0, 1, 1, 1)] };
    const s2: Skeleton = { id: 2, nodes: [node(1, 1, 1, -1), node(0, 0, 1, 0)] };
    const lut = (segments: number[]): SegmentLookup => {
      const at = new Map(
        [...s1.nodes, ...s2.nodes].map((n, k) => [`${n.z},${n.y},${n.x}`, segments[k]!] as const),
      );
      return (z, y, x) => at.get(`${z},${y},${x}`) ?? 0;
    };
    const res: Vec3 = [1, 1, 1];
    expect(expectedRunLength([s1], lut([10, 10, 10]), { resolution: res }).erl).toBeCloseTo(
      2 * Math.SQRT2,
      10,
    );
    expect(expectedRunLength([s1], lut([10, 10, 20]), { resolution: res }).erl).toBeCloseTo(
      0.5 * Math.SQRT2,
      10,
    );
    const both = [s1, s2];
    expect(expectedRunLength(both, lut([10, 10, 30, 20, 40]), { resolution: res }).erl).toBeCloseTo(
      (2 / 3) * 0.5 * Math.SQRT2,
      10,
    );
    expect(expectedRunLength(both, lut([10, 10, 10, 10, 10]), { resolution: res }).erl).toBe(0);
  });

  it('looks segments up as bigint and reports uint64 ids beyond 2^53', () => {
    const big = 2n ** 63n + 11n;
    const data = new BigUint64Array(SHAPE[0] * SHAPE[1] * SHAPE[2]);
    for (let x = 0; x < SHAPE[2]; x++) {
      data[(1 * SHAPE[1] + 1) * SHAPE[2] + x] = big;
      data[(1 * SHAPE[1] + 5) * SHAPE[2] + x] = big;
    }
    const r = expectedRunLength([row(1, 1, 1), row(2, 1, 5)], denseVolumeLookup({ shape: SHAPE, data }), {
      resolution: RES,
    });
    expect(r.mergingSegments).toEqual([big]);
    expect(r.perSkeleton[1]!.mergedSegments).toEqual([big]);
  });

  it('leaves out skeletons without edges and treats nodes outside the volume as segment 0', () => {
    const lone: Skeleton = { id: 3, nodes: [{ x: 0, y: 4, z: 10, radius: 1, parent: -1 }] };
    const outside = row(4, 1, 1);
    outside.nodes.forEach((n) => (n.x += 1000)); // x voxels 250.., beyond the 32-voxel volume
    const lookup = volume([[1, 1, () => 7]]);
    const r = expectedRunLength([row(1, 1, 1), lone, outside], lookup, { resolution: RES });
    expect(r.perSkeleton.map((s) => s.id)).toEqual([1, 4]);
    expect(r.perSkeleton[1]).toMatchObject({ omittedEdges: 7, correctEdges: 0 });
    expect(r.mergingSegments).toEqual([]); // the lone node in segment 7 does not merge it
    expect(() =>
      expectedRunLength([{ id: 5, nodes: [{ x: 0, y: 0, z: 0, radius: 1, parent: 3 }] }], lookup, {
        resolution: RES,
      }),
    ).toThrow(RangeError);
  });
});

describe('expected run length (AxonEM merge threshold and non-axon mask)', () => {
  // Skeleton 1 lies in segment 7. Skeleton 2 lies in segment 8 except for its last node(s), which
  // stray into 7 (row 5 of the volume holds 7 from voxel x = 28, or from 24 for two nodes).
  const skeletons = [row(1, 1, 1), row(2, 1, 5)];
  const straying = (from: number) =>
    volume([
      [1, 1, () => 7],
      [1, 5, (x) => (x >= from ? 7 : 8)],
    ]);

  it('one stray node merges under funlib but not under a threshold of 2 nodes', () => {
    const funlib = expectedRunLength(skeletons, straying(28), { resolution: RES });
    // funlib: 7 holds nodes of both skeletons, so skeleton 1 loses everything; skeleton 2 keeps
    // its six edges in 8 (96 nm): ERL = 96^2 / 224.
    expect(funlib.erl).toBeCloseTo((96 * 96) / 224, 10);
    expect(funlib.mergingSegments).toEqual([7n]);

    const axonEm = expectedRunLength(skeletons, straying(28), { resolution: RES, mergeThreshold: 2 });
    // Skeleton 2 has 1 < 2 nodes in 7: no merge. ERL = (112^2 + 96^2) / 224.
    expect(axonEm.erl).toBeCloseTo((112 * 112 + 96 * 96) / 224, 10);
    expect(axonEm.mergingSegments).toEqual([]);
  });

  it('two stray nodes reach the threshold: both skeletons are merged and score 0', () => {
    const r = expectedRunLength(skeletons, straying(24), { resolution: RES, mergeThreshold: 2 });
    expect(r.erl).toBe(0);
    expect(r.perSkeleton.map((s) => s.mergedSegments)).toEqual([[7n], [7n]]);
    // With funlib's penalty instead, skeleton 2 keeps its five edges (80 nm) in 8.
    const partial = expectedRunLength(skeletons, straying(24), {
      resolution: RES,
      mergeThreshold: 2,
      mergePenalty: 'segment',
    });
    expect(partial.erl).toBeCloseTo((80 * 80) / 224, 10);
  });

  it('a segment with more than mergeThreshold voxels in the non-axon mask is merging', () => {
    // Segment 7 also fills row (2, 0); the mask covers 5 of its voxels there.
    const data = new Uint32Array(SHAPE[0] * SHAPE[1] * SHAPE[2]);
    const mask = new Uint8Array(data.length);
    for (let x = 0; x < SHAPE[2]; x++) {
      data[(1 * SHAPE[1] + 1) * SHAPE[2] + x] = 7;
      data[(2 * SHAPE[1] + 0) * SHAPE[2] + x] = 7;
      data[(1 * SHAPE[1] + 5) * SHAPE[2] + x] = 8;
      if (x < 5) mask[(2 * SHAPE[1] + 0) * SHAPE[2] + x] = 1;
    }
    const counts = countSegmentsInMask(data, mask);
    expect(counts).toEqual(new Map([[7n, 5]]));
    const lookup = denseVolumeLookup({ shape: SHAPE, data });
    const opts = { resolution: RES, nonAxonMaskCounts: counts };
    // 5 > 4: segment 7 merges with the non-axon mask; skeleton 1 (8 >= 4 nodes in it) scores 0.
    const merged = expectedRunLength(skeletons, lookup, { ...opts, mergeThreshold: 4 });
    expect(merged.erl).toBeCloseTo((112 * 112) / 224, 10);
    expect(merged.mergingSegments).toEqual([7n]);
    // 5 > 5 fails: no merge.
    expect(expectedRunLength(skeletons, lookup, { ...opts, mergeThreshold: 5 }).erl).toBeCloseTo(112, 10);
  });

  it('counts mask voxels block by block, per uint64 segment', () => {
    const counts = countSegmentsInMask(BigUint64Array.of(2n ** 60n, 2n ** 60n, 3n), Uint8Array.of(1, 1, 1));
    countSegmentsInMask(Uint16Array.of(3, 3, 0), Uint8Array.of(1, 0, 1), counts);
    expect(counts).toEqual(
      new Map([
        [2n ** 60n, 2],
        [3n, 2],
        [0n, 1],
      ]),
    );
  });
});
