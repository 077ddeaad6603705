import { describe, expect, it } from 'vitest';
import { AbortError } from '../../../shared/skeleton/teasar';
import { findLikelyErrors } from '../../../shared/todo/findLikelyErrors';
import type { TodoItem } from '../../../shared/todo/types';
import { IdTable } from '../../../shared/volume/idTable';
import type { Vec3 } from '../../../shared/volume/types';
import { type LabelBox, drawTube, emptyBox, straight, windingAlongX } from '../skeleton/tubes';

/** Big uint64 ids for the dense indices 1..n, as FFN writes them. */
function tableFor(box: LabelBox): IdTable {
  const ids = new IdTable();
  let top = 0;
  for (const v of box.labels) top = Math.max(top, v);
  for (let i = 1; i <= top; i++) ids.index(0xfedcba9876543210n + BigInt(i));
  return ids;
}

function run(box: LabelBox): { items: TodoItem[]; ids: IdTable } {
  const ids = tableFor(box);
  return {
    items: findLikelyErrors({ labels: box.labels, ids, shape: box.shape, resolution: box.resolution }),
    ids,
  };
}

describe('findLikelyErrors on synthetic volumes', () => {
  it('finds one split where a straight tube is cut with a gap, and jumps to the gap', () => {
    const box = emptyBox([40, 100, 320]);
    const axis: Vec3 = [600, 400, 0];
    drawTube(box, straight(axis, [600, 400, 2560], 56), 1, ([, , x]) => x < 150);
    drawTube(box, straight(axis, [600, 400, 2560], 56), 2, ([, , x]) => x >= 160);
    const { items, ids } = run(box);
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(item.kind).toBe('split');
    expect([...item.segmentIds].sort()).toEqual([ids.id(1), ids.id(2)].sort());
    expect(Math.abs(item.voxel[2] - 155)).toBeLessThanOrEqual(10);
    expect(Math.abs(item.voxel[1] - 50)).toBeLessThanOrEqual(10);
    expect(item.score).toBeGreaterThan(0.3);
    expect(item.reason).toMatch(/ends face each other \d+ nm apart/);
  });

  it('finds a merge near the crossing of two tubes that share one id', () => {
    const box = emptyBox([40, 320, 320]);
    drawTube(box, straight([600, 1280, 0], [600, 1280, 2560], 48), 1);
    drawTube(box, straight([600, 0, 1280], [600, 2560, 1280], 48), 1);
    const { items, ids } = run(box);
    expect(items.length).toBeGreaterThanOrEqual(1);
    const item = items[0]!;
    expect(item.kind).toBe('merge');
    expect(item.segmentIds).toEqual([ids.id(1)]);
    const [, y, x] = item.voxel;
    expect(Math.hypot((y - 160) * 8, (x - 160) * 8)).toBeLessThan(300);
    expect(item.score).toBeGreaterThan(0.5);
    // One crossing, one item: its branch points are deduplicated.
    expect(items.filter((i) => i.kind === 'merge')).toHaveLength(1);
  });

  it('lists nothing for a clean winding tube, nor for two tubes that pass each other', () => {
    const box = emptyBox([48, 160, 320]);
    drawTube(box, windingAlongX(box, [720, 400], 48, 120), 1);
    drawTube(box, windingAlongX(box, [720, 900], 40, 80), 2);
    expect(run(box).items).toEqual([]);
  });

  it('ignores segments below minVoxels', () => {
    const box = emptyBox([40, 100, 320]);
    drawTube(box, straight([600, 400, 0], [600, 400, 1200], 56), 1);
    drawTube(box, straight([600, 400, 1300], [600, 400, 1400], 56), 2); // a small fragment
    const ids = tableFor(box);
    const input = { labels: box.labels, ids, shape: box.shape, resolution: box.resolution };
    expect(findLikelyErrors(input, { minVoxels: 1000 })).toEqual([]);
    expect(findLikelyErrors(input, { minVoxels: 10 }).map((i) => i.kind)).toEqual(['split']);
  });

  it('reports progress and stops on abort', () => {
    const box = emptyBox([40, 100, 320]);
    drawTube(box, straight([600, 400, 0], [600, 400, 2560], 56), 1, ([, , x]) => x < 150);
    drawTube(box, straight([600, 400, 0], [600, 400, 2560], 56), 2, ([, , x]) => x >= 160);
    const ids = tableFor(box);
    const input = { labels: box.labels, ids, shape: box.shape, resolution: box.resolution };
    const seen: number[] = [];
    findLikelyErrors(input, { progress: (done, total) => seen.push(done / total) });
    expect(seen[seen.length - 1]).toBe(1);
    const signal = { aborted: true };
    expect(() => findLikelyErrors(input, { signal })).toThrow(AbortError);
  });
});
