import { readFile, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { NpyArray } from '../../shared/formats/npy';
import { encodeNpz, listNpz, NpzFormatError, readNpzArray } from '../../shared/formats/npz';
import { normalizeDataset } from '../../shared/formats/volumeSpec';
import { copyBox } from '../../shared/volume/box';
import { allocate, boxVoxels, type Box3, type DenseVolume, type VolumeKind } from '../../shared/volume/types';
import {
  checkBox,
  checkDtype,
  checkVolumeData,
  clampChunk,
  DEFAULT_CHUNK,
  DEFAULT_RESOLUTION,
  describeError,
  dtypeOfArray,
  MAX_READ_BYTES,
  settle,
  squeezeTo3d,
  VolumeFileError,
  type VolumeSource,
} from './volumeSource';

/** An npz member is decoded whole, so it is held to the same limit as one read. */
const MAX_NPZ_BYTES = MAX_READ_BYTES * 2;

/** The array to use when the spec names none: FFN's `segmentation`, else the only array. */
function pickName(zip: Uint8Array, path: string, dataset: string): string {
  if (dataset) return dataset;
  const names = listNpz(zip).map((m) => m.name);
  if (names.includes('segmentation')) return 'segmentation';
  if (names.length === 1) return names[0]!;
  throw new VolumeFileError(
    path,
    `no array named and no 'segmentation'; arrays in the archive: ${names.join(', ') || '(none)'}`,
  );
}

/**
 * Open an array of an .npz archive (FFN's `seg-*.npz`: `segmentation`). A deflated zip member
 * cannot be read in parts, so the whole array is decoded into memory once and boxes are copied
 * out of it.
 */
export async function openNpz(path: string, dataset: string, kind: VolumeKind): Promise<VolumeSource> {
  const zip = new Uint8Array(await readFile(path));
  let name: string;
  let array: NpyArray;
  try {
    name = pickName(zip, path, normalizeDataset(dataset));
    array = readNpzArray(zip, name, MAX_NPZ_BYTES);
  } catch (error) {
    if (error instanceof VolumeFileError) throw error;
    const why = error instanceof NpzFormatError ? error.message : describeError(error);
    throw new VolumeFileError(path, `not a readable .npz archive: ${why}`);
  }
  const subject = `array '${name}'`;
  const shape = squeezeTo3d(path, array.shape, subject);
  const dtype = checkDtype(path, kind, array.dtype, array.dtype, subject);
  const whole: Box3 = { start: [0, 0, 0], size: shape };
  let data: NpyArray['data'] | undefined = array.data;
  const info = {
    path: resolve(path),
    dataset: name,
    kind,
    shape,
    dtype,
    resolution: DEFAULT_RESOLUTION,
    chunkShape: clampChunk(DEFAULT_CHUNK, shape),
  };
  return {
    info,
    read: (box: Box3) =>
      settle(() => {
        if (!data) throw new VolumeFileError(path, 'read after the archive was closed');
        checkBox(path, box, shape, dtype);
        const out = allocate(dtype, boxVoxels(box));
        copyBox(data, whole, out, box);
        return out;
      }),
    close() {
      data = undefined; // let the decoded array go
    },
  };
}

export interface NpzWriteOptions {
  /** Deflate like np.savez_compressed (default true); false stores like np.savez. */
  readonly compress?: boolean;
}

/** Write zyx volumes as an .npz archive, e.g. `{ segmentation }` as FFN's inference does. */
export async function writeNpz(
  path: string,
  arrays: Readonly<Record<string, DenseVolume>>,
  options: NpzWriteOptions = {},
): Promise<void> {
  const npy = Object.fromEntries(
    Object.entries(arrays).map(([name, volume]) => {
      checkVolumeData(path, volume);
      return [name, { dtype: dtypeOfArray(volume.data), shape: volume.shape, data: volume.data }];
    }),
  );
  try {
    const working = `${path}.writing-${process.pid}`;
    await writeFile(working, encodeNpz(npy, options.compress ?? true));
    await rename(working, path);
  } catch (error) {
    throw new VolumeFileError(path, `cannot write .npz: ${describeError(error)}`);
  }
}
