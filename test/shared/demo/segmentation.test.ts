import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../shared/volume/types';
import { demo, index, overlaps } from './helpers';

describe('demo segmentation and its error manifest', () => {
  const volume = demo();
  const table = overlaps(volume);
  const segmentAt = (v: Vec3): string => String(volume.segmentation[index(volume.shape, v)]);
  const gtAt = (v: Vec3): string => String(volume.groundTruth[index(volume.shape, v)]);
  const segmentsOf = (gtId: string): Set<string> => new Set([...table.get(BigInt(gtId))!.keys()].map(String));
  const byKind = (kind: string) => volume.errors.filter((e) => e.kind === kind);
  const spread = (values: number[]): number => Math.max(...values) - Math.min(...values);

  it('injects at least 3 merges, 4 splits (one cut between z slices) and some fragments', () => {
    expect(byKind('merge').length).toBeGreaterThanOrEqual(3);
    expect(byKind('split').length).toBeGreaterThanOrEqual(4);
    expect(byKind('fragment').length).toBeGreaterThanOrEqual(2);
    expect(byKind('split').some((e) => e.cut?.axis === 'z')).toBe(true);
  });

  it('fuses both axons of each merge into the one listed segment, with split seeds along each', () => {
    for (const merge of byKind('merge')) {
      const [segment] = merge.segmentIds;
      expect(merge.segmentIds).toHaveLength(1);
      expect(merge.groundTruthIds).toHaveLength(2);
      expect(segmentAt(merge.voxel)).toBe(segment);
      // First one seed per axon, in groundTruthIds order, far apart.
      expect(merge.seeds.slice(0, 2).map((s) => s.gtId)).toEqual(merge.groundTruthIds);
      const [a, b] = merge.seeds.map((s) => s.voxel) as [Vec3, Vec3];
      expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])).toBeGreaterThan(10);
      for (const seed of merge.seeds) {
        expect(segmentAt(seed.voxel)).toBe(segment);
        expect(gtAt(seed.voxel)).toBe(seed.gtId);
        expect(seed.segmentId).toBe(segment);
        // All of each axon lies in the merged segment.
        expect(segmentsOf(seed.gtId)).toEqual(new Set([segment]));
      }
      for (const gtId of merge.groundTruthIds) {
        const voxels = merge.seeds.filter((s) => s.gtId === gtId).map((s) => s.voxel);
        expect(new Set(voxels.map(String)).size).toBe(voxels.length);
        expect(voxels.length).toBeGreaterThanOrEqual(3);
        // Spread along the axon: the seeds span most of its extent in the volume.
        const span = Math.max(...[0, 1, 2].map((d) => spread(voxels.map((v) => v[d]!))));
        expect(span).toBeGreaterThan(0.5 * Math.max(...volume.shape.slice(1)));
      }
    }
  });

  it('cuts each split axon into the 2-4 listed pieces, with a merge click in each piece', () => {
    for (const split of byKind('split')) {
      const [gtId] = split.groundTruthIds as [string];
      expect(split.segmentIds.length).toBeGreaterThanOrEqual(2);
      expect(split.segmentIds.length).toBeLessThanOrEqual(4);
      expect(segmentsOf(gtId)).toEqual(new Set(split.segmentIds));
      expect(split.seeds.map((s) => s.segmentId)).toEqual(split.segmentIds);
      for (const seed of split.seeds) {
        expect(segmentAt(seed.voxel)).toBe(seed.segmentId);
        expect(gtAt(seed.voxel)).toBe(gtId);
      }
      expect(split.cut?.at.length).toBe(split.segmentIds.length - 1);
    }
  });

  it('cuts a z split between slices: each piece covers its own range of slices', () => {
    const split = byKind('split').find((e) => e.cut?.axis === 'z')!;
    const [nz, ny, nx] = volume.shape;
    const gtId = BigInt(split.groundTruthIds[0]!);
    const bounds = [0, ...split.cut!.at, nz];
    for (let z = 0; z < nz; z++) {
      const piece = bounds.findIndex((b, j) => z >= b && z < bounds[j + 1]!);
      for (let k = z * ny * nx; k < (z + 1) * ny * nx; k++) {
        if (volume.groundTruth[k] !== gtId) continue;
        expect(String(volume.segmentation[k])).toBe(split.segmentIds[piece]);
      }
    }
  });

  it('gives each fragment its own segment inside its host, with a click on the host beside it', () => {
    for (const fragment of byKind('fragment')) {
      const [id] = fragment.segmentIds as [string];
      const [host] = fragment.groundTruthIds as [string];
      expect(segmentAt(fragment.voxel)).toBe(id);
      expect(gtAt(fragment.voxel)).toBe(host);
      const [inside, outside] = fragment.seeds as [(typeof fragment.seeds)[0], (typeof fragment.seeds)[0]];
      expect(inside.segmentId).toBe(id);
      expect(outside.segmentId).not.toBe(id);
      expect(segmentAt(outside.voxel)).toBe(outside.segmentId);
      expect(gtAt(outside.voxel)).toBe(host);
      // Small: far fewer voxels than its host.
      const size = [...table.values()].reduce((n, row) => n + (row.get(BigInt(id)) ?? 0), 0);
      expect(size).toBeGreaterThan(5);
      expect(size).toBeLessThan(2000);
    }
  });

  it('maps every axon without an error to exactly one segment that no other axon shares', () => {
    const withErrors = new Set(volume.errors.flatMap((e) => e.groundTruthIds));
    const owner = new Map<string, string>();
    for (const axon of volume.axonIds.map(String)) {
      for (const segment of segmentsOf(axon)) {
        if (!withErrors.has(axon)) expect(owner.get(segment), `segment ${segment}`).toBeUndefined();
        owner.set(segment, axon);
      }
      if (!withErrors.has(axon)) expect(segmentsOf(axon).size, `axon ${axon}`).toBe(1);
    }
    const clean = volume.axonIds.map(String).filter((a) => !withErrors.has(a));
    expect(clean.length).toBeGreaterThanOrEqual(1);
  });

  it('uses large random uint64 ids, some above 2^53, and leaves a few membrane voxels unsegmented', () => {
    const ids = new Set<bigint>();
    let zeros = 0;
    for (const v of volume.segmentation) {
      if (v === 0n) zeros++;
      else ids.add(v);
    }
    const big = [...ids].filter((v) => v > 2n ** 53n);
    expect(big.length).toBeGreaterThan(0);
    expect(big.length).toBeLessThan(ids.size);
    expect([...ids].every((v) => v > 2n ** 32n)).toBe(true);
    expect(zeros).toBeGreaterThan(0);
    expect(zeros / volume.segmentation.length).toBeLessThan(0.01);
  });

  it('moves some boundary voxels between neighbouring non-axon cells', () => {
    const axons = new Set(volume.axonIds);
    let cellsWithSeveral = 0;
    for (const [gtId, row] of table) {
      if (!axons.has(gtId) && [...row.keys()].filter((s) => s !== 0n).length > 1) cellsWithSeveral++;
    }
    expect(cellsWithSeveral).toBeGreaterThan(5);
  });

  it('writes ids as decimal strings, so the manifest survives JSON', () => {
    const copy = JSON.parse(JSON.stringify(volume.errors)) as unknown;
    expect(copy).toEqual(volume.errors);
    for (const error of volume.errors) {
      for (const id of [...error.segmentIds, ...error.groundTruthIds]) expect(id).toMatch(/^[1-9]\d*$/);
    }
  });
});
