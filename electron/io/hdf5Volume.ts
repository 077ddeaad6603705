import { resolve } from 'node:path';
import { normalizeDataset } from '../../shared/formats/volumeSpec';
import {
  allocate,
  boxVoxels,
  bytesPerVoxel,
  type Box3,
  type Dtype,
  type Vec3,
  type VolumeKind,
  type VoxelArray,
} from '../../shared/volume/types';
import {
  describeH5Error,
  formatDatasetList,
  listDatasets,
  loadH5,
  releaseErrorFiles,
  type H5,
  type H5Dataset,
  type H5File,
} from './h5wasmModule';
import {
  checkBox,
  checkDtype,
  clampChunk,
  DEFAULT_CHUNK,
  DEFAULT_RESOLUTION,
  parseResolution,
  settle,
  squeezeTo3d,
  VolumeFileError,
  type VolumeSource,
} from './volumeSource';

/** Names tried, in order, when a spec names no dataset (FFN's `raw` and `stack` first). */
const DEFAULT_NAMES: Record<VolumeKind, readonly string[]> = {
  image: ['raw', 'image', 'volumes/raw', 'data', 'main'],
  labels: ['stack', 'segmentation', 'labels', 'seg', 'volumes/labels/neuron_ids', 'main'],
};

/** Largest single h5wasm read by default; see readNow. */
const SLAB_BYTES = 64 * 2 ** 20;

export interface Hdf5ReadOptions {
  /** Boxes bigger than this are read in z slabs (default 64 MiB). */
  readonly slabBytes?: number;
}

const H5T_INTEGER = 0;
const H5T_FLOAT = 1;

/** Our dtype for the dataset's HDF5 type (byte order is converted by HDF5 on read). */
function dtypeOf(ds: H5Dataset): { dtype: Dtype | undefined; stored: string } {
  const { type, size, signed } = ds.metadata;
  if (type === H5T_INTEGER) {
    const stored = `${signed ? 'int' : 'uint'}${size * 8}`;
    const known = ['uint8', 'uint16', 'uint32', 'uint64', 'int8', 'int16', 'int32', 'int64'];
    return { dtype: known.includes(stored) ? (stored as Dtype) : undefined, stored };
  }
  if (type === H5T_FLOAT) return { dtype: size === 4 ? 'float32' : undefined, stored: `float${size * 8}` };
  return { dtype: undefined, stored: `non-numeric HDF5 type '${JSON.stringify(ds.dtype)}'` };
}

function pickDataset(
  h5: H5,
  file: H5File,
  path: string,
  dataset: string,
  kind: VolumeKind,
): [string, H5Dataset] {
  const get = (name: string): H5Dataset | undefined => {
    try {
      const entity = file.get(name);
      return entity instanceof h5.Dataset ? entity : undefined;
    } catch {
      return undefined;
    }
  };
  if (dataset) {
    const ds = get(dataset);
    if (ds) return [dataset, ds];
    throw new VolumeFileError(
      path,
      `no dataset '${dataset}'; datasets in the file: ${formatDatasetList(listDatasets(file))}`,
    );
  }
  for (const name of DEFAULT_NAMES[kind]) {
    const ds = get(name);
    if (ds) return [name, ds];
  }
  const all = listDatasets(file);
  const volumes = all.filter((d) => d.shape.length >= 3);
  const only = volumes.length === 1 ? volumes[0] : undefined;
  const ds = only && get(only.path);
  if (only && ds) return [only.path, ds];
  throw new VolumeFileError(
    path,
    `no ${kind} dataset given and none named ${DEFAULT_NAMES[kind].join('/')}; ` +
      `name one as FILE:DATASET; datasets in the file: ${formatDatasetList(all)}`,
  );
}

function readResolution(ds: H5Dataset, file: H5File): Vec3 {
  for (const holder of [ds, file]) {
    try {
      if (!('resolution' in holder.attrs)) continue;
      const value = parseResolution(holder.get_attribute('resolution', false));
      if (value) return value;
    } catch {
      // an unreadable attribute is as good as none
    }
  }
  return DEFAULT_RESOLUTION;
}

