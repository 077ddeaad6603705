import h5wasm, { FS } from 'h5wasm/node';
import { describeError } from './volumeSource';

export type H5 = typeof h5wasm;
export type H5File = InstanceType<H5['File']>;
export type H5Dataset = InstanceType<H5['Dataset']>;
export type H5Group = InstanceType<H5['Group']>;

let loaded: Promise<H5> | undefined;

/**
 * h5wasm, ready, with HDF5 errors thrown as exceptions. Without the throwing handler a failed
 * open returns id -1 after printing an HDF5-DIAG trace to stderr, and later calls fail oddly.
 */
export function loadH5(): Promise<H5> {
  loaded ??= h5wasm.ready.then((module) => {
    module.activate_throwing_error_handler();
    return h5wasm;
  });
  return loaded;
}

interface EmscriptenStream {
  readonly path?: string;
}
interface EmscriptenFs {
  readonly streams: readonly (EmscriptenStream | null | undefined)[];
  close(stream: EmscriptenStream): void;
}

/**
 * h5wasm's throwing error handler prints each HDF5 error into a tmpfile() and throws before
 * closing it, so every HDF5 error leaks one (deleted) file descriptor. Close those after errors;
 * nothing else in h5wasm uses tmpfile(), and the FILE is never touched again.
 */
export function releaseErrorFiles(): void {
  const fs = FS as unknown as EmscriptenFs | null;
  for (const stream of fs?.streams ?? []) {
    if (stream && /^\/tmp\/tmpfile_/.test(stream.path ?? '')) fs?.close(stream);
  }
}

/**
 * The useful line of an HDF5 error: its trace lists calls outermost first, and the innermost
 * (`... in H5F__super_read(): truncated file: eof = ...`) says what actually went wrong.
 */
export function describeH5Error(error: unknown): string {
  const text = describeError(error);
  const lines = [...text.matchAll(/#\d+:.*?\bin \w+\(\): (.*)$/gm)].map((m) => m[1]!.trim());
  const minors = [...text.matchAll(/minor: (.*)$/gm)].map((m) => m[1]!.trim());
  if (lines.length === 0) return text.split('\n')[0]!.trim();
  const innermost = lines[lines.length - 1]!;
  const minor = minors[minors.length - 1];
  return minor && !innermost.toLowerCase().includes(minor.toLowerCase())
    ? `${innermost} (${minor})`
    : innermost;
}

export interface DatasetSummary {
  readonly path: string;
  readonly shape: readonly number[];
  readonly dtype: string;
}

/** Every dataset in the file (depth-first, at most `limit`), for defaults and error messages. */
export function listDatasets(file: H5File, limit = 50): DatasetSummary[] {
  const out: DatasetSummary[] = [];
  const visit = (group: H5Group, prefix: string): void => {
    for (const name of group.keys()) {
      if (out.length >= limit) return;
      let entity: ReturnType<H5Group['get']>;
      try {
        entity = group.get(name);
      } catch {
        continue; // broken links and unreadable objects are not datasets we can offer
      }
      const path = prefix ? `${prefix}/${name}` : name;
      if (entity instanceof h5wasm.Dataset) {
        out.push({ path, shape: entity.shape ?? [], dtype: JSON.stringify(entity.dtype) });
      } else if (entity instanceof h5wasm.Group) {
        visit(entity, path);
      }
    }
  };
  visit(file, '');
  return out;
}

export function formatDatasetList(list: readonly DatasetSummary[]): string {
  if (list.length === 0) return '(none)';
  return list.map((d) => `${d.path} (${d.shape.join('x') || 'scalar'})`).join(', ');
}
