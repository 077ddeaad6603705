/** Run scikit-image on volumes written as .npy files, to check our metrics against it. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type NpyArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | BigUint64Array | Float64Array;

function descr(a: NpyArray): string {
  if (a instanceof Uint8Array) return '|u1';
  if (a instanceof Uint16Array) return '<u2';
  if (a instanceof Uint32Array) return '<u4';
  if (a instanceof Int32Array) return '<i4';
  if (a instanceof BigUint64Array) return '<u8';
  return '<f8';
}

/** A .npy (format 1.0) holding `data` in C order; the header is padded to 64 bytes as numpy does. */
export function npyBytes(data: NpyArray, shape: readonly number[]): Uint8Array {
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '${descr(data)}', 'fortran_order': False, 'shape': (${dims}), }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, ...Array.from('NUMPY', (c) => c.charCodeAt(0)), 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(
    Array.from(header, (c) => c.charCodeAt(0)),
    10,
  );
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}

/** A python3 that can import skimage (Debian's, when a pyenv shim shadows it), or undefined. */
export function findSkimagePython(): string | undefined {
  for (const exe of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(exe, ['-c', 'import skimage.metrics'], { stdio: 'ignore' });
    if (r.status === 0) return exe;
  }
  return undefined;
}

/**
 * Save `arrays` as 0000.npy, 0001.npy, ... in a temporary folder, run `script` with the folder as
 * sys.argv[1], and parse what it prints as JSON.
 */
export function runPython(
  python: string,
  script: string,
  arrays: { data: NpyArray; shape: number[] }[],
): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'metrics-'));
  try {
    arrays.forEach((a, k) =>
      writeFileSync(join(dir, `${String(k).padStart(4, '0')}.npy`), npyBytes(a.data, a.shape)),
    );
    const out = execFileSync(python, ['-c', script, dir], { encoding: 'utf8' });
    return JSON.parse(out) as unknown;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