/** Open `dataset` in the HDF5 file at `path` (FFN's `path.h5:dataset`). */
export async function openHdf5(
  path: string,
  dataset: string,
  kind: VolumeKind,
  options: Hdf5ReadOptions = {},
): Promise<VolumeSource> {
  const h5 = await loadH5();
  let file: H5File;
  try {
    file = new h5.File(resolve(path), 'r');
  } catch (error) {
    throw new VolumeFileError(path, `cannot open as HDF5: ${describeH5Error(error)}`);
  } finally {
    releaseErrorFiles();
  }
  try {
    return makeSource(h5, file, path, normalizeDataset(dataset), kind, options.slabBytes ?? SLAB_BYTES);
  } catch (error) {
    file.close();
    if (error instanceof VolumeFileError) throw error;
    throw new VolumeFileError(path, `cannot read HDF5 metadata: ${describeH5Error(error)}`);
  } finally {
    releaseErrorFiles(); // lookups of absent datasets or attributes fail inside HDF5 too
  }
}

function makeSource(
  h5: H5,
  file: H5File,
  path: string,
  wanted: string,
  kind: VolumeKind,
  slabBytes: number,
): VolumeSource {
  const [name, ds] = pickDataset(h5, file, path, wanted, kind);
  const subject = `dataset '${name}'`;
  const stored = ds.shape ?? [];
  const shape = squeezeTo3d(path, stored, subject);
  const lead = stored.length - 3;
  const { dtype: maybe, stored: storedType } = dtypeOf(ds);
  const dtype = checkDtype(path, kind, maybe, storedType, subject);
  const chunks = ds.metadata.chunks;
  const chunkShape = clampChunk(chunks ? (chunks.slice(lead) as unknown as Vec3) : DEFAULT_CHUNK, shape);
  const info = {
    path: resolve(path),
    dataset: name,
    kind,
    shape,
    dtype,
    resolution: readResolution(ds, file),
    chunkShape,
  };
  let open = true;
  // Big boxes are read in z slabs (whole storage chunks deep) so that h5wasm's heap, which
  // never shrinks, stays small; the result is assembled outside it.
  const planeBytes = (box: Box3): number => box.size[1] * box.size[2] * bytesPerVoxel(dtype);
  const slabDepth = (box: Box3): number => {
    const fit = Math.floor(slabBytes / Math.max(1, planeBytes(box)) / chunkShape[0]) * chunkShape[0];
    return Math.max(chunkShape[0], fit);
  };
  const readSlab = (box: Box3): VoxelArray => {
    // A hyperslab read: HDF5 touches only the chunks the box crosses.
    const ranges: [number, number][] = Array.from({ length: lead }, () => [0, 1]);
    for (let i = 0; i < 3; i++) ranges.push([box.start[i]!, box.start[i]! + box.size[i]!]);
    let data: unknown;
    try {
      data = ds.slice(ranges);
    } catch (error) {
      releaseErrorFiles();
      throw new VolumeFileError(path, `${subject}: cannot read voxels: ${describeH5Error(error)}`);
    }
    if (!ArrayBuffer.isView(data) || (data as VoxelArray).length !== boxVoxels(box)) {
      throw new VolumeFileError(path, `${subject}: HDF5 returned no data of the box's size`);
    }
    return data as VoxelArray;
  };
  const readNow = (box: Box3): VoxelArray => {
    if (!open) throw new VolumeFileError(path, `${subject}: read after the file was closed`);
    checkBox(path, box, shape, dtype);
    if (boxVoxels(box) === 0) return allocate(dtype, 0);
    const depth = slabDepth(box);
    if (box.size[0] <= depth) return readSlab(box);
    const out = allocate(dtype, boxVoxels(box));
    const z0 = box.start[0];
    // Slab edges fall on chunk edges, so no chunk is decompressed twice.
    for (let z = z0; z < z0 + box.size[0];) {
      const end = Math.min(z0 + box.size[0], (Math.floor(z / depth) + 1) * depth);
      const slab = readSlab({
        start: [z, box.start[1], box.start[2]],
        size: [end - z, box.size[1], box.size[2]],
      });
      (out as Uint8Array).set(slab as Uint8Array, (z - z0) * box.size[1] * box.size[2]);
      z = end;
    }
    return out;
  };

  return {
    info,
    read: (box) => settle(() => readNow(box)),
    close() {
      if (!open) return;
      open = false;
      file.close();
    },
  };
}
