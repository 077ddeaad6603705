/**
 * `axon-proofreader metrics` on the demo volume (64x256x256, written once for this file): the CLI,
 * reading block by block, must agree with shared/metrics run on the whole arrays, score a
 * segmentation against itself as perfect, and give the ground truth an ERL of 1.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli/main';
import { openVolume } from '../../../electron/io/openVolume';
import { loadSkeletons } from '../../../electron/io/skeletonFiles';
import { writeDemoFiles, type DemoFiles } from '../../../electron/services/demoFiles';
import { buildContingency } from '../../../shared/metrics/contingency';
import { denseVolumeLookup, expectedRunLength, type ErlResult } from '../../../shared/metrics/erl';
import { computeRand } from '../../../shared/metrics/rand';
import { computeVoi } from '../../../shared/metrics/voi';
import type { LabelArray, Vec3 } from '../../../shared/volume/types';

type Json = Record<string, unknown>;

/** The real CLI process, --json. */
function cliJson(args: readonly string[]): Promise<Json> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/axon-proofreader.mjs', 'metrics', ...args, '--json']);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && stderr === '') resolve(JSON.parse(stdout) as Json);
      else reject(new Error(`exit ${code}: ${stderr}`));
    });
  });
}

/** The same entry point in this process (a CLI process costs seconds of start-up). */
async function mainJson(args: readonly string[]): Promise<Json> {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  try {
    expect(await main(['metrics', ...args, '--json'])).toBe(0);
  } finally {
    log.mockRestore();
  }
  return JSON.parse(out.join('\n')) as Json;
}

async function readWhole(spec: string): Promise<{ data: LabelArray; shape: Vec3; resolution: Vec3 }> {
  const source = await openVolume(spec, 'labels');
  try {
    const { shape, resolution } = source.info;
    const data = (await source.read({ start: [0, 0, 0], size: shape })) as LabelArray;
    return { data, shape, resolution };
  } finally {
    source.close();
  }
}

let dir = '';
let files: DemoFiles;
let whole: { voi: ReturnType<typeof computeVoi>; rand: ReturnType<typeof computeRand>; erl: ErlResult };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'metrics-demo-'));
  files = await writeDemoFiles(dir);
  const seg = await readWhole(files.segmentation);
  const gt = await readWhole(files.groundTruth);
  const c = buildContingency(gt.data, seg.data);
  const skeletons = (await loadSkeletons(files.skeletons)).map((s) => ({ id: s.id, nodes: s.nodes.slice() }));
  const erl = expectedRunLength(skeletons, denseVolumeLookup(seg), { resolution: gt.resolution });
  whole = { voi: computeVoi(c), rand: computeRand(c), erl };
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('metrics on the demo volume', () => {
  it('segmentation vs ground truth equals the whole-array metrics, ERL included', async () => {
    const out = await cliJson([
      '--seg',
      files.segmentation,
      '--gt',
      files.groundTruth,
      '--skeletons',
      files.skeletons,
    ]);
    expect(out.resolution).toEqual([30, 8, 8]);
    expect(out.blocks).toBeGreaterThan(1);
    for (const key of ['voi_split', 'voi_merge'] as const) expect(out[key]).toBeCloseTo(whole.voi[key], 12);
    for (const key of ['rand_split', 'rand_merge', 'adapted_rand_error'] as const) {
      expect(out[key]).toBeCloseTo(whole.rand[key], 12);
    }
    expect(out.erl).toBeCloseTo(whole.erl.erl, 9);
    expect(out.gt_erl).toBeCloseTo(whole.erl.gt_erl, 9);
    expect(out.nerl).toBeCloseTo(whole.erl.nerl, 12);
    // The demo's segmentation has injected splits and merges.
    expect(out.voi_split).toBeGreaterThan(0);
    expect(out.voi_merge).toBeGreaterThan(0);
    expect(out.nerl).toBeLessThan(1);
    expect(out.nerl).toBeGreaterThan(0);
  });

  it('segmentation vs itself is perfect', async () => {
    const out = await mainJson(['--seg', files.segmentation, '--gt', files.segmentation]);
    expect(out.voi_split).toBe(0);
    expect(out.voi_merge).toBe(0);
    expect(out.adapted_rand_error).toBe(0);
  });

  it('ground truth scored against its own skeletons has NERL 1', async () => {
    const out = await mainJson([
      '--seg',
      files.groundTruth,
      '--gt',
      files.groundTruth,
      '--skeletons',
      files.skeletons,
    ]);
    expect(out.nerl).toBeCloseTo(1, 12);
    expect(out.erl).toBeCloseTo(out.gt_erl as number, 9);
    expect(out.skeletons).toBeGreaterThan(1);
  });
});
