import type { Page } from 'playwright-core';
import { decodeEnvelope } from '../../shared/api/codec';
import type { SliceAxis, SliceData } from '../../shared/api/types';
import type { Vec3 } from '../../shared/volume/types';
import type { AxonTestHandle } from '../../renderer/testHooks';
import { callApi, type RunningApp } from './harness';

export type AxonState = ReturnType<AxonTestHandle['getState']>;

/** Which volume dimension (zyx) runs across / down each slice view (renderer/views/sliceAxes). */
const SCREEN_DIMS: Record<SliceAxis, { x: 0 | 1 | 2; y: 0 | 1 | 2; slice: 0 | 1 | 2 }> = {
  xy: { x: 2, y: 1, slice: 0 },
  xz: { x: 2, y: 0, slice: 1 },
  yz: { x: 0, y: 1, slice: 2 },
};

export const axonState = (page: Page): Promise<AxonState> => page.evaluate(() => window.__axon!.getState());

/** Wait until `predicate` holds for the app state (it runs in the page, so it takes one argument). */
export async function waitForState<A>(
  page: Page,
  predicate: (arg: A) => boolean,
  arg: A,
  timeout = 60_000,
): Promise<void> {
  await page.waitForFunction(predicate as (arg: unknown) => boolean, arg as unknown, { timeout });
}

async function canvasBox(page: Page, axis: SliceAxis) {
  const box = await page.getByTestId(`slice-view-${axis}`).boundingBox();
  if (!box) throw new Error(`the ${axis} view is not on screen`);
  return box;
}

/** Screen position of voxel `v`'s centre in a slice view: centre + ((v + 0.5) - center) * res * zoom. */
export async function screenPoint(page: Page, axis: SliceAxis, v: Vec3): Promise<{ x: number; y: number }> {
  const box = await canvasBox(page, axis);
  const { center, view, session } = await axonState(page);
  const res = session!.resolution;
  const { x, y } = SCREEN_DIMS[axis];
  return {
    x: box.x + box.width / 2 + (v[x] + 0.5 - center[x]) * res[x] * view.zoom,
    y: box.y + box.height / 2 + (v[y] + 0.5 - center[y]) * res[y] * view.zoom,
  };
}

/** Zoom the slice views (Ctrl + wheel over `axis`'s view) until the zoom reaches `zoom` px/nm. */
export async function zoomTo(page: Page, axis: SliceAxis, zoom: number): Promise<void> {
  const box = await canvasBox(page, axis);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 40 && (await axonState(page)).view.zoom < zoom; i++) {
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
  }
}

/** Page `axis`'s view to slice `index` with the keyboard (PageDown/PageUp, Shift for 10). */
export async function goToSlice(page: Page, axis: SliceAxis, index: number): Promise<void> {
  const box = await canvasBox(page, axis);
  await page.mouse.move(box.x + 8, box.y + box.height - 8); // the keys act on the view under the pointer
  const dim = SCREEN_DIMS[axis].slice;
  const delta = index - (await axonState(page)).view.position[dim];
  const key = delta > 0 ? 'PageDown' : 'PageUp';
  for (let i = 0; i < Math.floor(Math.abs(delta) / 10); i++) await page.keyboard.press(`Shift+${key}`);
  for (let i = 0; i < Math.abs(delta) % 10; i++) await page.keyboard.press(key);
  await waitForState(page, ([d, i]) => window.__axon!.getState().view.position[d] === i, [
    dim,
    index,
  ] as const);
}

/** Pan `axis`'s view by dragging (right button, which pans in every tool) until `v` is well inside it. */
export async function bringIntoView(page: Page, axis: SliceAxis, v: Vec3, margin = 70): Promise<void> {
  const box = await canvasBox(page, axis);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  for (let attempt = 0; attempt < 10; attempt++) {
    const p = await screenPoint(page, axis, v);
    const inside =
      p.x > box.x + margin &&
      p.x < box.x + box.width - margin &&
      p.y > box.y + margin &&
      p.y < box.y + box.height - margin;
    if (inside) return;
    // Drag the content from towards v to the centre, both ends inside the canvas.
    const reach = Math.min(box.width, box.height) / 2 - 10;
    const dx = Math.max(-reach, Math.min(reach, p.x - cx));
    const dy = Math.max(-reach, Math.min(reach, p.y - cy));
    await page.mouse.move(cx + dx, cy + dy);
    await page.mouse.down({ button: 'right' });
    await page.mouse.move(cx, cy, { steps: 4 });
    await page.mouse.up({ button: 'right' });
  }
  throw new Error(`could not bring voxel ${v.join(',')} into the ${axis} view`);
}

/**
 * Show voxel `v` in the XY view and put the pointer on it; resolves once the status bar knows the
 * segment there (its slice has arrived), with that segment id.
 */
export async function pointAt(page: Page, v: Vec3): Promise<{ x: number; y: number; id: string }> {
  await goToSlice(page, 'xy', v[0]);
  await bringIntoView(page, 'xy', v);
  const p = await screenPoint(page, 'xy', v);
  await page.mouse.move(p.x, p.y);
  await waitForState(
    page,
    (key) => {
      const h = window.__axon!.getState().hover;
      return h !== null && h.voxel.join(',') === key && h.id !== null;
    },
    v.join(','),
  );
  const hover = (await axonState(page)).hover!;
  return { ...p, id: String(hover.id) };
}

/** Call the API as the page does and decode the binary envelope it answers with. */
export async function api<T>(app: RunningApp, method: string, request: unknown = {}): Promise<T> {
  const res = await callApi(app, method, request);
  if (!res.ok) throw new Error(`${method} failed: ${res.status} ${await res.text()}`);
  return decodeEnvelope(new Uint8Array(await res.arrayBuffer())) as T;
}

/** The corrected segmentation as the backend serves it, read slice by slice (XY), zyx C-order. */
export async function readSegmentation(app: RunningApp, shape: Vec3): Promise<BigUint64Array> {
  const out = new BigUint64Array(shape[0] * shape[1] * shape[2]);
  for (let z = 0; z < shape[0]; z++) {
    const slice = await api<SliceData>(app, 'getSlice', { axis: 'xy', index: z });
    out.set(slice.labels, z * shape[1] * shape[2]);
  }
  return out;
}

/** For each GT id: the segment holding most of its voxels, and that share. */
export function dominantSegments(
  groundTruth: BigUint64Array,
  segmentation: BigUint64Array,
  gtIds: readonly bigint[],
): Map<bigint, { segment: bigint; share: number }> {
  const counts = new Map(gtIds.map((g) => [g, new Map<bigint, number>()]));
  for (let i = 0; i < groundTruth.length; i++) {
    const perSegment = counts.get(groundTruth[i]!);
    if (perSegment) perSegment.set(segmentation[i]!, (perSegment.get(segmentation[i]!) ?? 0) + 1);
  }
  const result = new Map<bigint, { segment: bigint; share: number }>();
  for (const [g, perSegment] of counts) {
    let total = 0;
    let best: [bigint, number] = [0n, 0];
    for (const [segment, n] of perSegment) {
      total += n;
      if (n > best[1]) best = [segment, n];
    }
    result.set(g, { segment: best[0], share: total === 0 ? 0 : best[1] / total });
  }
  return result;
}
