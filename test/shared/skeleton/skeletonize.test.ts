import { describe, expect, it } from 'vitest';
import type { Skeleton } from '../../../shared/formats/swc';
import { SkeletonGraph } from '../../../shared/skeleton/skeletonGraph';
import { skeletonizeAll, skeletonizeSegment } from '../../../shared/skeleton/skeletonize';
import { AbortError } from '../../../shared/skeleton/teasar';
import type { Vec3 } from '../../../shared/volume/types';
import { drawTube, emptyBox, straight, windingAlongX } from './tubes';

function degrees(s: Skeleton): { leaves: number; branches: number; roots: number } {
  const g = new SkeletonGraph(s);
  return {
    leaves: g.nodesOfDegree((d) => d === 1).length,
    branches: g.nodesOfDegree((d) => d >= 3).length,
    roots: s.nodes.filter((n) => n.parent < 0).length,
  };
}

/** Every parent index points at an earlier-created node or is -1, and there is no cycle. */
function expectTree(s: Skeleton): void {
  for (const [i, n] of s.nodes.entries()) {
    expect(n.parent).toBeGreaterThanOrEqual(-1);
    expect(n.parent).toBeLessThan(s.nodes.length);
    expect(n.parent).not.toBe(i);
  }
  for (let i = 0; i < s.nodes.length; i++) {
    let steps = 0;
    for (let p = i; p >= 0; p = s.nodes[p]!.parent) expect(steps++).toBeLessThanOrEqual(s.nodes.length);
  }
}

describe('skeletonizeSegment', () => {
  it('traces a straight tube as one path along its axis, with its radius', () => {
    const box = emptyBox([20, 30, 120]);
    // Axis at the centre of voxel (10, 15, *): z 315 nm, y 124 nm.
    drawTube(box, straight([315, 124, 0], [315, 124, 960], 64), 1);
    const s = skeletonizeSegment(box.labels, box.shape, box.resolution, { label: 1 });
    expectTree(s);
    expect(degrees(s)).toEqual({ leaves: 2, branches: 0, roots: 1 });
    const xs = s.nodes.map((n) => n.x);
    expect(Math.min(...xs)).toBeLessThan(40);
    expect(Math.max(...xs)).toBeGreaterThan(920);
    // Away from the open ends the path stays on the axis and the radius is the tube's.
    const middle = s.nodes.filter((n) => n.x > 200 && n.x < 760);
    expect(middle.length).toBeGreaterThan(40);
    for (const n of middle) {
      expect(Math.abs(n.y - 124)).toBeLessThanOrEqual(8);
      expect(Math.abs(n.z - 315)).toBeLessThanOrEqual(30);
      expect(n.radius).toBeGreaterThan(40);
      expect(n.radius).toBeLessThanOrEqual(72);
    }
  });

  it('gives a Y one branch point where the arms meet', () => {
    const box = emptyBox([16, 100, 100]);
    const fork: Vec3 = [240, 400, 400];
    for (const end of [
      [240, 400, 0],
      [240, 0, 800],
      [240, 800, 800],
    ] as Vec3[])
      drawTube(box, straight(fork, end, 48), 7);
    const s = skeletonizeSegment(box.labels, box.shape, box.resolution, { label: 7 });
    expectTree(s);
    expect(degrees(s)).toEqual({ leaves: 3, branches: 1, roots: 1 });
    const g = new SkeletonGraph(s);
    const b = g.nodesOfDegree((d) => d >= 3)[0]!;
    expect(Math.hypot(g.pos[3 * b + 1]! - fork[1], g.pos[3 * b + 2]! - fork[2])).toBeLessThan(150);
  });

  it('gives each connected component its own root and places nodes in the volume frame', () => {
    const box = emptyBox([10, 20, 60]);
    drawTube(box, straight([150, 40, 0], [150, 40, 200], 24), 3);
    drawTube(box, straight([150, 120, 260], [150, 120, 480], 24), 3);
    const offset: Vec3 = [100, 200, 300];
    const s = skeletonizeSegment(box.labels, box.shape, box.resolution, { label: 3, offset, id: 42 });
    expect(s.id).toBe(42);
    expect(degrees(s).roots).toBe(2);
    for (const n of s.nodes) {
      expect(n.z).toBeGreaterThanOrEqual(100 * 30);
      expect(n.y).toBeGreaterThanOrEqual(200 * 8);
      expect(n.x).toBeGreaterThanOrEqual(300 * 8);
      // Voxel centres: (index + 0.5) * resolution.
      expect((((n.x / 8 - 0.5) % 1) + 1) % 1).toBeCloseTo(0, 6);
    }
  });

  it('accepts a Uint8Array mask and ignores other labels in a Uint32Array', () => {
    const box = emptyBox([10, 20, 60]);
    drawTube(box, straight([150, 80, 0], [150, 80, 480], 40), 5);
    drawTube(box, straight([150, 30, 0], [150, 30, 480], 20), 9);
    const mask = Uint8Array.from(box.labels, (v) => (v === 5 ? 1 : 0));
    const fromMask = skeletonizeSegment(mask, box.shape, box.resolution);
    const fromLabels = skeletonizeSegment(box.labels, box.shape, box.resolution, { label: 5 });
    expect(fromMask.nodes).toEqual(fromLabels.nodes);
    // Tips sit on the rim of the open end faces: within a radius of the axis.
    for (const n of fromLabels.nodes) expect(Math.abs(n.y - 84)).toBeLessThanOrEqual(40);
  });

  it('skeletonizes a 100k-voxel winding axon into one unbranched path', () => {
    const box = emptyBox([64, 60, 256]);
    const voxels = drawTube(box, windingAlongX(box, [960, 240], 180, 60), 1);
    expect(voxels).toBeGreaterThan(100_000);
    const s = skeletonizeSegment(box.labels, box.shape, box.resolution, { label: 1 });
    expect(degrees(s)).toEqual({ leaves: 2, branches: 0, roots: 1 });
  });
});

describe('skeletonizeAll', () => {
  it('skeletonizes every large enough segment, keyed by dense index, with progress', () => {
    const box = emptyBox([12, 40, 100]);
    drawTube(box, straight([180, 80, 0], [180, 80, 800], 40), 1);
    drawTube(box, straight([180, 240, 0], [180, 240, 800], 32), 2);
    drawTube(box, straight([180, 160, 400], [180, 160, 420], 8), 3); // a speck
    const calls: [number, number][] = [];
    const all = skeletonizeAll(box.labels, box.shape, box.resolution, {
      minVoxels: 100,
      progress: (done, total) => calls.push([done, total]),
    });
    expect([...all.keys()].sort()).toEqual([1, 2]);
    expect(all.get(2)!.id).toBe(2);
    for (const n of all.get(2)!.nodes) expect(Math.abs(n.y - 244)).toBeLessThanOrEqual(32);
    expect(calls).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
  });

  it('stops with AbortError once the signal is aborted', () => {
    const box = emptyBox([12, 40, 100]);
    drawTube(box, straight([180, 80, 0], [180, 80, 800], 40), 1);
    drawTube(box, straight([180, 240, 0], [180, 240, 800], 32), 2);
    const signal = { aborted: false };
    const run = (): unknown =>
      skeletonizeAll(box.labels, box.shape, box.resolution, {
        signal,
        progress: (done) => {
          if (done === 1) signal.aborted = true;
        },
      });
    expect(run).toThrow(AbortError);
  });
});
