import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { EditOutcome, SegmentSummary } from '../../../shared/api/types';
import type { InjectedError } from '../../../shared/demo/types';
import type { Vec3 } from '../../../shared/volume/types';
import { Backend } from '../../../electron/services/backend';
import { writeDemoFiles, type DemoFiles } from '../../../electron/services/demoFiles';
import { dispatch } from '../../../electron/services/dispatch';

export interface DemoManifest {
  readonly shape: Vec3;
  readonly resolution: Vec3;
  readonly axonIds: readonly string[];
  readonly errors: readonly InjectedError[];
}

export interface DemoSetup {
  readonly dir: string;
  readonly files: DemoFiles;
  readonly manifest: DemoManifest;
}

/** The demo volume written as files (what `demo --out DIR` writes) in a fresh folder. */
export async function demoSetup(prefix: string): Promise<DemoSetup> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const files = await writeDemoFiles(join(dir, 'demo'));
  const manifest = JSON.parse(readFileSync(files.errors, 'utf8')) as DemoManifest;
  return { dir, files, manifest };
}

/** A backend with the demo open on `project` (created on first use). */
export async function openDemo(setup: DemoSetup, project: string): Promise<Backend> {
  const backend = new Backend();
  await backend.open({
    image: `${setup.files.image}:raw`,
    segmentation: `${setup.files.segmentation}:stack`,
    project,
  });
  return backend;
}

/** Call the API as the UI does: validated by the contract, then handled. */
export async function call<T>(backend: Backend, method: string, request: unknown = {}): Promise<T> {
  return (await dispatch(backend, method, request)) as T;
}

export const edit = (backend: Backend, command: unknown): Promise<EditOutcome> =>
  call<EditOutcome>(backend, 'edit', { command });

/** The whole corrected segmentation, as every service reads it. */
export function corrected(backend: Backend): Promise<BigUint64Array> {
  const shape = backend.current.segmentation.info.shape;
  return backend.current.readCorrectedLabels({ start: [0, 0, 0], size: shape });
}

export function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

/** Voxel count and bounding box of every non-zero id, counted from scratch. */
export function recount(labels: BigUint64Array, shape: Vec3): Map<bigint, SegmentSummary> {
  const [nz, ny, nx] = shape;
  const found = new Map<bigint, { voxels: number; lo: number[]; hi: number[] }>();
  let last = -1n;
  let entry: { voxels: number; lo: number[]; hi: number[] } | undefined;
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        const id = labels[i]!;
        if (id === 0n) continue;
        if (id !== last || !entry) {
          entry = found.get(id);
          if (!entry) found.set(id, (entry = { voxels: 0, lo: [z, y, x], hi: [z, y, x] }));
          last = id;
        }
        entry.voxels++;
        const at = [z, y, x];
        for (let d = 0; d < 3; d++) {
          entry.lo[d] = Math.min(entry.lo[d]!, at[d]!);
          entry.hi[d] = Math.max(entry.hi[d]!, at[d]!);
        }
      }
    }
  }
  const out = new Map<bigint, SegmentSummary>();
  for (const [id, e] of found) {
    out.set(id, {
      id,
      voxels: e.voxels,
      bboxStart: [e.lo[0]!, e.lo[1]!, e.lo[2]!],
      bboxSize: [e.hi[0]! - e.lo[0]! + 1, e.hi[1]! - e.lo[1]! + 1, e.hi[2]! - e.lo[2]! + 1],
    });
  }
  return out;
}

/** The backend's segment list (kept up to date edit by edit) equals a recount of the labels. */
export async function expectIndexMatches(backend: Backend, labels: BigUint64Array): Promise<void> {
  const truth = recount(labels, backend.current.segmentation.info.shape);
  const page = await backend.handlers.listSegments({ limit: 1000 });
  expect(page.total).toBe(truth.size);
  const listed = new Map(page.segments.map((s) => [s.id, s]));
  for (const [id, s] of truth) expect(listed.get(id), `segment ${id}`).toEqual(s);
}

export const seedsOf = (error: InjectedError, gtId: string): Vec3[] =>
  error.seeds.filter((s) => s.gtId === gtId).map((s) => s.voxel);
