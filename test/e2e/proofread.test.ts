import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditLogPage, SegmentSummary, SplitPreviewData } from '../../shared/api/types';
import { generateDemo } from '../../shared/demo/generateDemo';
import type { DemoVolume, InjectedError } from '../../shared/demo/types';
import type { Vec3 } from '../../shared/volume/types';
import { waitForApp } from './foundationKit';
import { launchBrowser, screenshot, startApp, type RunningApp } from './harness';
import {
  api,
  axonState,
  dominantSegments,
  pointAt,
  readSegmentation,
  waitForState,
  zoomTo,
} from './proofreadKit';
import { bestPreviewSlice, checkPreview } from './proofreadSeeds';

/** Share of each fixed GT axon's voxels that must lie in one segment (and apart from its partner). */
const MIN_SHARE = 0.95;

/**
 * Issue 3 end to end: the injected errors of the demo are fixed through the UI alone (split tool
 * with preview for merges, Shift+click merges for splits and fragments), undo and redo go back
 * and forth by keyboard, and the backend's corrected segmentation then holds each GT axon in one
 * segment of its own.
 */
describe('proofreading the demo in browser mode', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let demo: DemoVolume;
  const pageErrors: string[] = [];
  /** API methods the page called, in order. */
  const calls: string[] = [];

  beforeAll(async () => {
    demo = generateDemo();
    // A home of its own: the edits must start from the unedited demo project.
    const home = mkdtempSync(join(tmpdir(), 'axon-proofread-e2e-'));
    app = await startApp([], { AXON_PROOFREADER_HOME: home });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/api/')) calls.push(path.slice('/api/'.length));
    });
    await page.goto(app.url);
    await waitForApp(page);
    await zoomTo(page, 'xy', 0.4); // about 3 px per voxel in XY
    await page.keyboard.press('s'); // no slice planes in 3D: the meshes show better
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** Select only the segment at `v` (Esc clears, double-click selects). */
  async function selectAt(v: Vec3): Promise<string> {
    // Esc leaves a tool first, then clears the selection.
    for (let i = 0; i < 3; i++) {
      const s = await axonState(page);
      if (s.tool === 'navigate' && s.selection.length === 0) break;
      await page.keyboard.press('Escape');
    }
    const { x, y, id } = await pointAt(page, v);
    await page.mouse.dblclick(x, y);
    await waitForState(page, (want) => window.__axon!.getState().selection.join() === want, id);
    return id;
  }

  /** Click a split seed at `v` (Shift: a sink) and wait for the tool to hold it. */
  async function placeSeed(v: Vec3, sink: boolean): Promise<void> {
    const { x, y } = await pointAt(page, v);
    const before = (await axonState(page)).splitSeeds;
    const count = before.sources.length + before.sinks.length;
    if (sink) await page.keyboard.down('Shift');
    await page.mouse.click(x, y);
    if (sink) await page.keyboard.up('Shift');
    try {
      await waitForState(
        page,
        (n) => {
          const s = window.__axon!.getState().splitSeeds;
          return s.sources.length + s.sinks.length === n;
        },
        count + 1,
        15_000,
      );
    } catch (error) {
      const s = await axonState(page);
      throw new Error(`seed at ${v.join(',')} not placed: hint ${s.hint}, hover ${JSON.stringify(s.hover)}`, {
        cause: error,
      });
    }
  }

  async function previewReady(): Promise<void> {
    await waitForState(
      page,
      () => {
        const s = window.__axon!.getState();
        return s.previewStatus === 'ready' && s.preview !== null && s.preview.meshed;
      },
      undefined,
      90_000,
    );
  }

  async function fixMerge(error: InjectedError, screenshotName?: string): Promise<void> {
    const segment = BigInt(error.segmentIds[0]!);
    const [a, b] = error.groundTruthIds.map(BigInt) as [bigint, bigint];
    expect(await selectAt(error.voxel)).toBe(segment.toString());
    await page.keyboard.press('x');
    await waitForState(page, () => window.__axon!.getState().tool === 'split', undefined);
    // The manifest's seeds, clicked in the slices.
    const sources = error.seeds.filter((s) => BigInt(s.gtId) === a).map((s) => s.voxel);
    const sinks = error.seeds.filter((s) => BigInt(s.gtId) === b).map((s) => s.voxel);
    for (const v of sources) await placeSeed(v, false);
    for (const v of sinks) await placeSeed(v, true);
    await previewReady();
    // The preview the annotator sees already separates the axons.
    const { splitSeeds } = await axonState(page);
    expect(splitSeeds.sources).toHaveLength(sources.length);
    expect(splitSeeds.sinks).toHaveLength(sinks.length);
    const shown = await api<SplitPreviewData>(app, 'splitPreview', {
      segment: segment.toString(),
      sources: splitSeeds.sources,
      sinks: splitSeeds.sinks,
    });
    const check = checkPreview(demo, shown, a, b);
    expect(Math.min(...check.accuracy), error.description).toBeGreaterThanOrEqual(0.95);
    const state = await axonState(page);
    expect(state.preview!.segment).toBe(segment.toString());
    expect(state.preview!.sourceVoxels).toBeGreaterThan(0);
    expect(state.preview!.sinkVoxels).toBeGreaterThan(0);
    if (screenshotName) {
      // Show the slice where both sides meet best, and frame the preview in 3D.
      const { splitSeeds } = state;
      const final = await api<SplitPreviewData>(app, 'splitPreview', {
        segment: segment.toString(),
        sources: splitSeeds.sources,
        sinks: splitSeeds.sinks,
      });
      await pointAt(page, bestPreviewSlice(final));
      await page.keyboard.press('f');
      await page.waitForTimeout(300); // a frame or two for the 3D view
      await screenshot(page, screenshotName);
    }
    const seq = state.editSeq;
    await page.keyboard.press('Enter');
    await waitForState(
      page,
      (n) => {
        const s = window.__axon!.getState();
        return s.editSeq > n && s.tool === 'navigate' && s.lastOutcome?.kind === 'split';
      },
      seq,
    );
  }

  /** Select the piece at `pieces[0]` and Shift+click the others into it. */
  async function mergePieces(pieces: readonly Vec3[]): Promise<void> {
    const target = await selectAt(pieces[0]!);
    for (const v of pieces.slice(1)) {
      const { x, y, id } = await pointAt(page, v);
      if (id === target) continue;
      const seq = (await axonState(page)).editSeq;
      await page.keyboard.down('Shift');
      await page.mouse.click(x, y);
      await page.keyboard.up('Shift');
      await waitForState(
        page,
        ([n, source]) => {
          const s = window.__axon!.getState();
          return s.editSeq > n && s.lastOutcome?.kind === 'merge' && s.lastOutcome.removed.includes(source);
        },
        [seq, id] as const,
      );
      // The slices show the merged labels at once: the voxel now reads as the target.
      await waitForState(page, (want) => window.__axon!.getState().hover?.id === want, target);
    }
  }

  it('splits each fused pair of axons with the split tool and its preview', async () => {
    const merges = demo.errors.filter((e) => e.kind === 'merge');
    expect(merges.length).toBeGreaterThan(0);
    for (const [k, error] of merges.entries())
      await fixMerge(error, k === 0 ? 'proofread-split-preview' : undefined);
    await waitForState(
      page,
      (n) => window.__axon!.getState().history?.entries.filter((e) => e.kind === 'split').length === n,
      merges.length,
    );
    const state = await axonState(page);
    expect(state.errors).toEqual([]);
    // The new piece joined the selection and both meshes are drawn in 3D.
    expect(state.selection).toHaveLength(2);
    await page.waitForFunction(() => window.__axon!.meshesShown >= 2, undefined, { timeout: 60_000 });
    // Picking the split tool warmed the backend's split workers up, once in the session, before
    // the first preview was asked for.
    expect(calls.filter((c) => c === 'prepareSplit')).toHaveLength(1);
    expect(calls.indexOf('prepareSplit')).toBeLessThan(calls.indexOf('splitPreview'));
  }, 600_000);

  it('merges the pieces of each split axon and each fragment with Shift+click', async () => {
    for (const error of demo.errors.filter((e) => e.kind === 'split'))
      await mergePieces(error.seeds.map((s) => s.voxel));
    // A fragment's seeds are the fragment, then its host: select the host, merge the fragment in.
    for (const error of demo.errors.filter((e) => e.kind === 'fragment'))
      await mergePieces(error.seeds.map((s) => s.voxel).reverse());
    const state = await axonState(page);
    expect(state.errors).toEqual([]);
    expect(state.canUndo).toBe(true);
  }, 600_000);

  it('undoes and redoes the last edit with the keyboard', async () => {
    const last = demo.errors.filter((e) => e.kind === 'fragment').at(-1)!;
    const fragment = last.seeds[0]!;
    // The history reloads just after each edit: wait until it lists the last one.
    await waitForState(
      page,
      () => {
        const s = window.__axon!.getState();
        return s.lastOutcome !== null && s.history?.entries[0]?.seq === s.lastOutcome.seq;
      },
      undefined,
    );
    const lastSeq = (await axonState(page)).lastOutcome!.seq;
    const at = async () =>
      (await api<SegmentSummary | null>(app, 'segmentAt', { voxel: fragment.voxel }))?.id.toString();
    const merged = await at();
    expect(merged).not.toBe(fragment.segmentId);

    await page.keyboard.press('Control+z');
    await waitForState(
      page,
      (seq) => {
        const s = window.__axon!.getState();
        return s.canRedo && s.history?.entries[0]?.seq === seq && s.history.entries[0].undone;
      },
      lastSeq,
    );
    expect(await at()).toBe(fragment.segmentId);
    expect((await axonState(page)).lastOutcome?.action).toBe('undo');

    await page.keyboard.press('Control+Shift+Z');
    await waitForState(
      page,
      (seq) => {
        const s = window.__axon!.getState();
        return !s.canRedo && s.history?.entries[0]?.seq === seq && !s.history.entries[0].undone;
      },
      lastSeq,
    );
    expect(await at()).toBe(merged);
    expect((await axonState(page)).lastOutcome?.action).toBe('redo');
    await page.getByTestId('tab-history').click();
    await expect(page.getByTestId(`history-${lastSeq}`).getAttribute('data-undone')).resolves.toBe('false');

    // Clicking an edit in the history goes to where it happened: the oldest (a split), then the last.
    const log = await api<EditLogPage>(app, 'listEdits', { offset: 0, limit: 100 });
    const first = log.entries.at(-1)!;
    const newest = log.entries[0]!;
    expect(newest.seq).toBe(lastSeq);
    expect(first.kind).toBe('split');
    expect(first.voxel).not.toEqual(newest.voxel);
    for (const entry of [first, newest]) {
      await page.getByTestId(`history-${entry.seq}`).click();
      await waitForState(
        page,
        (want) => window.__axon!.getState().view.position.join() === want,
        entry.voxel.join(),
      );
      const there = await api<SegmentSummary | null>(app, 'segmentAt', { voxel: entry.voxel });
      expect(entry.segmentsAfter.map(String)).toContain(there?.id.toString());
    }
  }, 120_000);

  it('leaves each fixed GT axon mostly in one segment of its own', async () => {
    const segmentation = await readSegmentation(app, demo.shape);
    const fixed = demo.errors.filter((e) => e.kind !== 'fragment');
    const gtIds = [...new Set(fixed.flatMap((e) => e.groundTruthIds.map(BigInt)))];
    const dominant = dominantSegments(demo.groundTruth, segmentation, gtIds);
    for (const error of fixed) {
      const shares = error.groundTruthIds.map((g) => dominant.get(BigInt(g))!);
      console.log(
        `${error.description}: ${shares.map((s) => `${(100 * s.share).toFixed(1)} %`).join(' / ')}`,
      );
      for (const s of shares) expect(s.share).toBeGreaterThanOrEqual(MIN_SHARE);
      if (error.kind === 'merge') expect(shares[0]!.segment).not.toBe(shares[1]!.segment);
    }
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('shows the fixed axons, one segment each, in 2D and 3D', async () => {
    await selectAt(demo.errors[0]!.voxel);
    // Double-click adds each fixed axon's segment to the selection.
    for (const error of demo.errors.filter((e) => e.kind !== 'fragment')) {
      const seeds = error.kind === 'merge' ? error.seeds : error.seeds.slice(0, 1);
      for (const seed of seeds) {
        const { x, y, id } = await pointAt(page, seed.voxel);
        if ((await axonState(page)).selection.includes(id)) continue;
        await page.mouse.dblclick(x, y);
        await waitForState(page, (want) => window.__axon!.getState().selection.includes(want), id);
      }
    }
    const { selection } = await axonState(page);
    const count = (kind: string) => demo.errors.filter((e) => e.kind === kind).length;
    expect(selection).toHaveLength(2 * count('merge') + count('split'));
    await page.waitForFunction((n) => window.__axon!.meshesShown >= n, selection.length, {
      timeout: 240_000,
    });
    await page.keyboard.press('f');
    await page.waitForTimeout(300); // a frame or two for the 3D view
    await screenshot(page, 'proofread-fixed');
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('undoes all edits from the history panel in one step and redoes them all', async () => {
    const fixed = await readSegmentation(app, demo.shape);
    await page.getByTestId('tab-history').click();
    const applied = (await axonState(page)).history!.applied;
    expect(applied).toBeGreaterThan(10);
    await page.getByTestId('undo-all').click();
    await waitForState(
      page,
      () => {
        const s = window.__axon!.getState();
        return !s.canUndo && s.history?.applied === 0 && s.lastOutcome?.action === 'undo';
      },
      undefined,
    );
    expect((await axonState(page)).lastOutcome).toMatchObject({ seq: 1 });
    const undone = await readSegmentation(app, demo.shape);
    expect(Buffer.compare(Buffer.from(undone.buffer), Buffer.from(demo.segmentation.buffer))).toBe(0);
    // The slices show the original labels again: a fused pair reads as one segment.
    const fused = demo.errors.find((e) => e.kind === 'merge')!;
    const { id } = await pointAt(page, fused.seeds.at(-1)!.voxel);
    expect(id).toBe(fused.segmentIds[0]);
    await screenshot(page, 'proofread-undo-all');

    await page.getByTestId('redo-all').click();
    await waitForState(
      page,
      (n) => {
        const s = window.__axon!.getState();
        return !s.canRedo && s.history?.applied === n;
      },
      applied,
    );
    const redone = await readSegmentation(app, demo.shape);
    expect(Buffer.compare(Buffer.from(redone.buffer), Buffer.from(fixed.buffer))).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
