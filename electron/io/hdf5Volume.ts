import { resolve } from 'node:path';
import { normalizeDataset } from '../../shared/formats/volumeSpec';
import {
  allocate,
  boxVoxels,
  type Box3,
  type Dtype,
  type Vec3,
  type VolumeKind,
} from '../../shared/volume/types';
import {
  describeH5Error,
  formatDatasetList,
  listDatasets,
  loadH5,
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
  squeezeTo3d,
  VolumeFileError,
  type VolumeSource,
} from './volumeSource';

/** Names tried, in order, when a spec names no dataset (FFN's `raw` and `stack` first). */
const DEFAULT_NAMES: Record<VolumeKind, readonly string[]> = {
  image: ['raw', 'image', 'volumes/raw', 'data', 'main'],
  labels: ['stack', 'segmentation', 'labels', 'seg', 'volumes/labels/neuron_ids', 'main'],
};

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
  return { dtype: undefined, stored: `non-numeric HDF5 type '${String(ds.dtype)}'` };
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
export async function openHdf5(path: string, dataset: string, kind: VolumeKind): Promise<VolumeSource> {
  const h5 = await loadH5();
  let file: H5File;
  try {
    file = new h5.File(resolve(path), 'r');
  } catch (error) {
    throw new VolumeFileError(path, `cannot open as HDF5: ${describeH5Error(error)}`);
  }
  try {
    return makeSource(h5, file, path, normalizeDataset(dataset), kind);
  } catch (error) {
    file.close();
    if (error instanceof VolumeFileError) throw error;
    throw new VolumeFileError(path, `cannot read HDF5 metadata: ${describeH5Error(error)}`);
  }
}

function makeSource(h5: H5, file: H5File, path: string, wanted: string, kind: VolumeKind): VolumeSource {
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
  return {
    info,
    read(box: Box3) {
      if (!open)
        return Promise.reject(new VolumeFileError(path, `${subject}: read after the file was closed`));
      checkBox(path, box, shape, dtype);
      if (boxVoxels(box) === 0) return Promise.resolve(allocate(dtype, 0));
      // A hyperslab read: HDF5 touches only the chunks the box crosses.
      const ranges: [number, number][] = Array.from({ length: lead }, () => [0, 1]);
      for (let i = 0; i < 3; i++) ranges.push([box.start[i]!, box.start[i]! + box.size[i]!]);
      try {
        const data = ds.slice(ranges);
        if (!ArrayBuffer.isView(data) || (data as unknown as { length: number }).length !== boxVoxels(box)) {
          throw new Error('HDF5 returned no data of the expected size');
        }
        return Promise.resolve(data as ReturnType<typeof allocate>);
      } catch (error) {
        return Promise.reject(
          new VolumeFileError(path, `${subject}: cannot read voxels: ${describeH5Error(error)}`),
        );
      }
    },
    close() {
      if (!open) return;
      open = false;
      file.close();
    },
  };
}
