import { describe, expect, it } from 'vitest';
import { agglomerateSeeded } from '../../../shared/edit/agglomerate';
import { BoundaryGraph, GraphBuilder } from '../../../shared/edit/boundaryGraph';
import { EdgeIndex } from '../../../shared/edit/edgeIndex';
import { watershedFragments } from '../../../shared/edit/fragments';
import { MinHeap } from '../../../shared/edit/minHeap';
import { maskRuns, paddedGrid, segmentRuns, segmentRunsByPlanes } from '../../../shared/edit/padding';
import type { Vec3 } from '../../../shared/volume/types';
import { rng } from './syntheticVolumes';

/** A random blobby mask (a few balls) and a noisy cost with dark sheets, C-order zyx. */
function blobs(shape: Vec3, seed: number): { mask: Uint8Array; cost: Uint8Array } {
  const random = rng(seed);
  const [sz, sy, sx] = shape;
  const mask = new Uint8Array(sz * sy * sx);
  const cost = new Uint8Array(mask.length);
  const balls = Array.from({ length: 4 }, () => [
    random() * sz,
    random() * sy,
    random() * sx,
    3 + random() * 5,
  ]);
  for (let z = 0, i = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, i++) {
        mask[i] = balls.some(([bz, by, bx, r]) => (z - bz!) ** 2 + (y - by!) ** 2 + (x - bx!) ** 2 < r! ** 2)
          ? 1
          : 0;
        const sheet = (x + 2 * y) % 9 === 0 ? 120 : 0;
        cost[i] = Math.min(255, Math.floor(random() * 80) + sheet);
      }
    }
  }
  return { mask, cost };
}

describe('runs of a mask', () => {
  it('list exactly the voxels in the mask, in scan order', () => {
    const shape: Vec3 = [5, 7, 11];
    const { mask } = blobs(shape, 3);
    const runs = maskRuns(shape, mask);
    const grid = paddedGrid(shape);
    const seen: number[] = [];
    for (let r = 0; r < runs.count; r++) {
      for (let j = 0; j < runs.length[r]!; j++) {
        seen.push(runs.box[r]! + j);
        expect(grid.toPadded(runs.box[r]! + j)).toBe(runs.padded[r]! + j);
      }
    }
    expect(seen).toEqual([...mask.keys()].filter((i) => mask[i] === 1));
    expect(runs.voxels).toBe(seen.length);
  });

  it('of a segment compare whole uint64 ids, not their low words', () => {
    const shape: Vec3 = [3, 4, 9];
    const big = 2n ** 40n + 7n;
    const labels = new BigUint64Array(3 * 4 * 9).map((_, i) =>
      i % 3 === 0 ? big : i % 3 === 1 ? 7n : big + 1n,
    );
    const runs = segmentRuns(shape, labels, big);
    const mask = labels.map((v) => (v === big ? 1n : 0n));
    expect(runs).toEqual(maskRuns(shape, Uint8Array.from(mask, Number)));
  });

  it('of a segment read a few planes at a time are the runs of the whole box', () => {
    const shape: Vec3 = [7, 5, 13];
    const { mask } = blobs(shape, 4);
    const id = 2n ** 33n + 5n;
    const labels = BigUint64Array.from(mask, (m, i) => (m === 1 ? id : BigInt(i % 3)));
    const plane = shape[1] * shape[2];
    const whole = segmentRuns(shape, labels, id);
    expect(whole.voxels).toBeGreaterThan(0);
    for (const planes of [1, 2, 3, 7, 10]) {
      const asked: number[][] = [];
      const runs = segmentRunsByPlanes(shape, id, planes, (z, n) => {
        asked.push([z, n]);
        return labels.slice(z * plane, (z + n) * plane);
      });
      expect(runs).toEqual(whole);
      expect(asked.reduce((sum, [, n]) => sum + n!, 0)).toBe(shape[0]);
      expect(Math.max(...asked.map(([, n]) => n!))).toBe(Math.min(planes, shape[0]));
    }
    expect(() => segmentRunsByPlanes(shape, id, 2, () => new BigUint64Array(3))).toThrow(
      /3 labels for 2 planes/,
    );
  });
});

