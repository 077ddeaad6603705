import { resolve } from 'node:path';
import * as zarr from 'zarrita';
import { normalizeDataset } from '../../shared/formats/volumeSpec';
import type { DenseVolume, Dtype, Vec3 } from '../../shared/volume/types';
import { FolderStore, registerGzip } from './zarrStore';
import {
  checkVolumeData,
  clampChunk,
  DEFAULT_CHUNK,
  describeError,
  dtypeOfArray,
  VolumeFileError,
} from './volumeSource';

export interface ZarrWriteOptions {
  /** Zarr format version (default 3). */
  readonly version?: 2 | 3;
  readonly resolution?: Vec3;
  readonly chunks?: Vec3;
  /** gzip the chunks (default true). */
  readonly compression?: boolean;
}

const V2_DTYPE: Record<Dtype, string> = {
  uint8: '|u1',
  uint16: '<u2',
  uint32: '<u4',
  uint64: '<u8',
  int8: '|i1',
  int16: '<i2',
  int32: '<i4',
  int64: '<i8',
  float32: '<f4',
};

const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value, null, 2));

/** zarrita creates v3 metadata only; v2 metadata (.zgroup/.zarray/.zattrs) is written here. */
async function createV2(
  store: FolderStore,
  name: string,
  volume: DenseVolume,
  chunks: Vec3,
  options: ZarrWriteOptions,
) {
  const parts = name ? name.split('/') : [];
  for (let i = 0; i < parts.length; i++) {
    await store.set(
      `/${parts
        .slice(0, i)
        .map((p) => `${p}/`)
        .join('')}.zgroup`,
      json({ zarr_format: 2 }),
    );
  }
  const base = name ? `/${name}/` : '/';
  await store.set(
    `${base}.zarray` as zarr.AbsolutePath,
    json({
      zarr_format: 2,
      shape: volume.shape,
      chunks,
      dtype: V2_DTYPE[dtypeOf(volume)],
      compressor: options.compression === false ? null : { id: 'gzip', level: 5 },
      fill_value: 0,
      order: 'C',
      filters: null,
      dimension_separator: '.',
    }),
  );
  if (options.resolution)
    await store.set(`${base}.zattrs` as zarr.AbsolutePath, json({ resolution: options.resolution }));
  return zarr.open.v2(zarr.root(store).resolve(name), { kind: 'array' });
}

async function createV3(
  store: FolderStore,
  name: string,
  volume: DenseVolume,
  chunks: Vec3,
  options: ZarrWriteOptions,
) {
  const parts = name ? name.split('/') : [];
  for (let i = 0; i < parts.length; i++)
    await zarr.create(zarr.root(store).resolve(parts.slice(0, i).join('/')));
  const codecs = [{ name: 'bytes', configuration: { endian: 'little' } }];
  if (options.compression !== false) codecs.push({ name: 'gzip', configuration: { level: 5 } as never });
  return zarr.create(zarr.root(store).resolve(name), {
    shape: [...volume.shape],
    chunkShape: [...chunks],
    dtype: dtypeOf(volume),
    codecs,
    // zarrita rejects a bigint fill value in metadata; 0 means the same for every dtype.
    fillValue: 0,
    attributes: options.resolution ? { resolution: [...options.resolution] } : {},
  });
}

const dtypeOf = (volume: DenseVolume): Dtype => dtypeOfArray(volume.data);

/** Write a zyx volume as a zarr array at `path` (or at `path:dataset` inside a group). */
export async function writeZarrVolume(
  path: string,
  dataset: string,
  volume: DenseVolume,
  options: ZarrWriteOptions = {},
): Promise<void> {
  registerGzip();
  checkVolumeData(path, volume);
  const store = new FolderStore(resolve(path));
  const name = normalizeDataset(dataset);
  const chunks = clampChunk(options.chunks ?? DEFAULT_CHUNK, volume.shape);
  try {
    const create = options.version === 2 ? createV2 : createV3;
    const arr = await create(store, name, volume, chunks, options);
    const [, ny, nx] = volume.shape;
    await zarr.set(arr, null, {
      data: volume.data as never,
      shape: [...volume.shape],
      stride: [ny * nx, nx, 1],
    });
  } catch (error) {
    throw new VolumeFileError(path, `cannot write zarr array '${name}': ${describeError(error)}`);
  }
}
