import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { runPython } from '../../helpers/python';
import type { Box3, Vec3, VoxelArray } from '../../../shared/volume/types';

/** A fresh temp folder removed after the file's tests. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Whether the Debian python3 with numpy and h5py (and tifffile) is here to cross-check against. */
export const hasPython = ((): boolean => {
  try {
    runPython('import numpy, h5py');
    return true;
  } catch {
    return false;
  }
})();

/** A deterministic pseudo-random fill (xorshift), so tests use varied, reproducible values. */
export function fill<T extends VoxelArray>(
  data: T,
  seed: number,
  make: (r: number, i: number) => number | bigint,
): T {
  let s = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    (data as unknown as (number | bigint)[])[i] = make(s, i);
  }
  return data;
}

/** The part of a C-order zyx array inside `box`, computed independently of copyBox. */
export function crop<T extends VoxelArray>(data: T, shape: Vec3, box: Box3): (number | bigint)[] {
  const out: (number | bigint)[] = [];
  const src = data as unknown as ArrayLike<number | bigint>;
  for (let z = box.start[0]; z < box.start[0] + box.size[0]; z++)
    for (let y = box.start[1]; y < box.start[1] + box.size[1]; y++)
      for (let x = box.start[2]; x < box.start[2] + box.size[2]; x++)
        out.push(src[(z * shape[1] + y) * shape[2] + x]!);
  return out;
}

export const asList = (data: VoxelArray): (number | bigint)[] =>
  Array.from(data as ArrayLike<number | bigint>);
