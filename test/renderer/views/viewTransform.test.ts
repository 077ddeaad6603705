import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SliceAxis } from '../../../shared/api/types';
import type { Vec3 } from '../../../shared/volume/types';
import { AXIS_LAYOUT, SLICE_AXES } from '../../../renderer/views/sliceAxes';
import {
  fitZoom,
  imageMatrix,
  makeViewTransform,
  panCenter,
  scaleBar,
  screenToVoxel,
  voxelAt,
  voxelToScreen,
  zoomCenterAbout,
} from '../../../renderer/views/viewTransform';

const RES: Vec3 = [30, 8, 8];
const VIEWPORT = { width: 600, height: 400 };

/** Apply a canvas matrix [a, b, c, d, e, f] to a point. */
const applyMatrix = (m: readonly number[], u: number, v: number): [number, number] => [
  m[0]! * u + m[2]! * v + m[4]!,
  m[1]! * u + m[3]! * v + m[5]!,
];

describe('slice view transform (anisotropic 30 x 8 x 8 nm)', () => {
  it('stretches z in the XZ and YZ views by the voxel size ratio', () => {
    const xz = makeViewTransform('xz', [10, 20, 30], 0.5, RES, VIEWPORT);
    expect(xz.scaleX).toBe(4); // x: 8 nm * 0.5 px/nm
    expect(xz.scaleY).toBe(15); // z: 30 nm * 0.5 px/nm
    const yz = makeViewTransform('yz', [10, 20, 30], 0.5, RES, VIEWPORT);
    expect(yz.scaleX).toBe(15); // YZ shows z across
    expect(yz.scaleY).toBe(4);
  });

  it('puts the centre at the middle of the viewport', () => {
    for (const axis of SLICE_AXES) {
      const t = makeViewTransform(axis, [10.5, 20.5, 30.5], 0.7, RES, VIEWPORT);
      const [x, y] = voxelToScreen(t, [10.5, 20.5, 30.5]);
      expect(x).toBeCloseTo(300);
      expect(y).toBeCloseTo(200);
    }
  });

  it('round-trips screen -> voxel -> screen and keeps the slice coordinate', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<SliceAxis>('xy', 'xz', 'yz'),
        fc.tuple(
          fc.double({ min: 0, max: 100, noNaN: true }),
          fc.double({ min: 0, max: 500, noNaN: true }),
          fc.double({ min: 0, max: 500, noNaN: true }),
        ),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 600, noNaN: true }),
        fc.double({ min: 0, max: 400, noNaN: true }),
        (axis, center, zoom, x, y) => {
          const t = makeViewTransform(axis, center, zoom, RES, VIEWPORT);
          const position: Vec3 = [7, 8, 9];
          const coord = screenToVoxel(t, x, y, position);
          const [sx, sy] = voxelToScreen(t, coord);
          expect(sx).toBeCloseTo(x, 6);
          expect(sy).toBeCloseTo(y, 6);
          const dim = AXIS_LAYOUT[axis].slice;
          expect(voxelAt(t, x, y, position)[dim]).toBe(position[dim]);
        },
      ),
    );
  });

  it('maps every slice image pixel centre onto the screen position of its voxel', () => {
    for (const axis of SLICE_AXES) {
      const t = makeViewTransform(axis, [12.3, 40.7, 55.1], 0.37, RES, VIEWPORT);
      const m = imageMatrix(t);
      const { row: rowDim, col: colDim, slice } = AXIS_LAYOUT[axis];
      for (const [row, col] of [
        [0, 0],
        [3, 17],
        [25, 2],
      ] as const) {
        const voxel = [0, 0, 0];
        voxel[slice] = 5;
        voxel[rowDim] = row + 0.5;
        voxel[colDim] = col + 0.5;
        const expected = voxelToScreen(t, voxel as unknown as Vec3);
        const [x, y] = applyMatrix(m, col + 0.5, row + 0.5);
        expect(x).toBeCloseTo(expected[0], 9);
        expect(y).toBeCloseTo(expected[1], 9);
      }
    }
  });

  it('pans so that the content follows the pointer', () => {
    const t = makeViewTransform('xy', [10, 100, 100], 0.25, RES, VIEWPORT);
    const before = screenToVoxel(t, 100, 100, [10, 0, 0]);
    const center = panCenter(t, [10, 100, 100], 40, -20);
    const after = makeViewTransform('xy', center, 0.25, RES, VIEWPORT);
    const [x, y] = voxelToScreen(after, before);
    expect(x).toBeCloseTo(140);
    expect(y).toBeCloseTo(80);
    expect(center[0]).toBe(10);
  });

  it('zooms about the pointer: the voxel under it stays under it', () => {
    for (const axis of SLICE_AXES) {
      const center: Vec3 = [20, 60, 70];
      const t = makeViewTransform(axis, center, 0.25, RES, VIEWPORT);
      const under = screenToVoxel(t, 450, 120, [20, 60, 70]);
      const next = zoomCenterAbout(t, center, 0.25, 0.8, 450, 120, VIEWPORT);
      const [x, y] = voxelToScreen(makeViewTransform(axis, next, 0.8, RES, VIEWPORT), under);
      expect(x).toBeCloseTo(450, 6);
      expect(y).toBeCloseTo(120, 6);
    }
  });

  it('fits the whole volume in every view', () => {
    const shape: Vec3 = [64, 256, 300];
    const viewports = { xy: VIEWPORT, xz: VIEWPORT, yz: VIEWPORT };
    const zoom = fitZoom(shape, RES, viewports);
    for (const axis of SLICE_AXES) {
      const { screenX, screenY } = AXIS_LAYOUT[axis];
      expect(shape[screenX] * RES[screenX] * zoom).toBeLessThanOrEqual(VIEWPORT.width);
      expect(shape[screenY] * RES[screenY] * zoom).toBeLessThanOrEqual(VIEWPORT.height);
    }
    // The tightest view (XY: 256 * 8 nm tall in 400 px) is nearly filled.
    expect(256 * 8 * zoom).toBeGreaterThan(0.9 * 400);
  });

  it('chooses a 1-2-5 scale bar no longer than asked', () => {
    expect(scaleBar(0.25, 160)).toEqual({ nm: 500, px: 125, label: '500 nm' });
    expect(scaleBar(0.1, 160).label).toBe('1 µm');
    expect(scaleBar(4, 100)).toEqual({ nm: 20, px: 80, label: '20 nm' });
  });
});
