import type { Page } from 'playwright-core';
import type { DemoVolume } from '../../shared/demo/types';
import type { Vec3 } from '../../shared/volume/types';

/** Wait until the app has its session and has drawn the first slices. */
export async function waitForApp(page: Page): Promise<void> {
  await page.waitForFunction(
    () => window.__axon?.ready === true && window.__axon.firstSlicesDrawnAt !== null,
    undefined,
    { timeout: 90_000 },
  );
  await page.getByTestId('view-3d').waitFor(); // the 3D view loads once the slices are up
}

/**
 * A voxel in slice `z` deep inside a demo axon that no injected error touches (its segment is
 * that axon's alone), and the segment id there: the voxel with the most same-segment neighbours
 * within 3 voxels in the plane, among the axon's skeleton nodes near this slice.
 */
export function cleanAxonVoxel(demo: DemoVolume, z: number): { voxel: Vec3; segment: bigint } {
  const [, ny, nx] = demo.shape;
  const touched = new Set(demo.errors.flatMap((e) => e.groundTruthIds));
  let best: { voxel: Vec3; segment: bigint; score: number } | undefined;
  for (const skeleton of demo.skeletons) {
    for (const node of skeleton.nodes) {
      const voxel: Vec3 = [
        Math.floor(node.z / demo.resolution[0]),
        Math.floor(node.y / demo.resolution[1]),
        Math.floor(node.x / demo.resolution[2]),
      ];
      if (voxel[0] !== z || voxel[1] < 40 || voxel[2] < 40 || voxel[1] > ny - 40 || voxel[2] > nx - 40)
        continue;
      const at = (y: number, x: number) => (z * ny + y) * nx + x;
      const gt = demo.groundTruth[at(voxel[1], voxel[2])]!;
      if (touched.has(gt.toString()) || !demo.axonIds.includes(gt)) continue;
      const segment = demo.segmentation[at(voxel[1], voxel[2])]!;
      let score = 0;
      for (let dy = -3; dy <= 3; dy++)
        for (let dx = -3; dx <= 3; dx++)
          if (demo.segmentation[at(voxel[1] + dy, voxel[2] + dx)] === segment) score++;
      if (segment !== 0n && (!best || score > best.score)) best = { voxel, segment, score };
    }
  }
  if (!best) throw new Error(`no clean axon crosses slice z=${z} of the demo`);
  return best;
}

/** Where voxel `v` (its centre) is on screen in the XY view, from the view's documented mapping. */
export async function xyScreenPoint(page: Page, v: Vec3): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId('slice-view-xy').boundingBox();
  if (!box) throw new Error('the XY view is not on screen');
  const { center, view, session } = await page.evaluate(() => window.__axon!.getState());
  const res = session!.resolution;
  return {
    x: box.x + box.width / 2 + (v[2] + 0.5 - center[2]) * res[2] * view.zoom,
    y: box.y + box.height / 2 + (v[1] + 0.5 - center[1]) * res[1] * view.zoom,
  };
}

/**
 * Pixels of a PNG whose hue is within 12 degrees of `rgb`'s hue and that are not grey: the
 * mesh is shaded, so brightness varies but its hue stays the segment's. The browser in `page`
 * decodes the PNG.
 */
export async function countNearColorIn(page: Page, png: Buffer, rgb: number): Promise<number> {
  return page.evaluate(
    async ([b64, colour]) => {
      const image = new Image();
      image.src = `data:image/png;base64,${b64}`;
      await image.decode();
      const canvas = new OffscreenCanvas(image.width, image.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      const data = ctx.getImageData(0, 0, image.width, image.height).data;
      const hue = (r: number, g: number, b: number): [number, number] => {
        const max = Math.max(r, g, b);
        const min = Math.min(r, g, b);
        const d = max - min;
        if (d === 0) return [0, 0];
        const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
        return [(h * 60 + 360) % 360, d / max];
      };
      const [target] = hue((colour >> 16) & 255, (colour >> 8) & 255, colour & 255);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [h, s] = hue(data[i]!, data[i + 1]!, data[i + 2]!);
        const diff = Math.min(Math.abs(h - target), 360 - Math.abs(h - target));
        if (s > 0.25 && data[i]! + data[i + 1]! + data[i + 2]! > 60 && diff < 12) n++;
      }
      return n;
    },
    [png.toString('base64'), rgb] as const,
  );
}
