import { bytesPerVoxel, type Dtype, type VoxelArray } from '../volume/types';

/**
 * NumPy's .npy format (numpy.lib.format): magic `\x93NUMPY`, version, header length (uint16 in
 * v1, uint32 in v2/v3), a Python dict literal `{'descr': '<u8', 'fortran_order': False,
 * 'shape': (64, 256, 256), }` padded with spaces to a multiple of 64, then the raw data.
 */
export class NpyFormatError extends Error {}

export interface NpyArray {
  readonly dtype: Dtype;
  readonly shape: readonly number[];
  /** C-order values; 64-bit integers as BigUint64Array / BigInt64Array. */
  readonly data: VoxelArray;
}

export interface NpyHeader {
  /** The dtype string as written, e.g. '<u8'. */
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
  /** Byte offset of the first value. */
  readonly dataOffset: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const DTYPE_BY_CODE: Readonly<Record<string, Dtype>> = {
  u1: 'uint8',
  u2: 'uint16',
  u4: 'uint32',
  u8: 'uint64',
  i1: 'int8',
  i2: 'int16',
  i4: 'int32',
  i8: 'int64',
  f4: 'float32',
};

const CODE_BY_DTYPE: Readonly<Record<Dtype, string>> = {
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

export function parseNpyHeader(bytes: Uint8Array): NpyHeader {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    throw new NpyFormatError('not a .npy array (bad magic)');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenBytes = major === 1 ? 2 : 4;
  if (major < 1 || major > 3) throw new NpyFormatError(`unsupported .npy version ${major}`);
  if (bytes.length < 8 + lenBytes) throw new NpyFormatError('truncated .npy header');
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataOffset = 8 + lenBytes + headerLen;
  if (dataOffset > bytes.length) throw new NpyFormatError('truncated .npy header');
  const text = new TextDecoder().decode(bytes.subarray(8 + lenBytes, dataOffset));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new NpyFormatError(`unreadable .npy header ${JSON.stringify(text.trim().slice(0, 200))}`);
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (shape.some((n) => !Number.isSafeInteger(n) || n < 0))
    throw new NpyFormatError(`bad shape (${shapeText})`);
  return { descr, fortranOrder: fortran === 'True', shape, dataOffset };
}

/** Our dtype for an npy descr, or undefined for one we do not read (float64, bool, strings...). */
export function dtypeOfDescr(descr: string): Dtype | undefined {
  return DTYPE_BY_CODE[descr.slice(1)];
}

export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Decode a whole .npy array; throws NpyFormatError naming what is wrong. */
export function decodeNpy(bytes: Uint8Array): NpyArray {
  const header = parseNpyHeader(bytes);
  const dtype = dtypeOfDescr(header.descr);
  if (!dtype) throw new NpyFormatError(`unsupported dtype '${header.descr}'`);
  if (header.fortranOrder)
    throw new NpyFormatError('fortran_order arrays are not supported (save a C-order array)');
  const size = bytesPerVoxel(dtype);
  const count = shapeSize(header.shape);
  const available = bytes.length - header.dataOffset;
  if (count * size !== available) {
    throw new NpyFormatError(
      `header shape (${header.shape.join(', ')}) needs ${count * size} bytes of ${header.descr} but the array holds ${available}`,
    );
  }
  return {
    dtype,
    shape: header.shape,
    data: typedView(bytes, header.dataOffset, dtype, count, header.descr[0] === '>'),
  };
}

/** A typed array over the values: a view when aligned and little-endian, else a copy. */
function typedView(
  bytes: Uint8Array,
  offset: number,
  dtype: Dtype,
  count: number,
  bigEndian: boolean,
): VoxelArray {
  const size = bytesPerVoxel(dtype);
  let start = bytes.byteOffset + offset;
  let buffer = bytes.buffer;
  if (start % size !== 0 || (bigEndian && size > 1)) {
    const copy = bytes.slice(offset, offset + count * size);
    if (bigEndian && size > 1) swapBytes(copy, size);
    buffer = copy.buffer;
    start = 0;
  }
  return makeArray(dtype, buffer as ArrayBuffer, start, count);
}

function swapBytes(bytes: Uint8Array, size: number): void {
  for (let i = 0; i < bytes.length; i += size) bytes.subarray(i, i + size).reverse();
}

function makeArray(dtype: Dtype, buffer: ArrayBuffer, offset: number, count: number): VoxelArray {
  switch (dtype) {
    case 'uint8':
      return new Uint8Array(buffer, offset, count);
    case 'uint16':
      return new Uint16Array(buffer, offset, count);
    case 'uint32':
      return new Uint32Array(buffer, offset, count);
    case 'uint64':
      return new BigUint64Array(buffer, offset, count);
    case 'int8':
      return new Int8Array(buffer, offset, count);
    case 'int16':
      return new Int16Array(buffer, offset, count);
    case 'int32':
      return new Int32Array(buffer, offset, count);
    case 'int64':
      return new BigInt64Array(buffer, offset, count);
    case 'float32':
      return new Float32Array(buffer, offset, count);
  }
}

/** Encode a C-order array as .npy v1 (little-endian, header padded to 64 bytes as numpy does). */
export function encodeNpy(array: NpyArray): Uint8Array {
  const count = shapeSize(array.shape);
  if (array.data.length !== count) {
    throw new NpyFormatError(
      `data has ${array.data.length} values but shape (${array.shape.join(', ')}) needs ${count}`,
    );
  }
  const shapeText = array.shape.length === 1 ? `${array.shape[0]},` : array.shape.join(', ');
  let dict = `{'descr': '${CODE_BY_DTYPE[array.dtype]}', 'fortran_order': False, 'shape': (${shapeText}), }`;
  const unpadded = 10 + dict.length + 1;
  dict += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const header = new TextEncoder().encode(dict);
  const values = new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  const out = new Uint8Array(10 + header.length + values.length);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(header, 10);
  out.set(values, 10 + header.length);
  return out;
}