describe('the min-heap', () => {
  it('pops by key, then by item, through removals and key changes', () => {
    const random = rng(11);
    const keys = Array.from({ length: 300 }, () => Math.floor(random() * 20));
    const heap = MinHeap.ofRange(keys.length, (i) => keys[i]!);
    const live = new Map(keys.map((k, i) => [i, k]));
    for (let step = 0; step < 200; step++) {
      const item = Math.floor(random() * keys.length);
      if (random() < 0.5) {
        heap.remove(item);
        live.delete(item);
      } else {
        const key = Math.floor(random() * 20);
        heap.set(item, key);
        live.set(item, key);
      }
    }
    const expected = [...live].sort((p, q) => p[1] - q[1] || p[0] - q[0]).map(([item]) => item);
    const popped: number[] = [];
    while (heap.size > 0) popped.push(heap.pop());
    expect(popped).toEqual(expected);
  });
});

describe('the edge index', () => {
  it('finds the edge of a pair as edges move from region to region', () => {
    const random = rng(5);
    const n = 500;
    const ends = new Int32Array(2 * n);
    const index = new EdgeIndex(ends, n);
    const byPair = new Map<string, number>();
    const pair = (a: number, b: number): string => (a < b ? `${a},${b}` : `${b},${a}`);
    for (let e = 0; e < n; e++) {
      let [a, b] = [0, 0];
      while (a === b || byPair.has(pair(a, b)))
        [a, b] = [1 + Math.floor(random() * 60), 1 + Math.floor(random() * 60)];
      [ends[2 * e], ends[2 * e + 1]] = [a, b];
      index.add(e);
      byPair.set(pair(a, b), e);
    }
    for (let step = 0; step < 300; step++) {
      const e = Math.floor(random() * n);
      const [a, b] = [ends[2 * e]!, ends[2 * e + 1]!];
      const c = 61 + Math.floor(random() * 500);
      if (byPair.has(pair(c, b)) || byPair.get(pair(a, b)) !== e) continue;
      index.remove(e);
      byPair.delete(pair(a, b));
      ends[2 * e] = c;
      index.add(e);
      byPair.set(pair(c, b), e);
    }
    for (const [key, e] of byPair) {
      const [a, b] = key.split(',').map(Number) as [number, number];
      expect(index.get(b, a)).toBe(e);
    }
    expect(index.get(1, 1)).toBe(-1);
  });
});

describe('watershed fragments and their boundary graph', () => {
  it.each([
    ['isotropic', { anisotropic: false, zPenalty: 0 }],
    ['anisotropic', { anisotropic: true, zPenalty: 20 }],
  ] as const)('label the whole mask with connected fragments and sum every face (%s)', (_, rule) => {
    const shape: Vec3 = [8, 17, 19];
    const { mask, cost } = blobs(shape, 9);
    const faces = new GraphBuilder(rule, 4);
    const f = watershedFragments(shape, maskRuns(shape, mask), cost, [], rule.anisotropic, faces);
    const [sz, sy, sx] = shape;
    const label = (z: number, y: number, x: number): number =>
      f.labels[f.grid.toPadded((z * sy + y) * sx + x)]!;
    // Every voxel of the mask, and only those, has a fragment id.
    for (let i = 0; i < mask.length; i++) expect(f.labels[f.grid.toPadded(i)]! > 0).toBe(mask[i] === 1);
    // Brute force: each face between two fragments once, scored by the rule.
    const expected = new Map<string, [number, number]>();
    for (let z = 0, i = 0; z < sz; z++) {
      for (let y = 0; y < sy; y++) {
        for (let x = 0; x < sx; x++, i++) {
          const a = label(z, y, x);
          if (a === 0) continue;
          for (const [axis, dz, dy, dx] of [
            [0, 0, 0, 1],
            [1, 0, 1, 0],
            [2, 1, 0, 0],
          ] as const) {
            if (z + dz >= sz || y + dy >= sy || x + dx >= sx) continue;
            const b = label(z + dz, y + dy, x + dx);
            if (b === 0 || b === a) continue;
            const [cv, cu] = [cost[i]!, cost[i + (dz * sy + dy) * sx + dx]!];
            const score = axis === 2 && rule.anisotropic ? (cv + cu) / 2 + rule.zPenalty : Math.max(cv, cu);
            const key = `${Math.min(a, b)},${Math.max(a, b)}`;
            const [sum, n] = expected.get(key) ?? [0, 0];
            expected.set(key, [sum + score, n + 1]);
          }
        }
      }
    }
    const graph = faces.graph();
    const built = new Map<string, [number, number]>();
    for (let e = 0; e < graph.length; e++) {
      expect(graph.a[e]!).toBeLessThan(graph.b[e]!);
      built.set(`${graph.a[e]},${graph.b[e]}`, [graph.sum[e]!, graph.faces[e]!]);
    }
    expect(built).toEqual(expected);
    // Fragments are connected: a flood from each fragment's first voxel reaches all of it.
    const seen = new Uint8Array(mask.length);
    const firsts = new Map<number, number>();
    for (let i = 0; i < mask.length; i++) {
      const id = f.labels[f.grid.toPadded(i)]!;
      if (id > 0 && !firsts.has(id)) firsts.set(id, i);
    }
    expect(firsts.size).toBe(f.count);
    for (const [id, first] of firsts) {
      const queue = [first];
      seen[first] = 1;
      for (let k = 0; k < queue.length; k++) {
        const i = queue[k]!;
        const [x, y, z] = [i % sx, Math.floor(i / sx) % sy, Math.floor(i / (sx * sy))];
        for (const [dz, dy, dx] of [
          [0, 0, 1],
          [0, 0, -1],
          [0, 1, 0],
          [0, -1, 0],
          [1, 0, 0],
          [-1, 0, 0],
        ] as const) {
          const [nz, ny, nx] = [z + dz, y + dy, x + dx];
          if (nz < 0 || ny < 0 || nx < 0 || nz >= sz || ny >= sy || nx >= sx) continue;
          const j = (nz * sy + ny) * sx + nx;
          if (seen[j] === 0 && label(nz, ny, nx) === id) {
            seen[j] = 1;
            queue.push(j);
          }
        }
      }
    }
    expect(seen).toEqual(mask);
  });
});

