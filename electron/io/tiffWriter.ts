import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { bytesPerVoxel, type DenseVolume, type Dtype } from '../../shared/volume/types';
import { checkVolumeData, describeError, dtypeOfArray, VolumeFileError } from './volumeSource';

export interface TiffWriteOptions {
  /** Write a folder of single-page files `z0000.tif`... instead of one multi-page file. */
  readonly folder?: boolean;
}

const ENTRIES = 10;
const IFD_BYTES = 2 + ENTRIES * 12 + 4;
const SHORT = 3;
const LONG = 4;

const sampleFormat = (dtype: Dtype): number => (dtype === 'float32' ? 3 : dtype.startsWith('int') ? 2 : 1);

/** One IFD (all values fit inline) describing an uncompressed one-strip greyscale page. */
function ifd(width: number, height: number, dtype: Dtype, dataOffset: number, next: number): Uint8Array {
  const bytes = new Uint8Array(IFD_BYTES);
  const view = new DataView(bytes.buffer);
  const bits = bytesPerVoxel(dtype) * 8;
  const entries: [number, number, number][] = [
    [256, LONG, width],
    [257, LONG, height],
    [258, SHORT, bits],
    [259, SHORT, 1], // no compression
    [262, SHORT, 1], // black is zero
    [273, LONG, dataOffset],
    [277, SHORT, 1],
    [278, LONG, height], // one strip
    [279, LONG, width * height * (bits / 8)],
    [339, SHORT, sampleFormat(dtype)],
  ];
  view.setUint16(0, ENTRIES, true);
  entries.forEach(([tag, type, value], i) => {
    const at = 2 + i * 12;
    view.setUint16(at, tag, true);
    view.setUint16(at + 2, type, true);
    view.setUint32(at + 4, 1, true);
    if (type === SHORT) view.setUint16(at + 8, value, true);
    else view.setUint32(at + 8, value, true);
  });
  view.setUint32(2 + ENTRIES * 12, next, true);
  return bytes;
}

function writePages(file: string, volume: DenseVolume, z0: number, z1: number): void {
  const [, height, width] = volume.shape;
  const dtype = dtypeOfArray(volume.data);
  const planeBytes = width * height * bytesPerVoxel(dtype);
  const pageBytes = IFD_BYTES + planeBytes + (planeBytes % 2); // IFDs start on a word boundary
  if (8 + (z1 - z0) * pageBytes > 2 ** 32 - 1)
    throw new Error('over 4 GiB: classic TIFF cannot hold it; use HDF5 or zarr');
  const all = new Uint8Array(volume.data.buffer, volume.data.byteOffset, volume.data.byteLength);
  const fd = openSync(file, 'w');
  try {
    const header = new Uint8Array([0x49, 0x49, 42, 0, 8, 0, 0, 0]); // "II", 42, first IFD at 8
    writeSync(fd, header);
    for (let z = z0; z < z1; z++) {
      const at = 8 + (z - z0) * pageBytes;
      const next = z + 1 < z1 ? at + pageBytes : 0;
      writeSync(fd, ifd(width, height, dtype, at + IFD_BYTES, next));
      writeSync(fd, all.subarray(z * planeBytes, (z + 1) * planeBytes));
      if (planeBytes % 2) writeSync(fd, new Uint8Array(1));
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Write a zyx volume as an uncompressed little-endian TIFF stack (pages = z), or as a folder of
 * one file per z. For tests and for users converting data; ImageJ, tifffile and utif2 read it.
 */
export function writeTiffStack(path: string, volume: DenseVolume, options: TiffWriteOptions = {}): void {
  checkVolumeData(path, volume);
  try {
    if (!options.folder) {
      writePages(path, volume, 0, volume.shape[0]);
      return;
    }
    mkdirSync(path, { recursive: true });
    const digits = Math.max(4, String(volume.shape[0] - 1).length);
    for (let z = 0; z < volume.shape[0]; z++) {
      writePages(join(path, `z${String(z).padStart(digits, '0')}.tif`), volume, z, z + 1);
    }
  } catch (error) {
    throw new VolumeFileError(path, `cannot write TIFF: ${describeError(error)}`);
  }
}
