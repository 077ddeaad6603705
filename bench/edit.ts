/**
 * Proofreading edit benchmark, through the backend's services on real files and a real project
 * (SQLite, WAL, synchronous=FULL: every action is on disk before it returns):
 * - merge of two 1 Mvoxel segments (a synthetic 64 x 128 x 256 volume split in two halves): the
 *   edit handler's main-thread ms, durable write included (better-sqlite3 is synchronous, so the
 *   fsync blocks the main thread too), its CPU ms, and the edit model's apply alone;
 * - split preview of the demo's first fused axon pair with its manifest seeds: the API handler
 *   (reads, the worker, transfers) and the edit model alone in this thread;
 * - 10,000 small paint edits, then "undo all" and "redo all" as the app and the CLI do them (one
 *   transaction each, through the API handler), and for comparison one action at a time; the
 *   project file's size after.
 * Prints one JSON object on stdout.
 *
 *   node --import tsx bench/edit.ts
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../shared/demo/generateDemo';
import { applyCommand } from '../shared/edit/commands';
import { memoryReader } from '../shared/edit/memoryReader';
import { splitPreview } from '../shared/edit/split';
import { createEditState, findSegmentBox } from '../shared/edit/state';
import type { EditCommand } from '../shared/edit/types';
import type { InjectedError } from '../shared/demo/types';
import type { Vec3 } from '../shared/volume/types';
import { writeHdf5Volume } from '../electron/io/hdf5Writer';
import { Backend } from '../electron/services/backend';
import { writeDemoFiles } from '../electron/services/demoFiles';
import { blockReader } from '../electron/services/edits/blockReader';
import { log, printResult } from './lib/output';
import { median, round } from './lib/stats';
import { under } from './lib/target';

const EDITS = Number(process.env.EDIT_BENCH_EDITS ?? 10_000);

async function open(image: string, segmentation: string, project: string): Promise<Backend> {
  const backend = new Backend();
  await backend.open({ image, segmentation, project });
  return backend;
}

/** Two 1 Mvoxel segments side by side (x < 128: id 1, else id 2) on a flat image. */
async function twoHalves(dir: string): Promise<{ image: string; segmentation: string }> {
  const shape: Vec3 = [64, 128, 256];
  const labels = new BigUint64Array(shape[0] * shape[1] * shape[2]);
  for (let i = 0; i < labels.length; i++) labels[i] = i % 256 < 128 ? 1n : 2n;
  const image = new Uint8Array(labels.length).fill(200);
  const options = { resolution: [30, 8, 8] as Vec3, chunks: [8, 64, 64] as Vec3 };
  await writeHdf5Volume(join(dir, 'halves-image.h5'), 'raw', { shape, data: image }, options);
  await writeHdf5Volume(join(dir, 'halves-seg.h5'), 'stack', { shape, data: labels }, options);
  return {
    image: `${join(dir, 'halves-image.h5')}:raw`,
    segmentation: `${join(dir, 'halves-seg.h5')}:stack`,
  };
}

async function mergeBench(
  dir: string,
): Promise<{ ms: number; cpuMs: number; modelMs: number; voxels: number[] }> {
  const files = await twoHalves(dir);
  const backend = await open(files.image, files.segmentation, join(dir, 'halves.axonproj'));
  try {
    const edits = backend.current.edits;
    const voxels = [1n, 2n].map((id) => backend.current.index.get(id)!.voxels);
    const command: EditCommand = { kind: 'merge', target: 1n, source: 2n };
    const times: number[] = [];
    const cpu: number[] = [];
    const model: number[] = [];
    for (let run = 0; run < 7; run++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await edits.edit(command);
      const c = process.cpuUsage(c0);
      times.push(performance.now() - t0);
      cpu.push((c.user + c.system) / 1000);
      await edits.undo();
      // The edit model alone (no reads, no log), on the same state.
      const reader = blockReader(base(backend), []);
      const t1 = performance.now();
      applyCommand(edits.state, reader, command);
      model.push(performance.now() - t1);
    }
    return { ms: median(times), cpuMs: median(cpu), modelMs: median(model), voxels };
  } finally {
    await backend.close();
  }
}

function base(backend: Backend) {
  const { segmentation, index, resolution } = backend.current;
  return {
    shape: segmentation.info.shape,
    resolution,
    maxId: index.baseMaxId,
    hasId: (id: bigint) => index.hasBaseId(id),
  };
}

interface ManifestFile {
  readonly errors: readonly InjectedError[];
}

