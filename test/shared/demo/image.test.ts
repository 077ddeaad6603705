import { describe, expect, it } from 'vitest';
import { generateTubes } from '../../../shared/demo/axonPaths';
import { makeGrid } from '../../../shared/demo/grid';
import { renderImage } from '../../../shared/demo/image';
import { fillCells } from '../../../shared/demo/cells';
import { rasterTubes } from '../../../shared/demo/labels';
import { paintOrganelles } from '../../../shared/demo/organelles';
import { Random, deriveSeed } from '../../../shared/demo/random';
import { separateTubes } from '../../../shared/demo/relax';
import { demo, fnv1a, smallLabels } from './helpers';

describe('demo EM image', () => {
  const volume = demo();
  const [nz, ny, nx] = volume.shape;
  const gt = smallLabels(volume.groundTruth);
  const { image } = volume;

  /** Mean grey of voxels on an in-slice GT boundary vs. voxels at least 3 voxels from one. */
  function membraneAndCytoplasm(): { membrane: number; cytoplasm: number } {
    let [ms, mn, cs, cn] = [0, 0, 0, 0];
    for (let z = 0; z < nz; z++) {
      for (let y = 3; y < ny - 3; y++) {
        for (let x = 3; x < nx - 3; x++) {
          const k = (z * ny + y) * nx + x;
          const id = gt[k]!;
          if (gt[k + 1] !== id || gt[k + nx] !== id) {
            ms += image[k]!;
            mn++;
            continue;
          }
          let far = true;
          for (let d = -3; d <= 3 && far; d++) {
            far = gt[k + d] === id && gt[k + d * nx] === id;
          }
          if (far) {
            cs += image[k]!;
            cn++;
          }
        }
      }
    }
    return { membrane: ms / mn, cytoplasm: cs / cn };
  }

  it('draws membranes (GT boundaries) clearly darker than cytoplasm', () => {
    const { membrane, cytoplasm } = membraneAndCytoplasm();
    expect(cytoplasm - membrane).toBeGreaterThan(40);
  });

  it('is textured and noisy, not flat colour, and uses a good part of the grey range', () => {
    let sum = 0;
    let sq = 0;
    const histogram = new Uint32Array(256);
    for (const v of image) {
      sum += v;
      sq += v * v;
      histogram[v]!++;
    }
    const mean = sum / image.length;
    const std = Math.sqrt(sq / image.length - mean * mean);
    expect(mean).toBeGreaterThan(90);
    expect(mean).toBeLessThan(170);
    expect(std).toBeGreaterThan(20);
    expect(histogram.filter((n) => n > 0).length).toBeGreaterThan(150);
    // Inside one large cell, neighbouring voxels still differ (noise and texture).
    let differ = 0;
    for (let k = 1; k < image.length; k++) if (gt[k] === gt[k - 1] && image[k] !== image[k - 1]) differ++;
    expect(differ / image.length).toBeGreaterThan(0.5);
  });

  it('flickers in brightness from slice to slice', () => {
    const means = Array.from({ length: nz }, (_, z) => {
      let s = 0;
      for (let k = z * ny * nx; k < (z + 1) * ny * nx; k++) s += image[k]!;
      return s / (ny * nx);
    });
    const steps = means.slice(1).map((m, z) => Math.abs(m - means[z]!));
    expect(Math.max(...steps)).toBeGreaterThan(3);
    expect(steps.reduce((a, b) => a + b, 0) / steps.length).toBeGreaterThan(1.5);
  });

  it('draws organelles darker than the cytoplasm of the same cell', () => {
    // Rebuild the stages to see where organelles were painted (the volume does not expose it).
    const grid = makeGrid(volume.shape, volume.resolution);
    const tubes = generateTubes(new Random(deriveSeed(volume.seed, 1)), grid);
    separateTubes(grid, tubes);
    const labels = new Uint32Array(gt.length);
    rasterTubes(grid, tubes, labels);
    const firstCellId = tubes.length + 1;
    const cellCount = fillCells(grid, new Random(deriveSeed(volume.seed, 2)), labels, firstCellId);
    expect(fnv1a(labels)).toBe(fnv1a(gt));
    const delta = paintOrganelles(grid, labels, tubes, firstCellId, new Random(deriveSeed(volume.seed, 3)));
    const labelCount = firstCellId + cellCount;
    const image = renderImage(
      grid,
      labels,
      delta,
      firstCellId,
      labelCount,
      new Random(deriveSeed(volume.seed, 4)),
    );
    expect(fnv1a(image)).toBe(fnv1a(volume.image));
    // Per cell, organelle voxels vs the cell's other voxels.
    const sums = new Map<number, [number, number, number, number]>();
    for (let k = 0; k < gt.length; k++) {
      const row = sums.get(gt[k]!) ?? [0, 0, 0, 0];
      if (delta[k]! < 0) [row[0], row[1]] = [row[0] + image[k]!, row[1] + 1];
      else [row[2], row[3]] = [row[2] + image[k]!, row[3] + 1];
      sums.set(gt[k]!, row);
    }
    const differences = [...sums.values()].filter(([, n]) => n > 100).map(([s, n, t, m]) => t / m - s / n);
    expect(differences.length).toBeGreaterThan(10);
    expect(differences.filter((d) => d > 15).length / differences.length).toBeGreaterThan(0.9);
  });
});
