import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parseVolumeSpec } from '../../shared/formats/volumeSpec';
import type { VolumeKind } from '../../shared/volume/types';
import { openHdf5 } from './hdf5Volume';
import { openNpz } from './npzVolume';
import { listTiffFolder, openTiff } from './tiffVolume';
import { VolumeFileError, type VolumeSource } from './volumeSource';
import { openZarr } from './zarrVolume';

export { VolumeFileError, type VolumeSource } from './volumeSource';

export type VolumeFormat = 'hdf5' | 'zarr' | 'tiff' | 'npz';

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** What the first bytes say the file is (HDF5 may also start at 512, 1024, ... but rarely does). */
function sniff(path: string): VolumeFormat | 'empty' | undefined {
  const head = new Uint8Array(8);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  if (n === 0) return 'empty';
  if (startsWith(head, HDF5_SIGNATURE)) return 'hdf5';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'npz';
  if (startsWith(head, [0x49, 0x49, 42, 0]) || startsWith(head, [0x4d, 0x4d, 0, 42])) return 'tiff';
  if (startsWith(head, [0x49, 0x49, 43, 0]) || startsWith(head, [0x4d, 0x4d, 0, 43])) return 'tiff';
  return undefined;
}

const BY_EXTENSION: Readonly<Record<string, VolumeFormat>> = {
  '.h5': 'hdf5',
  '.hdf5': 'hdf5',
  '.hdf': 'hdf5',
  '.he5': 'hdf5',
  '.npz': 'npz',
  '.tif': 'tiff',
  '.tiff': 'tiff',
  '.zarr': 'zarr',
};

/**
 * Which reader a path needs. Folders: zarr (by `.zarr` or its metadata files) or a TIFF folder.
 * Files: by content when it is recognisable, else by extension (so a truncated `x.h5` still goes
 * to the HDF5 reader, whose error says what is wrong).
 */
export function detectFormat(path: string): VolumeFormat {
  if (!existsSync(path)) throw new VolumeFileError(path, 'no such file or folder');
  const byExtension = BY_EXTENSION[extname(path.replace(/[\\/]+$/, '')).toLowerCase()];
  if (statSync(path).isDirectory()) {
    const names = readdirSync(path);
    if (byExtension === 'zarr' || ['.zarray', '.zgroup', 'zarr.json'].some((n) => names.includes(n)))
      return 'zarr';
    if (listTiffFolder(path).length > 0) return 'tiff';
    throw new VolumeFileError(
      path,
      'folder is neither a zarr store (.zarray, .zgroup or zarr.json) nor a folder of TIFF files',
    );
  }
  const content = sniff(path);
  if (content === 'empty') throw new VolumeFileError(path, 'file is empty');
  const format = content ?? byExtension;
  if (!format || format === 'zarr') {
    throw new VolumeFileError(path, 'unrecognised file format (expected HDF5, zarr, TIFF or FFN .npz)');
  }
  return format;
}

/**
 * Open a volume named by a spec `PATH[:DATASET]` (FFN's `image.h5:raw`, `seg.h5:stack`,
 * `store.zarr:labels`, `seg-0_0_0.npz`, `stack.tif`, `slices/`) for reading as `kind`.
 */
export async function openVolume(spec: string, kind: VolumeKind): Promise<VolumeSource> {
  const { path, dataset } = parseVolumeSpec(spec, existsSync);
  if (!path) throw new VolumeFileError(spec, 'no file named');
  switch (detectFormat(path)) {
    case 'hdf5':
      return openHdf5(path, dataset, kind);
    case 'zarr':
      return openZarr(path, dataset, kind);
    case 'npz':
      return openNpz(path, dataset, kind);
    case 'tiff':
      if (dataset)
        throw new VolumeFileError(path, `a TIFF stack has no datasets, but '${dataset}' was given`);
      return openTiff(path, kind);
  }
}
