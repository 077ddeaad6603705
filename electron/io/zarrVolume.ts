import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as zarr from 'zarrita';
import { normalizeDataset } from '../../shared/formats/volumeSpec';
import {
  allocate,
  boxVoxels,
  type Box3,
  type Dtype,
  type VolumeKind,
  type VoxelArray,
} from '../../shared/volume/types';
import { FolderStore, registerGzip } from './zarrStore';
import {
  checkBox,
  checkDtype,
  clampChunk,
  DEFAULT_RESOLUTION,
  describeError,
  parseResolution,
  squeezeTo3d,
  VolumeFileError,
  type VolumeSource,
} from './volumeSource';

type ZarrArray = zarr.Array<zarr.DataType, FolderStore>;

const DEFAULT_NAMES: Record<VolumeKind, readonly string[]> = {
  image: ['raw', 'image', 'volumes/raw', 'data'],
  labels: ['stack', 'segmentation', 'labels', 'seg', 'volumes/labels/neuron_ids'],
};

const KNOWN: readonly string[] = [
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'int8',
  'int16',
  'int32',
  'int64',
  'float32',
];

/** Array paths below `root` (folders holding .zarray or zarr.json), for defaults and messages. */
export function listZarrArrays(root: string, limit = 50): string[] {
  const out: string[] = [];
  const visit = (dir: string, prefix: string, depth: number): void => {
    if (out.length >= limit || depth > 4) return;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    const isArray = names.includes('.zarray') || (names.includes('zarr.json') && isV3Array(dir));
    if (isArray && prefix) out.push(prefix);
    if (isArray) return;
    for (const name of names.sort()) {
      if (!name.startsWith('.') && name !== 'zarr.json')
        visit(join(dir, name), prefix ? `${prefix}/${name}` : name, depth + 1);
    }
  };
  visit(root, '', 0);
  return out;
}

function isV3Array(dir: string): boolean {
  try {
    return /"node_type"\s*:\s*"array"/.test(readFileSync(join(dir, 'zarr.json'), 'utf8'));
  } catch {
    return false;
  }
}

/**
 * zarrita treats unparsable metadata like missing metadata (then reports "not found"), so a
 * broken .zarray or zarr.json is checked here to say what is actually wrong.
 */
function checkMetadata(store: FolderStore, name: string): void {
  for (const meta of ['.zarray', 'zarr.json']) {
    const file = join(store.root, ...name.split('/').filter(Boolean), meta);
    if (!existsSync(file)) continue;
    try {
      JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`${name ? `${name}/` : ''}${meta} is not valid JSON (${describeError(error)})`, {
        cause: error,
      });
    }
  }
}

async function openArray(store: FolderStore, name: string): Promise<ZarrArray | undefined> {
  checkMetadata(store, name);
  try {
    return await zarr.open(zarr.root(store).resolve(name), { kind: 'array' });
  } catch (error) {
    if (error instanceof zarr.NotFoundError) return undefined;
    throw error;
  }
}

async function pickArray(
  store: FolderStore,
  path: string,
  dataset: string,
  kind: VolumeKind,
): Promise<[string, ZarrArray]> {
  const names = dataset ? [dataset] : ['', ...DEFAULT_NAMES[kind]];
  for (const name of names) {
    const arr = await openArray(store, name);
    if (arr) return [name, arr];
  }
  const all = listZarrArrays(resolve(path));
  const only = !dataset && all.length === 1 ? all[0] : undefined;
  const arr = only === undefined ? undefined : await openArray(store, only);
  if (only !== undefined && arr) return [only, arr];
  const listing = `arrays in the store: ${all.join(', ') || '(none)'}`;
  throw new VolumeFileError(
    path,
    dataset
      ? `no array '${dataset}'; ${listing}`
      : `no ${kind} array given and none named ${DEFAULT_NAMES[kind].join('/')}; ${listing}`,
  );
}

/** Open a zarr v2 or v3 array: `store.zarr` (an array itself) or `store.zarr:group/array`. */
export async function openZarr(path: string, dataset: string, kind: VolumeKind): Promise<VolumeSource> {
  registerGzip();
  if (!existsSync(path)) throw new VolumeFileError(path, 'no such file or folder');
  const store = new FolderStore(resolve(path));
  let name: string;
  let arr: ZarrArray;
  try {
    [name, arr] = await pickArray(store, path, normalizeDataset(dataset), kind);
  } catch (error) {
    if (error instanceof VolumeFileError) throw error;
    throw new VolumeFileError(path, `cannot read zarr metadata: ${describeError(error)}`);
  }
  const subject = name ? `array '${name}'` : 'the array';
  const shape = squeezeTo3d(path, arr.shape, subject);
  const lead = arr.shape.length - 3;
  const dtype = checkDtype(
    path,
    kind,
    KNOWN.includes(arr.dtype) ? (arr.dtype as Dtype) : undefined,
    arr.dtype,
    subject,
  );
  const chunkShape = clampChunk(arr.chunks.slice(lead) as unknown as typeof shape, shape);
  const resolution = parseResolution(arr.attrs.resolution) ?? DEFAULT_RESOLUTION;
  const info = { path: resolve(path), dataset: name, kind, shape, dtype, resolution, chunkShape };
  return {
    info,
    async read(box: Box3) {
      checkBox(path, box, shape, dtype);
      if (boxVoxels(box) === 0) return allocate(dtype, 0);
      const selection = [
        ...Array.from({ length: lead }, () => 0),
        ...[0, 1, 2].map((i) => zarr.slice(box.start[i]!, box.start[i]! + box.size[i]!)),
      ];
      try {
        const chunk = await zarr.get(arr, selection);
        return toCOrder(chunk.data as VoxelArray, chunk.shape, chunk.stride, dtype);
      } catch (error) {
        throw new VolumeFileError(path, `${subject}: cannot read voxels: ${describeError(error)}`);
      }
    },
    close() {
      // Nothing held open: every read opens and closes its chunk files.
    },
  };
}

/** zarrita hands back C order for C arrays; an F-order v2 array may come back strided. */
function toCOrder(data: VoxelArray, shape: number[], stride: number[], dtype: Dtype): VoxelArray {
  const [nz, ny, nx] = shape as [number, number, number];
  const [sz, sy, sx] = stride as [number, number, number];
  if (sx === 1 && sy === nx && sz === nx * ny) return data;
  const out = allocate(dtype, nz * ny * nx) as Uint8Array;
  const src = data as Uint8Array;
  let i = 0;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) out[i++] = src[z * sz + y * sy + x * sx]!;
  return out;
}
