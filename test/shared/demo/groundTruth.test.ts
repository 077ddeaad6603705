import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { components, demo, faceContacts, smallLabels } from './helpers';

const hasScipy = spawnSync('python3', ['-c', 'import scipy.ndimage'], { encoding: 'utf8' }).status === 0;

/** Components and voxels per id as scipy.ndimage.label counts them (6-connectivity). */
function scipyComponents(
  labels: Uint32Array,
  shape: readonly number[],
  ids: number[],
): Record<string, number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'demo-gt-'));
  try {
    const file = join(dir, 'gt.u32');
    writeFileSync(file, labels);
    const script = [
      'import json, sys, numpy as np, scipy.ndimage as nd',
      `gt = np.fromfile(${JSON.stringify(file)}, dtype='<u4').reshape(${JSON.stringify(shape)})`,
      `ids = ${JSON.stringify(ids)}`,
      'print(json.dumps({str(i): [int(nd.label(gt == i)[1]), int((gt == i).sum())] for i in ids}))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout) as Record<string, number[]>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('demo ground truth', () => {
  const volume = demo();
  const gt = smallLabels(volume.groundTruth);
  const [nz, ny, nx] = volume.shape;

  it('labels every voxel (dense, like AxonEM training blocks) with a dozen or more axons', () => {
    expect(gt.every((v) => v > 0)).toBe(true);
    expect(volume.axonIds.length).toBeGreaterThanOrEqual(12);
    const ids = new Set(gt);
    for (const id of volume.axonIds) expect(ids.has(Number(id))).toBe(true);
    // Other cells fill the rest: many more labels than axons.
    expect(ids.size).toBeGreaterThan(volume.axonIds.length + 20);
  });

  it('makes each axon one 6-connected tube whose size matches its skeleton', () => {
    for (const skeleton of volume.skeletons) {
      const { voxels, count } = components(gt, volume.shape, skeleton.id);
      expect(count, `axon ${skeleton.id} components`).toBe(1);
      // Tube volume from the skeleton: sum of pi r^2 * length, in voxels (z is 30 nm, x and y 8 nm).
      let tube = 0;
      for (const node of skeleton.nodes) {
        if (node.parent < 0) continue;
        const p = skeleton.nodes[node.parent]!;
        const length = Math.hypot(node.x - p.x, node.y - p.y, node.z - p.z);
        const r = (node.radius + p.radius) / 2;
        tube +=
          (Math.PI * r * r * length) / (volume.resolution[0] * volume.resolution[1] * volume.resolution[2]);
      }
      expect(voxels / tube, `axon ${skeleton.id} voxels vs tube`).toBeGreaterThan(0.5);
      expect(voxels / tube, `axon ${skeleton.id} voxels vs tube`).toBeLessThan(1.5);
    }
  });

  it.skipIf(!hasScipy)('agrees with scipy.ndimage.label: one component per axon, same voxel counts', () => {
    const ids = volume.axonIds.map(Number);
    const theirs = scipyComponents(gt, volume.shape, ids);
    for (const id of ids) {
      const ours = components(gt, volume.shape, id);
      expect(theirs[String(id)], `axon ${id}`).toEqual([1, ours.voxels]);
    }
  });

  it('runs axons across the volume: each skeleton spans its main axis end to end', () => {
    for (const skeleton of volume.skeletons) {
      const span = (key: 'x' | 'y' | 'z', res: number, n: number): number => {
        const v = skeleton.nodes.map((node) => node[key] / res);
        return (Math.max(...v) - Math.min(...v)) / n;
      };
      const best = Math.max(
        span('z', volume.resolution[0], nz),
        span('y', volume.resolution[1], ny),
        span('x', volume.resolution[2], nx),
      );
      expect(best, `axon ${skeleton.id}`).toBeGreaterThan(0.9);
    }
  });

  it('varies calibre along each axon within 3-10 voxels (24-80 nm) of radius', () => {
    for (const skeleton of volume.skeletons) {
      const radii = skeleton.nodes.map((n) => n.radius / volume.resolution[2]);
      expect(Math.min(...radii)).toBeGreaterThanOrEqual(3);
      expect(Math.max(...radii)).toBeLessThanOrEqual(10);
      expect(Math.max(...radii) / Math.min(...radii)).toBeGreaterThan(1.2);
    }
  });

  it('has the axons of every merge error touching face to face', () => {
    const merges = volume.errors.filter((e) => e.kind === 'merge');
    expect(merges.length).toBeGreaterThanOrEqual(3);
    for (const merge of merges) {
      const [a, b] = merge.groundTruthIds.map(Number) as [number, number];
      expect(faceContacts(gt, volume.shape, a, b), `axons ${a} and ${b}`).toBeGreaterThan(20);
    }
  });
});