describe('fixed fragments', () => {
  it('keep their ids and border the fragments found around them', () => {
    const shape: Vec3 = [8, 17, 19];
    const { mask, cost } = blobs(shape, 9);
    const sx = shape[2];
    // Voxels at the left end of x are fragment 1, at the right end fragment 2.
    const ids = mask.map((m, i) => (m === 0 ? 0 : i % sx < 3 ? 1 : i % sx >= sx - 3 ? 2 : 0));
    const rule = { anisotropic: false, zPenalty: 0 };
    const faces = new GraphBuilder(rule, 4);
    const f = watershedFragments(shape, maskRuns(shape, mask), cost, [], false, faces, {
      fixed: { count: 2, ids },
    });
    const label = (i: number): number => f.labels[f.grid.toPadded(i)]!;
    for (let i = 0; i < mask.length; i++) {
      if (ids[i] !== 0) expect(label(i)).toBe(ids[i]);
      else expect(label(i) > 0).toBe(mask[i] === 1);
    }
    // New fragments are numbered after the fixed ones, densely; some voxels drained into those.
    const found = new Set<number>();
    for (let i = 0; i < mask.length; i++) if (mask[i] === 1 && ids[i] === 0) found.add(label(i));
    expect([...found].sort((p, q) => p - q)).toEqual(
      Array.from({ length: f.count }, (_, k) => k + 1).filter((id) => id > 2 || found.has(id)),
    );
    // Every face between a fixed fragment and another is in the graph.
    const graph = faces.graph();
    const pairs = new Set(Array.from({ length: graph.length }, (_, e) => `${graph.a[e]},${graph.b[e]}`));
    for (let i = 0; i < mask.length; i++) {
      if (mask[i] === 0 || i % sx === sx - 1 || mask[i + 1] === 0) continue;
      const [a, b] = [label(i), label(i + 1)];
      if (a !== b) expect(pairs.has(`${Math.min(a, b)},${Math.max(a, b)}`)).toBe(true);
    }
  });

  it('take in the voxels that drain into them', () => {
    // Valleys at x = 10 and 30 (fixed fragments 1 and 2 there), a ridge at x = 20.
    const shape: Vec3 = [4, 6, 40];
    const cost = new Uint8Array(4 * 6 * 40).map(
      (_, i) => 10 * Math.min(Math.abs((i % 40) - 10), Math.abs((i % 40) - 30)),
    );
    const ids = cost.map((_, i) => (Math.abs((i % 40) - 10) <= 1 ? 1 : Math.abs((i % 40) - 30) <= 1 ? 2 : 0));
    const mask = new Uint8Array(cost.length).fill(1);
    const faces = new GraphBuilder({ anisotropic: false, zPenalty: 0 }, 4);
    const f = watershedFragments(shape, maskRuns(shape, mask), cost, [], false, faces, {
      fixed: { count: 2, ids },
    });
    expect(f.count).toBe(2);
    for (let i = 0; i < mask.length; i++) {
      const x = i % 40;
      if (x !== 20) expect(f.labels[f.grid.toPadded(i)]).toBe(x < 20 ? 1 : 2);
    }
    const graph = faces.graph();
    expect([graph.length, graph.a[0], graph.b[0]]).toEqual([1, 1, 2]);
  });
});

