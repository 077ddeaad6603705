/**
 * Live metrics benchmark on the demo files through the backend, as the app runs it: the full
 * pass after open (both volumes read block by block, skeleton nodes looked up), then small
 * edits (brush strokes of radius 3, a merge, their undos), each followed by getMetrics, which
 * resolves once the edit is counted incrementally; and a forced full recompute. Prints one JSON
 * object; the target is an update under 50 ms after a small edit.
 *
 *   node --import tsx bench/liveMetrics.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Backend } from '../electron/services/backend';
import { writeDemoFiles } from '../electron/services/demoFiles';
import type { MetricsSnapshot } from '../shared/api/metricsTypes';
import { generateDemo } from '../shared/demo/generateDemo';
import { commandToJson } from '../shared/edit/json';
import type { EditCommand } from '../shared/edit/types';
import type { Vec3 } from '../shared/volume/types';
import { log, printResult } from './lib/output';
import { distribution, round, timed } from './lib/stats';
import { under } from './lib/target';

const SMALL_EDITS = 12;
const RECOMPUTES = 3;

async function ready(backend: Backend): Promise<MetricsSnapshot> {
  for (;;) {
    const m = await backend.handlers.getMetrics({});
    if (m.status !== 'computing' && m.status !== 'idle') return m;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Small brush strokes spread over the volume, painting a new segment each. */
function strokes(count: number): EditCommand[] {
  return Array.from({ length: count }, (_, k): EditCommand => {
    const at: Vec3 = [8 + ((k * 5) % 48), 40 + ((k * 37) % 170), 40 + ((k * 53) % 170)];
    return { kind: 'paint', id: 'new', region: { brush: { centers: [at], radius: 3, plane: 'xy' } } };
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'axon-bench-live-'));
  try {
    log('writing the demo files…');
    const files = await writeDemoFiles(join(dir, 'demo'));
    const demo = generateDemo();
    const backend = new Backend();
    await backend.open({
      image: `${files.image}:raw`,
      segmentation: `${files.segmentation}:stack`,
      project: join(dir, 'bench.axonproj'),
    });
    const opened = await timed(() => ready(backend));
    const firstPass = opened.value.lastUpdate?.ms ?? NaN;

    log('small edits…');
    const update: number[] = [];
    const roundTrip: number[] = [];
    const split = demo.errors.find((e) => e.kind === 'split')!;
    const merge: EditCommand = {
      kind: 'merge',
      target: BigInt(split.segmentIds[0]!),
      source: BigInt(split.segmentIds[1]!),
    };
    const actions: (() => Promise<unknown>)[] = [
      ...strokes(SMALL_EDITS).map((c) => () => backend.handlers.edit({ command: commandToJson(c) })),
      () => backend.handlers.edit({ command: commandToJson(merge) }),
      () => backend.handlers.undo({}),
      () => backend.handlers.undo({}),
      () => backend.handlers.redo({}),
    ];
    let changed = 0;
    for (const act of actions) {
      await act();
      const t = await timed(() => backend.handlers.getMetrics({}));
      if (!t.value.lastUpdate?.incremental) throw new Error('an edit was not counted incrementally');
      update.push(t.value.lastUpdate.ms);
      roundTrip.push(t.ms);
      changed = t.value.change?.voxelsChanged ?? 0;
    }

    log('full recomputes…');
    const recompute: number[] = [];
    for (let k = 0; k < RECOMPUTES; k++) {
      const m = await backend.handlers.recomputeMetrics({});
      recompute.push(m.lastUpdate!.ms);
    }
    await backend.close();
    const updates = distribution(update);
    printResult({
      bench: 'liveMetrics',
      volume: { source: 'demo files (HDF5)', shape: demo.shape, skeletons: demo.skeletons.length },
      firstPassMs: round(firstPass, 1),
      openToReadyMs: round(opened.ms, 1),
      incrementalUpdateMs: updates,
      getMetricsAfterEditMs: distribution(roundTrip),
      fullRecomputeMs: distribution(recompute, 1),
      voxelsChangedAtEnd: changed,
      targets: { incrementalUpdateP95: under(updates.p95, 50, 'ms') },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