async function splitPreviewBench(backend: Backend, errorsFile: string) {
  const manifest = JSON.parse(readFileSync(errorsFile, 'utf8')) as ManifestFile;
  const merge = manifest.errors.find((e) => e.kind === 'merge')!;
  const [a, b] = merge.groundTruthIds;
  const request = {
    segment: merge.segmentIds[0]!,
    sources: merge.seeds.filter((s) => s.gtId === a).map((s) => [...s.voxel] as [number, number, number]),
    sinks: merge.seeds.filter((s) => s.gtId === b).map((s) => [...s.voxel] as [number, number, number]),
  };
  const times: number[] = [];
  let boxVoxels = 0;
  let segmentVoxels = 0;
  for (let run = 0; run < 7; run++) {
    const t0 = performance.now();
    const preview = await backend.handlers.splitPreview(request);
    times.push(performance.now() - t0);
    boxVoxels = preview.sides.length;
    segmentVoxels = preview.sourceVoxels + preview.sinkVoxels;
  }
  return { ms: median(times), modelMs: splitModelMs(request), segmentVoxels, boxVoxels };
}

/** The same preview by the edit model alone, in this thread, on the demo held in memory. */
function splitModelMs(request: { segment: string; sources: Vec3[]; sinks: Vec3[] }): number {
  const demo = generateDemo();
  const reader = memoryReader({
    shape: demo.shape,
    resolution: demo.resolution,
    labels: demo.segmentation,
    image: demo.image,
  });
  const state = createEditState(reader);
  const segment = BigInt(request.segment);
  const params = { ...request, segment, box: findSegmentBox(state, reader, segment)! };
  const times: number[] = [];
  for (let run = 0; run < 7; run++) {
    const t0 = performance.now();
    splitPreview(state, reader, params);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** A small xy brush stroke painting a new segment at a pseudo-random place. */
function paint(k: number, shape: Vec3): EditCommand {
  const h = (k * 2654435761) >>> 0;
  const at: Vec3 = [h % shape[0], (h >>> 6) % shape[1], (h >>> 14) % shape[2]];
  return { kind: 'paint', id: 'new', region: { brush: { centers: [at], radius: 1.5, plane: 'xy' } } };
}

async function historyBench(backend: Backend, project: string) {
  const edits = backend.current.edits;
  const shape = backend.current.segmentation.info.shape;
  const seconds = async (work: () => Promise<unknown>): Promise<number> => {
    const t0 = performance.now();
    await work();
    return round((performance.now() - t0) / 1000);
  };
  const editS = await seconds(async () => {
    for (let k = 0; k < EDITS; k++) await edits.edit(paint(k, shape));
  });
  log(`${EDITS} edits: ${editS} s`);
  const undoS = await seconds(() => backend.handlers.undo({ all: true }));
  const redoS = await seconds(() => backend.handlers.redo({ all: true }));
  log(`undo all ${undoS} s, redo all ${redoS} s`);
  const undoOneByOneS = await seconds(async () => {
    while (await edits.undo());
  });
  const redoOneByOneS = await seconds(async () => {
    while (await edits.redo());
  });
  log(`one action per transaction: undo ${undoOneByOneS} s, redo ${redoOneByOneS} s`);
  backend.current.project.db.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = statSync(project).size;
  return { editS, undoS, redoS, undoOneByOneS, redoOneByOneS, dbMB: round(bytes / 2 ** 20) };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'axon-edit-bench-'));
  try {
    log('merge of two 1 Mvoxel segments');
    const merge = await mergeBench(dir);
    const demo = await writeDemoFiles(join(dir, 'demo'));
    const project = join(dir, 'demo.axonproj');
    const backend = await open(`${demo.image}:raw`, `${demo.segmentation}:stack`, project);
    try {
      log('split preview');
      const split = await splitPreviewBench(backend, demo.errors);
      log(`${EDITS} edits, undo all, redo all`);
      const history = await historyBench(backend, project);
      await backend.close();
      log('reopening the project (replays the applied edits)');
      const t0 = performance.now();
      const again = await open(`${demo.image}:raw`, `${demo.segmentation}:stack`, project);
      const reopenS = round((performance.now() - t0) / 1000);
      const replayed = again.current.edits.listEdits(0, 1).applied;
      await again.close();
      const undoRedoS = round(history.undoS + history.redoS);
      printResult({
        bench: 'edit',
        loadAverage: round(loadavg()[0]!),
        mergeMs: round(merge.ms),
        mergeCpuMs: round(merge.cpuMs),
        mergeModelMs: round(merge.modelMs, 3),
        mergeSegmentVoxels: merge.voxels,
        splitPreviewMs: round(split.ms),
        splitPreviewModelMs: round(split.modelMs),
        splitPreview: { segmentVoxels: split.segmentVoxels, boxVoxels: split.boxVoxels },
        edits: EDITS,
        editsS: history.editS,
        undoAllS: history.undoS,
        redoAllS: history.redoS,
        undoRedoS,
        undoRedoOneActionAtATimeS: round(history.undoOneByOneS + history.redoOneByOneS),
        dbMB: history.dbMB,
        reopenS,
        reopenReplayedEdits: replayed,
        targets: {
          mergeMs: under(round(merge.ms), 16, 'ms'),
          splitPreviewMs: under(round(split.ms), 200, 'ms'),
          undoRedoS: under(undoRedoS, 5, 's'),
          dbMB: under(history.dbMB, 50, 'MB'),
        },
      });
    } finally {
      await backend.close().catch(() => undefined);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