describe('the boundary graph builder', () => {
  it.each([
    ['in-slice', true],
    ['3D', false],
  ] as const)('sums faces exactly when fragments have many neighbours (%s)', (_, anisotropic) => {
    const random = rng(17);
    const faces = new GraphBuilder({ anisotropic, zPenalty: 20 }, 4);
    const expected = new Map<string, [number, number]>();
    // Fragment 1 borders all 300 others, the rest a few random ones: slots fill up and spill.
    faces.reserve(301);
    for (let k = 0; k < 20000; k++) {
      const a = k % 3 === 0 ? 1 : 1 + Math.floor(random() * 300);
      let b = 1 + Math.floor(random() * 300);
      if (b === a) b = (b % 300) + 1;
      const n = 1 + Math.floor(random() * 3);
      const sum = n * Math.floor(random() * 510) * 0.5;
      faces.add(faces.edge(a, b), sum, n);
      const key = `${Math.min(a, b)},${Math.max(a, b)}`;
      const [s0, n0] = expected.get(key) ?? [0, 0];
      expected.set(key, [s0 + sum, n0 + n]);
    }
    const graph = faces.graph();
    const built = new Map<string, [number, number]>();
    for (let e = 0; e < graph.length; e++)
      built.set(`${graph.a[e]},${graph.b[e]}`, [graph.sum[e]!, graph.faces[e]!]);
    expect(built).toEqual(expected);
  });
});

/** Agglomeration done the slow, obvious way: scan every edge for the lowest mean each time. */
function slowAgglomerate(count: number, graph: BoundaryGraph, seeds: Uint8Array): Uint8Array {
  const region = Int32Array.from({ length: count + 1 }, (_, i) => i);
  const side = Uint8Array.from(seeds);
  const find = (f: number): number => (region[f] === f ? f : (region[f] = find(region[f]!)));
  for (;;) {
    // Boundaries between current regions, summed over their fragment edges.
    const sums = new Map<string, [number, number, number, number]>();
    for (let e = 0; e < graph.length; e++) {
      const [a, b] = [find(graph.a[e]!), find(graph.b[e]!)];
      if (a === b || (side[a] && side[b] && side[a] !== side[b])) continue;
      const key = `${Math.min(a, b)},${Math.max(a, b)}`;
      const [s, n] = sums.get(key) ?? [0, 0];
      sums.set(key, [s + graph.sum[e]!, n + graph.faces[e]!, a, b]);
    }
    let best: [number, number, number, number] | undefined;
    for (const v of sums.values()) if (!best || v[0] / v[1] < best[0] / best[1]) best = v;
    if (!best) break;
    const [, , a, b] = best;
    region[b] = a;
    side[a] = side[a] || side[b]!;
  }
  return Uint8Array.from({ length: count + 1 }, (_, f) => (f === 0 ? 0 : side[find(f)]!));
}

describe('seeded agglomeration', () => {
  it('merges by the lowest mean boundary like the obvious algorithm, keeping sides apart', () => {
    const random = rng(21);
    for (let trial = 0; trial < 20; trial++) {
      const count = 30 + Math.floor(random() * 40);
      const graph = new BoundaryGraph(16);
      const pairs = new Set<string>();
      for (let k = 0; k < 3 * count; k++) {
        const a = 1 + Math.floor(random() * count);
        const b = 1 + Math.floor(random() * count);
        if (a === b || pairs.has(`${Math.min(a, b)},${Math.max(a, b)}`)) continue;
        pairs.add(`${Math.min(a, b)},${Math.max(a, b)}`);
        // Random real sums: no two boundaries tie, so the order of merges is the same.
        graph.add(Math.min(a, b), Math.max(a, b), random() * 1000, 1 + Math.floor(random() * 9));
      }
      const seeds = new Uint8Array(count + 1);
      seeds[1] = 1;
      seeds[2] = 2;
      seeds[3] = 1;
      const expected = slowAgglomerate(count, graph, seeds);
      const copy = new BoundaryGraph(graph.length);
      for (let e = 0; e < graph.length; e++)
        copy.add(graph.a[e]!, graph.b[e]!, graph.sum[e]!, graph.faces[e]!);
      expect(agglomerateSeeded(count, copy, seeds)).toEqual(expected);
    }
  });
});
