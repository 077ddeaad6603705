import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { normalizeDataset } from '../../shared/formats/volumeSpec';
import type { DenseVolume, Vec3, VoxelArray } from '../../shared/volume/types';
import {
  describeH5Error,
  loadH5,
  releaseErrorFiles,
  type H5,
  type H5File,
  type H5Group,
} from './h5wasmModule';
import { checkVolumeData, clampChunk, DEFAULT_CHUNK, VolumeFileError } from './volumeSource';

export interface Hdf5WriteOptions {
  /** Voxel size in nm, zyx, stored as a float64 `resolution` attribute on the dataset. */
  readonly resolution?: Vec3;
  /** Storage chunk shape, zyx (default 64^3, clamped to the shape). */
  readonly chunks?: Vec3;
  /** gzip the chunks (default true). */
  readonly compression?: boolean;
  /** Add the dataset to an existing file instead of replacing the file. */
  readonly append?: boolean;
}

/** h5wasm picks the HDF5 type from the constructor's name, so a Buffer must become a Uint8Array. */
function plain(data: VoxelArray): VoxelArray {
  const isSubclass = data instanceof Uint8Array && data.constructor !== Uint8Array;
  return isSubclass ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data;
}

function ensureGroups(h5: H5, file: H5File, dataset: string): void {
  const parts = dataset.split('/').slice(0, -1);
  let group: H5Group = file;
  for (const part of parts) {
    const next = group.get(part);
    if (next instanceof h5.Group) group = next;
    else if (next === null) group = group.create_group(part);
    else throw new Error(`'${part}' exists and is not a group`);
  }
}

/**
 * Write a zyx volume as one chunked (by default gzip-compressed) dataset, the layout FFN, h5py and
 * AxonEM's evaluation read. A new file is written beside the target and renamed into place, so a
 * failed write never leaves half a file under the real name.
 */
export async function writeHdf5Volume(
  path: string,
  dataset: string,
  volume: DenseVolume,
  options: Hdf5WriteOptions = {},
): Promise<void> {
  const name = normalizeDataset(dataset);
  if (!name) throw new VolumeFileError(path, 'no dataset name to write');
  checkVolumeData(path, volume);
  const h5 = await loadH5();
  const target = resolve(path);
  const append = options.append === true && existsSync(target);
  const working = append ? target : `${target}.writing-${process.pid}`;
  let file: H5File | undefined;
  try {
    file = new h5.File(working, append ? 'a' : 'w');
    ensureGroups(h5, file, name);
    const compress = options.compression ?? true;
    const ds = file.create_dataset({
      name,
      data: plain(volume.data),
      shape: [...volume.shape],
      chunks: [...clampChunk(options.chunks ?? DEFAULT_CHUNK, volume.shape)],
      ...(compress ? { compression: 'gzip' as const, compression_opts: 4 } : {}),
    });
    if (options.resolution) ds.create_attribute('resolution', Float64Array.from(options.resolution));
    file.close();
    file = undefined;
    if (!append) renameSync(working, target);
  } catch (error) {
    file?.close();
    releaseErrorFiles();
    if (!append) rmSync(working, { force: true });
    throw new VolumeFileError(path, `cannot write dataset '${name}': ${describeH5Error(error)}`);
  }
}
