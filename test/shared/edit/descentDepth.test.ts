import { describe, expect, it } from 'vitest';
import { OUTSIDE_DEPTH, descentDepth } from '../../../shared/edit/descentDepth';
import { maskRuns, paddedGrid } from '../../../shared/edit/padding';
import type { Vec3 } from '../../../shared/volume/types';
import { rng } from './syntheticVolumes';

/**
 * The smoothing spelled out: along x within each run of the mask (beyond a run's ends the
 * outside, 255), then along y and z over the previous pass (outside the mask or the box: the
 * outside depth), each pass rounded.
 */
function slowDepth(size: Vec3, mask: Uint8Array, cost: Uint8Array, planar: boolean): Map<number, number> {
  const [sz, sy, sx] = size;
  const w = planar ? [1, 4, 6, 4, 1] : [1, 2, 3, 4, 3, 2, 1];
  const reach = (w.length - 1) / 2;
  const shift = 4;
  const at = (z: number, y: number, x: number): number => (z * sy + y) * sx + x;
  const inside = (z: number, y: number, x: number): boolean =>
    z >= 0 && y >= 0 && x >= 0 && z < sz && y < sy && x < sx && mask[at(z, y, x)] === 1;
  let pass = new Map<number, number>();
  for (let z = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++) {
        if (!inside(z, y, x)) continue;
        let s = 0;
        for (let t = -reach; t <= reach; t++) {
          // Still in this voxel's run: every voxel between it and x + t is in the mask.
          let run = true;
          for (let u = Math.min(0, t); u <= Math.max(0, t); u++) run &&= inside(z, y, x + u);
          s += w[t + reach]! * (run ? cost[at(z, y, x + t)]! : 255);
        }
        pass.set(at(z, y, x), (s * 64 + 8) >> shift);
      }
    }
  }
  const axes: Vec3[] = planar
    ? [[0, 1, 0]]
    : [
        [0, 1, 0],
        [1, 0, 0],
      ];
  for (const [dz, dy] of axes) {
    const next = new Map<number, number>();
    for (const i of pass.keys()) {
      const x = i % sx;
      const y = Math.floor(i / sx) % sy;
      const z = Math.floor(i / (sx * sy));
      let s = 0;
      for (let t = -reach; t <= reach; t++) {
        const [zz, yy] = [z + t * dz, y + t * dy];
        s += w[t + reach]! * (inside(zz, yy, x) ? pass.get(at(zz, yy, x))! : OUTSIDE_DEPTH);
      }
      next.set(i, (s + 8) >> shift);
    }
    pass = next;
  }
  return pass;
}

describe('the depth that descent runs on', () => {
  it.each([
    ['in 3D', false],
    ['in-slice', true],
  ] as const)('is the cost smoothed within the mask, with the outside as a wall (%s)', (_, planar) => {
    const shape: Vec3 = [7, 9, 13];
    const random = rng(31);
    const mask = new Uint8Array(7 * 9 * 13).map(() => (random() < 0.8 ? 1 : 0));
    const cost = new Uint8Array(mask.length).map(() => Math.floor(random() * 256));
    const grid = paddedGrid(shape);
    const depth = descentDepth(
      grid,
      maskRuns(shape, mask),
      cost,
      planar ? 'planar' : 'volume',
      new Uint16Array(grid.length),
      new Uint16Array(grid.length),
    );
    const expected = slowDepth(shape, mask, cost, planar);
    for (let i = 0; i < mask.length; i++) {
      expect(depth[grid.toPadded(i)]).toBe(mask[i] === 1 ? expected.get(i) : OUTSIDE_DEPTH);
    }
  });

  it('is the cost itself (x 64) unsmoothed', () => {
    const shape: Vec3 = [3, 4, 5];
    const random = rng(32);
    const mask = new Uint8Array(60).map(() => (random() < 0.7 ? 1 : 0));
    const cost = new Uint8Array(60).map(() => Math.floor(random() * 256));
    const grid = paddedGrid(shape);
    const spare = new Uint16Array(grid.length);
    const depth = descentDepth(
      grid,
      maskRuns(shape, mask),
      cost,
      'none',
      new Uint16Array(grid.length),
      spare,
    );
    for (let i = 0; i < 60; i++)
      expect(depth[grid.toPadded(i)]).toBe(mask[i] === 1 ? 64 * cost[i]! : OUTSIDE_DEPTH);
  });
});
