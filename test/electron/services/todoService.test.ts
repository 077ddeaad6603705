/**
 * The to-do list through the backend on the real demo files: computed in a worker as a task, it
 * finds the injected splits and merges, ranks them, keeps the annotator's verdicts in the
 * project file across a recompute and a reopen, and can be cancelled.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/services/backend';
import { writeDemoFiles, type DemoFiles } from '../../../electron/services/demoFiles';
import type { BackendEvent } from '../../../shared/api/types';
import type { TodoList } from '../../../shared/api/metricsTypes';
import { generateDemo, type DemoVolume } from '../../../shared/demo/generateDemo';
import { scoreTodo } from '../../../shared/todo/evaluate';

let dir: string;
let files: DemoFiles;
let demo: DemoVolume;
let backend: Backend;
let project: string;
let first: TodoList;
const events: BackendEvent[] = [];

async function open(): Promise<Backend> {
  const b = new Backend();
  await b.open({ image: `${files.image}:raw`, segmentation: `${files.segmentation}:stack`, project });
  return b;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'axon-todo-'));
  files = await writeDemoFiles(join(dir, 'demo'));
  demo = generateDemo();
  project = join(dir, 'todo.axonproj');
  backend = await open();
  backend.onEvent((e) => events.push(e));
  first = await backend.handlers.computeTodo({ taskId: 'todo-first' });
}, 180_000);

afterAll(async () => {
  await backend.close();
});

describe('the to-do list of likely errors on the demo', () => {
  it('puts at least 80% of the injected splits and merges in its top 20', () => {
    const score = scoreTodo(first.items, demo.errors, 20);
    console.log(
      `to-do list top 20 on the demo: recall ${score.recall.toFixed(3)} (${score.found}/${score.known}), ` +
        `precision ${score.precision.toFixed(3)} (${score.correct}/${score.considered})`,
    );
    expect(score.known).toBeGreaterThanOrEqual(4);
    expect(score.recall).toBeGreaterThanOrEqual(0.8);
    expect(first.items.map((e) => e.rank)).toEqual(first.items.map((_, k) => k + 1));
    expect(first.open).toBe(first.items.length);
    expect(first.computedAt).not.toBeNull();
  });

  it('ran as a task with progress', () => {
    const progress = events.filter((e) => e.type === 'progress' && e.taskId === 'todo-first');
    expect(progress.length).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'taskEnd' && e.taskId === 'todo-first' && !e.error)).toBe(true);
  });

  it('stores verdicts in the project: kept across a recompute and a reopen', async () => {
    const [a, b] = first.items;
    expect((await backend.handlers.setTodoStatus({ id: a!.id, status: 'fixed' })).status).toBe('fixed');
    await backend.handlers.setTodoStatus({ id: b!.id, status: 'false-alarm' });
    const again = await backend.handlers.computeTodo({});
    const find = (list: TodoList, id: bigint[]) =>
      list.items.find((e) => e.segmentIds.map(String).sort().join() === id.map(String).sort().join());
    expect(find(again, [...a!.segmentIds])?.status).toBe('fixed');
    expect(find(again, [...b!.segmentIds])?.status).toBe('false-alarm');
    expect(again.open).toBe(again.items.length - 2);
    await backend.close();
    backend = await open();
    const reopened = await backend.handlers.listTodo({});
    expect(reopened.items.find((e) => e.id === a!.id)?.status).toBe('fixed');
    expect(reopened.items.length).toBe(again.items.length);
  }, 180_000);

  it('refuses an unknown item', async () => {
    await expect(backend.handlers.setTodoStatus({ id: 999_999, status: 'fixed' })).rejects.toThrow(
      /to-do item 999999 does not exist/,
    );
  });

  it('can be cancelled while the worker runs', async () => {
    const running = backend.handlers.computeTodo({ taskId: 'todo-cancel' });
    await new Promise((r) => setTimeout(r, 300));
    await expect(backend.handlers.cancelTask({ taskId: 'todo-cancel' })).resolves.toBe(true);
    await expect(running).rejects.toThrow(/cancelled/);
    // The stored list is untouched.
    expect((await backend.handlers.listTodo({})).items.length).toBeGreaterThan(0);
  }, 60_000);

  it('returns the ground-truth skeletons and TEASAR skeletons of segments, in nm', async () => {
    const axon = BigInt(demo.errors.find((e) => e.kind === 'merge')!.segmentIds[0]!);
    const set = await backend.handlers.getSkeletons({ ids: [axon.toString(), '123'], groundTruth: true });
    const gt = set.skeletons.filter((s) => s.source === 'groundtruth');
    expect(gt).toHaveLength(demo.skeletons.length);
    const teasar = set.skeletons.find((s) => s.source === 'teasar')!;
    expect(teasar.id).toBe(axon);
    expect(teasar.positions.length).toBe(3 * teasar.parents.length);
    expect(set.missing).toEqual([123n]);
    // Every node lies inside the segment (voxel = floor(nm / resolution)).
    const [, ny, nx] = demo.shape;
    const r = demo.resolution;
    for (let i = 0; i < teasar.parents.length; i++) {
      const x = Math.floor(teasar.positions[3 * i]! / r[2]);
      const y = Math.floor(teasar.positions[3 * i + 1]! / r[1]);
      const z = Math.floor(teasar.positions[3 * i + 2]! / r[0]);
      expect(demo.segmentation[(z * ny + y) * nx + x]).toBe(axon);
    }
  }, 60_000);
});
