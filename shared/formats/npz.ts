import { unzipSync, zipSync, type Zippable } from 'fflate';
import { decodeNpy, encodeNpy, NpyFormatError, type NpyArray } from './npy';

/**
 * NumPy .npz archives (np.savez / np.savez_compressed): a zip of `<name>.npy` members. FFN's
 * inference writes `seg-*.npz` with `segmentation`, `origins`, `request`, `counters`, `overlaps`.
 * A deflated member cannot be read partially, so arrays are decoded whole, in memory.
 */
export class NpzFormatError extends Error {}

export interface NpzMember {
  /** Array name (the member name without `.npy`). */
  readonly name: string;
  /** Uncompressed size in bytes, from the zip directory (known before inflating). */
  readonly bytes: number;
}

function unzip(
  zip: Uint8Array,
  filter: (name: string, originalSize: number) => boolean,
): Record<string, Uint8Array> {
  try {
    return unzipSync(zip, { filter: (file) => filter(file.name, file.originalSize) });
  } catch (error) {
    if (error instanceof NpzFormatError) throw error;
    throw new NpzFormatError(
      `not a readable zip archive (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** Arrays in the archive, without inflating any of them. */
export function listNpz(zip: Uint8Array): NpzMember[] {
  const members: NpzMember[] = [];
  unzip(zip, (name, bytes) => {
    if (name.endsWith('.npy')) members.push({ name: name.slice(0, -4), bytes });
    return false;
  });
  return members;
}

/**
 * Decode one array. `maxBytes` guards against archives whose directory claims absurd sizes:
 * the check happens before anything is inflated.
 */
export function readNpzArray(zip: Uint8Array, name: string, maxBytes = Number.MAX_SAFE_INTEGER): NpyArray {
  const member = `${name}.npy`;
  const files = unzip(zip, (file, originalSize) => {
    if (file !== member) return false;
    if (originalSize > maxBytes) {
      throw new NpzFormatError(
        `${member} is ${originalSize} bytes uncompressed, over the ${maxBytes}-byte limit`,
      );
    }
    return true;
  });
  const bytes = files[member];
  if (!bytes) {
    const names = listNpz(zip).map((m) => m.name);
    throw new NpzFormatError(`no array '${name}'; arrays in the archive: ${names.join(', ') || '(none)'}`);
  }
  try {
    return decodeNpy(bytes);
  } catch (error) {
    if (error instanceof NpyFormatError) throw new NpzFormatError(`${member}: ${error.message}`);
    throw error;
  }
}

/** Build an .npz archive; `compress` deflates like np.savez_compressed, else stores like np.savez. */
export function encodeNpz(arrays: Readonly<Record<string, NpyArray>>, compress = true): Uint8Array {
  const files: Zippable = {};
  for (const [name, array] of Object.entries(arrays)) files[`${name}.npy`] = encodeNpy(array);
  return zipSync(files, { level: compress ? 6 : 0 });
}
