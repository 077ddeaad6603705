/** Arrays and coordinates are zyx everywhere, as FFN and AxonEM store them. */
export type Vec3 = readonly [z: number, y: number, x: number];

export type LabelDtype = 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'int8' | 'int16' | 'int32' | 'int64';
export type ImageDtype = 'uint8' | 'uint16' | 'float32';
export type Dtype = LabelDtype | ImageDtype;

/** Typed arrays a label block may arrive in; 64-bit ids stay 64-bit (FFN writes uint64). */
export type LabelArray =
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array;
export type ImageArray = Uint8Array | Uint16Array | Float32Array;
export type VoxelArray = LabelArray | ImageArray;

/** An axis-aligned box of voxels: start inclusive, size in voxels, both zyx. */
export interface Box3 {
  readonly start: Vec3;
  readonly size: Vec3;
}

export type VolumeKind = 'image' | 'labels';

/** What is known about a dataset without reading its voxels. */
export interface VolumeInfo {
  /** File or folder the data comes from ('demo' for the built-in volume). */
  readonly path: string;
  /** Dataset inside the container ('' when the format has none, e.g. a TIFF stack). */
  readonly dataset: string;
  readonly kind: VolumeKind;
  readonly shape: Vec3;
  readonly dtype: Dtype;
  /** Voxel size in nm, zyx. */
  readonly resolution: Vec3;
  /** Shape of the storage chunks that reads are aligned to. */
  readonly chunkShape: Vec3;
}

export function voxelCount(shape: Vec3): number {
  return shape[0] * shape[1] * shape[2];
}

export function boxVoxels(box: Box3): number {
  return voxelCount(box.size);
}

export function sameShape(a: Vec3, b: Vec3): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

export function formatVec(v: Vec3): string {
  return `${v[0]}x${v[1]}x${v[2]}`;
}

/** Whether a label dtype holds 64-bit values (then ids are bigint). */
export function isBigDtype(dtype: Dtype): boolean {
  return dtype === 'uint64' || dtype === 'int64';
}

export function isLabelDtype(dtype: Dtype): dtype is LabelDtype {
  return dtype !== 'float32';
}

export function bytesPerVoxel(dtype: Dtype): number {
  switch (dtype) {
    case 'uint8':
    case 'int8':
      return 1;
    case 'uint16':
    case 'int16':
      return 2;
    case 'uint32':
    case 'int32':
    case 'float32':
      return 4;
    case 'uint64':
    case 'int64':
      return 8;
  }
}

export function allocate(dtype: Dtype, length: number): VoxelArray {
  switch (dtype) {
    case 'uint8':
      return new Uint8Array(length);
    case 'uint16':
      return new Uint16Array(length);
    case 'uint32':
      return new Uint32Array(length);
    case 'uint64':
      return new BigUint64Array(length);
    case 'int8':
      return new Int8Array(length);
    case 'int16':
      return new Int16Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'int64':
      return new BigInt64Array(length);
    case 'float32':
      return new Float32Array(length);
  }
}

/** A volume held in memory: data is C-order zyx (x fastest). */
export interface DenseVolume<T extends VoxelArray = VoxelArray> {
  readonly shape: Vec3;
  readonly data: T;
}
