import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Debian's python3 (with python3-numpy, python3-h5py, python3-skimage from apt). A pyenv python3
 * earlier on PATH lacks them, so prefer /usr/bin/python3.
 */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Run a Python snippet and return its stdout. */
export function runPython(code: string, args: readonly string[] = []): string {
  return execFileSync(PYTHON, ['-c', code, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
