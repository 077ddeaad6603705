import { beforeAll, describe, expect, it } from 'vitest';
import type { SliceAxis } from '../../../shared/api/types';
import { generateDemo, type DemoVolume, type InjectedError } from '../../../shared/demo/generateDemo';
import { memoryReader } from '../../../shared/edit/memoryReader';
import { splitPreview, type SplitPreview } from '../../../shared/edit/split';
import { createEditState } from '../../../shared/edit/state';
import type { Vec3 } from '../../../shared/volume/types';
import { meshPreviewSides } from '../../../renderer/views/previewMeshes';
import { SINK_COLOR, SOURCE_COLOR, tintPreview } from '../../../renderer/views/previewTint';
import { AXIS_LAYOUT, SLICE_AXES } from '../../../renderer/views/sliceAxes';

/** The demo's first fused pair of axons, previewed with the manifest's seeds as the backend does. */
let demo: DemoVolume;
let error: InjectedError;
let preview: SplitPreview;
let sources: Vec3[];
let sinks: Vec3[];

beforeAll(() => {
  demo = generateDemo();
  error = demo.errors.find((e) => e.kind === 'merge')!;
  const reader = memoryReader({
    shape: demo.shape,
    resolution: demo.resolution,
    labels: demo.segmentation,
    image: demo.image,
  });
  const [a, b] = error.groundTruthIds;
  sources = error.seeds.filter((s) => s.gtId === a).map((s) => s.voxel);
  sinks = error.seeds.filter((s) => s.gtId === b).map((s) => s.voxel);
  preview = splitPreview(createEditState(reader), reader, {
    segment: BigInt(error.segmentIds[0]!),
    sources,
    sinks,
  });
});

/** The demo's slice through `v` on `axis` (width x height as the backend sends it), composited grey. */
function sliceThrough(axis: SliceAxis, v: Vec3) {
  const { slice, row, col } = AXIS_LAYOUT[axis];
  const [nz, ny, nx] = demo.shape;
  const height = demo.shape[row];
  const width = demo.shape[col];
  const image = new Uint8Array(width * height);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const p = [0, 0, 0];
      p[slice] = v[slice];
      p[row] = r;
      p[col] = c;
      image[r * width + c] = demo.image[(p[0]! * ny + p[1]!) * nx + p[2]!]!;
    }
  }
  void nz;
  const out = new Uint8ClampedArray(4 * width * height);
  for (let i = 0; i < image.length; i++) out.set([image[i]!, image[i]!, image[i]!, 255], 4 * i);
  return { plane: { axis, index: v[slice], width, height }, image, out, at: v[row] * width + v[col] };
}

/** Whether the pixel leans to `rgb`'s hue: its strongest channel is `rgb`'s strongest. */
function leansTo(out: Uint8ClampedArray, i: number, rgb: number): boolean {
  const px = [out[4 * i]!, out[4 * i + 1]!, out[4 * i + 2]!];
  const target = [(rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255];
  const strongest = (c: number[]) => c.indexOf(Math.max(...c));
  return strongest(px) === strongest(target) && Math.max(...px) - Math.min(...px) > 40;
}

describe('showing a split preview of the demo', () => {
  it('has two sides, each holding its seeds', () => {
    expect(preview.sourceVoxels).toBeGreaterThan(100);
    expect(preview.sinkVoxels).toBeGreaterThan(100);
  });

  it.each(SLICE_AXES.map((a) => [a]))('tints the %s slices through the seeds in the side colours', (axis) => {
    for (const [seeds, colour] of [
      [sources, SOURCE_COLOR],
      [sinks, SINK_COLOR],
    ] as const) {
      for (const seed of seeds) {
        const { plane, image, out, at } = sliceThrough(axis, seed);
        const tinted = tintPreview(out, image, plane, preview);
        expect(tinted).toBeGreaterThan(0);
        expect(leansTo(out, at, colour)).toBe(true);
      }
    }
  });

  it('tints exactly the preview voxels of the slice and leaves the rest grey', () => {
    const seed = sources[0]!;
    const { plane, image, out } = sliceThrough('xy', seed);
    const tinted = tintPreview(out, image, plane, preview);
    const { start, size } = preview.box;
    let expected = 0;
    const z = seed[0] - start[0];
    for (let i = z * size[1] * size[2]; i < (z + 1) * size[1] * size[2]; i++) {
      const side = preview.sides[i];
      if (side === 1 || side === 2) expected++;
    }
    expect(tinted).toBe(expected);
    let grey = 0;
    for (let i = 0; i < image.length; i++)
      if (out[4 * i] === out[4 * i + 1] && out[4 * i + 1] === out[4 * i + 2]) grey++;
    expect(grey).toBe(image.length - tinted);
  });

  it('leaves slices outside the preview box alone', () => {
    const outside: Vec3 = [0, 0, preview.box.start[2] + preview.box.size[2]];
    if (outside[2] >= demo.shape[2]) return;
    const { plane, image, out } = sliceThrough('yz', outside);
    expect(tintPreview(out, image, plane, preview)).toBe(0);
  });

  it('meshes both sides as closed surfaces inside the preview box (nm)', () => {
    const { source, sink } = meshPreviewSides({
      jobId: 1,
      box: preview.box,
      sides: preview.sides,
      resolution: demo.resolution,
    });
    const res = demo.resolution;
    for (const mesh of [source, sink]) {
      expect(mesh.indices.length).toBeGreaterThan(0);
      expect(mesh.indices.length % 3).toBe(0);
      const lo = [Infinity, Infinity, Infinity];
      const hi = [-Infinity, -Infinity, -Infinity];
      for (let i = 0; i < mesh.positions.length; i++) {
        lo[i % 3] = Math.min(lo[i % 3]!, mesh.positions[i]!);
        hi[i % 3] = Math.max(hi[i % 3]!, mesh.positions[i]!);
      }
      for (let axis = 0; axis < 3; axis++) {
        const d = 2 - axis; // xyz vs zyx
        const [start, size, nm] = [preview.box.start[d]!, preview.box.size[d]!, res[d]!];
        expect(lo[axis]).toBeGreaterThanOrEqual((start - 1) * nm);
        expect(hi[axis]).toBeLessThanOrEqual((start + size + 1) * nm);
      }
      // Closed: every edge is shared by exactly two triangles.
      const edges = new Map<string, number>();
      for (let t = 0; t < mesh.indices.length; t += 3) {
        for (let k = 0; k < 3; k++) {
          const a = mesh.indices[t + k]!;
          const b = mesh.indices[t + ((k + 1) % 3)]!;
          const key = a < b ? `${a},${b}` : `${b},${a}`;
          edges.set(key, (edges.get(key) ?? 0) + 1);
        }
      }
      expect([...edges.values()].every((n) => n === 2)).toBe(true);
    }
  });
});
