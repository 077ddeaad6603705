import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type DemoVolume } from '../../../shared/demo/generateDemo';
import type { Skeleton } from '../../../shared/formats/swc';
import { skeletonizeAll } from '../../../shared/skeleton/skeletonize';
import { scoreTodo } from '../../../shared/todo/evaluate';
import { findLikelyErrors } from '../../../shared/todo/findLikelyErrors';
import type { TodoItem } from '../../../shared/todo/types';
import { IdTable, compactLabels } from '../../../shared/volume/idTable';

/** The built-in demo, skeletonized once (the slow part, ~5-10 s here) for every check below. */
let demo: DemoVolume;
let ids: IdTable;
let labels: Uint32Array;
let skeletons: Map<number, Skeleton>;

beforeAll(() => {
  demo = generateDemo();
  ids = new IdTable();
  labels = compactLabels(demo.segmentation, ids);
  skeletons = skeletonizeAll(labels, demo.shape, demo.resolution, { minVoxels: 300 });
}, 120_000);

function todo(image?: Uint8Array): TodoItem[] {
  return findLikelyErrors({ labels, ids, shape: demo.shape, resolution: demo.resolution, skeletons, image });
}

describe('the to-do list on the demo volume', () => {
  it('puts at least 80% of the injected splits and merges in its top 20', () => {
    const items = todo();
    const score = scoreTodo(items, demo.errors, 20);
    expect(score.known).toBeGreaterThanOrEqual(4);
    expect(score.recall).toBeGreaterThanOrEqual(0.8);
    expect(score.precision).toBeGreaterThanOrEqual(0.5);
  });

  it('does as well with the EM image as evidence', () => {
    const score = scoreTodo(todo(demo.image), demo.errors, 20);
    expect(score.recall).toBeGreaterThanOrEqual(0.8);
    expect(score.precision).toBeGreaterThanOrEqual(0.5);
  });

  it('jumps to the cut for split items and into the fused segment for merge items', () => {
    const items = todo().slice(0, 20);
    let checked = 0;
    for (const error of demo.errors) {
      for (const item of items) {
        const itemIds = item.segmentIds.map(String);
        const shared = error.segmentIds.filter((id) => itemIds.includes(id));
        if (item.kind !== error.kind || shared.length < (error.kind === 'split' ? 2 : 1)) continue;
        checked++;
        const [z, y, x] = item.voxel;
        const at = ids.id(labels[(z * demo.shape[1] + y) * demo.shape[2] + x]!);
        if (error.kind === 'merge') {
          expect(String(at)).toBe(error.segmentIds[0]);
          continue;
        }
        // A split item sits between its two pieces: within a few voxels of a cut on the cut axis.
        const axis = { z: 0, y: 1, x: 2 }[error.cut!.axis];
        const nearest = Math.min(...error.cut!.at.map((c) => Math.abs(item.voxel[axis]! - c)));
        expect(nearest).toBeLessThanOrEqual(axis === 0 ? 3 : 12);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('ranks items by score, each with a reason and segments that exist', () => {
    const items = todo();
    for (let i = 1; i < items.length; i++) expect(items[i]!.score).toBeLessThanOrEqual(items[i - 1]!.score);
    for (const item of items) {
      expect(item.reason.length).toBeGreaterThan(10);
      expect(item.segmentIds.length).toBe(item.kind === 'split' ? 2 : 1);
      for (const id of item.segmentIds) expect(ids.find(id)).toBeDefined();
    }
  });
});
