import {
  bytesPerVoxel,
  formatVec,
  voxelCount,
  type Box3,
  type DenseVolume,
  type Dtype,
  type Vec3,
  type VolumeInfo,
  type VolumeKind,
  type VoxelArray,
} from '../../shared/volume/types';

/** An open volume: metadata up front, voxels box by box. */
export interface VolumeSource {
  readonly info: VolumeInfo;
  /** A fresh C-order (zyx, x fastest) array of the box, in the stored dtype. */
  read(box: Box3): Promise<VoxelArray>;
  close(): void;
}

/** Anything wrong with a volume file, said in words a user can act on. */
export class VolumeFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'VolumeFileError';
  }
}

/** Used when a file records no voxel size: 1 nm isotropic, so distances read as voxels. */
export const DEFAULT_RESOLUTION: Vec3 = [1, 1, 1];

/** Storage chunk reported for data that has none (contiguous HDF5, TIFF pages, npz in memory). */
export const DEFAULT_CHUNK: Vec3 = [64, 64, 64];

/** The most one read may return; keeps a bad box or a lying header from exhausting memory. */
export const MAX_READ_BYTES = 2 ** 30;

export const IMAGE_DTYPES: readonly Dtype[] = ['uint8', 'uint16', 'float32'];

export function clampChunk(chunk: Vec3, shape: Vec3): Vec3 {
  return [Math.min(chunk[0], shape[0]), Math.min(chunk[1], shape[1]), Math.min(chunk[2], shape[2])];
}

/**
 * Reduce a stored shape to zyx. Leading singleton axes (a 4-D `1 x Z x Y x X`, as some tools write
 * a channel or time axis) are dropped; anything else that is not 3-D is refused.
 */
export function squeezeTo3d(file: string, shape: readonly number[], subject = 'the data'): Vec3 {
  let lead = 0;
  while (shape.length - lead > 3 && shape[lead] === 1) lead++;
  const rest = shape.slice(lead);
  if (rest.length !== 3) {
    throw new VolumeFileError(
      file,
      `${subject} is ${shape.length}-D with shape (${shape.join(', ')}); a 3-D z,y,x volume is needed`,
    );
  }
  if (rest.some((n) => !Number.isSafeInteger(n) || n < 1)) {
    throw new VolumeFileError(file, `${subject} has an empty or invalid shape (${shape.join(', ')})`);
  }
  return rest as unknown as Vec3;
}

/** Refuse a dtype the kind cannot use, with the reason. */
export function checkDtype(
  file: string,
  kind: VolumeKind,
  dtype: Dtype | undefined,
  stored: string,
  subject = 'the data',
): Dtype {
  if (dtype === undefined) {
    const wanted =
      kind === 'image' ? 'uint8, uint16 or float32' : 'an integer type (uint8..uint64, int8..int64)';
    throw new VolumeFileError(
      file,
      `${subject} has unsupported data type ${stored}; ${kind} volumes must be ${wanted}`,
    );
  }
  if (kind === 'labels' && dtype === 'float32') {
    throw new VolumeFileError(file, `${subject} has data type ${stored}, but labels must be integers`);
  }
  if (kind === 'image' && !IMAGE_DTYPES.includes(dtype)) {
    throw new VolumeFileError(
      file,
      `${subject} has unsupported image data type ${stored}; images must be uint8, uint16 or float32`,
    );
  }
  return dtype;
}

/** Check that a box is whole voxels, inside the volume and small enough to hold in memory. */
export function checkBox(file: string, box: Box3, shape: Vec3, dtype: Dtype): void {
  const where = `box start ${formatVec(box.start)} size ${formatVec(box.size)} (z,y,x)`;
  for (let i = 0; i < 3; i++) {
    const start = box.start[i]!;
    const size = box.size[i]!;
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(size) || size < 0) {
      throw new VolumeFileError(file, `${where} is not a box of whole voxels`);
    }
    if (start < 0 || start + size > shape[i]!) {
      throw new VolumeFileError(file, `${where} lies outside the volume of shape ${formatVec(shape)}`);
    }
  }
  const bytes = voxelCount(box.size) * bytesPerVoxel(dtype);
  if (bytes > MAX_READ_BYTES) {
    throw new VolumeFileError(
      file,
      `${where} is ${(bytes / 2 ** 30).toFixed(1)} GiB, too large to read at once (limit ${MAX_READ_BYTES / 2 ** 30} GiB)`,
    );
  }
}

/** Interpret a `resolution` attribute: three positive numbers in nm, zyx; else undefined. */
export function parseResolution(value: unknown): Vec3 | undefined {
  const list: unknown[] | undefined = Array.isArray(value)
    ? (value as unknown[])
    : ArrayBuffer.isView(value) && !(value instanceof DataView)
      ? Array.from(value as unknown as ArrayLike<unknown>)
      : undefined;
  if (!list || list.length !== 3) return undefined;
  const numbers = list.map((v) => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : NaN));
  if (numbers.some((n) => !Number.isFinite(n) || n <= 0)) return undefined;
  return numbers as unknown as Vec3;
}

/** The dtype a typed array holds (a Buffer counts as uint8). */
export function dtypeOfArray(data: VoxelArray): Dtype {
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Uint16Array) return 'uint16';
  if (data instanceof Uint32Array) return 'uint32';
  if (data instanceof BigUint64Array) return 'uint64';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof BigInt64Array) return 'int64';
  return 'float32';
}

/** Writers refuse data whose length does not match its shape. */
export function checkVolumeData(file: string, volume: DenseVolume): void {
  if (volume.shape.length !== 3 || volume.data.length !== voxelCount(volume.shape)) {
    throw new VolumeFileError(
      file,
      `data has ${volume.data.length} values but shape ${volume.shape.join('x')} (z,y,x) needs ${voxelCount(volume.shape)}`,
    );
  }
}

/** Run a synchronous read so that whatever it throws arrives as a rejected promise. */
export function settle<T>(read: () => T): Promise<T> {
  try {
    return Promise.resolve(read());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(describeError(error)));
  }
}

/** The message of whatever was thrown (libraries throw strings and plain objects too). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return JSON.stringify(error) ?? String(error);
}
