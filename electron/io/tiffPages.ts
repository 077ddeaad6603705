import type { FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Dtype } from '../../shared/volume/types';

// utif2 is CommonJS with `module.exports = UTIF`; require keeps its functions reachable from ESM.
const UTIF = createRequire(import.meta.url)('utif2') as typeof import('utif2');

/** Thrown for malformed or unsupported TIFF content; callers add the file name. */
export class TiffFormatError extends Error {}

/** One image of a TIFF file, located by its IFD; pixel data is read later, rows at a time. */
export interface TiffPage {
  readonly littleEndian: boolean;
  /** Tag values in utif2's shape (`t256: [width]`), numeric tags only. */
  readonly tags: Readonly<Record<string, number[]>>;
  readonly width: number;
  readonly height: number;
  readonly dtype: Dtype;
}

/** Tags the reader needs; others (ImageJ metadata, ICC profiles...) are never read. */
const WANTED = new Set([256, 257, 258, 259, 262, 266, 273, 277, 278, 279, 284, 317, 322, 323, 324, 325, 339]);
const TYPE_SIZE: Record<number, number> = { 1: 1, 3: 2, 4: 4, 6: 1, 8: 2, 9: 4, 13: 4 };
const MAX_PAGES = 1_000_000;
/** none, LZW, deflate (Adobe and old), PackBits: what utif2 decodes for greyscale stacks. */
const SUPPORTED_COMPRESSION = new Set([1, 5, 8, 32946, 32773]);

async function readAt(
  handle: FileHandle,
  offset: number,
  length: number,
  fileSize: number,
): Promise<Uint8Array> {
  if (offset < 0 || offset + length > fileSize) {
    throw new TiffFormatError(
      `offset ${offset}+${length} lies beyond the end of the file (${fileSize} bytes): truncated?`,
    );
  }
  const bytes = new Uint8Array(length);
  const { bytesRead } = await handle.read(bytes, 0, length, offset);
  if (bytesRead !== length) throw new TiffFormatError(`short read at offset ${offset}: truncated?`);
  return bytes;
}

/** Walk the IFD chain: every page (or only the first), without reading pixel data. */
export async function readTiffPages(handle: FileHandle, firstOnly = false): Promise<TiffPage[]> {
  const fileSize = (await handle.stat()).size;
  const head = await readAt(handle, 0, Math.min(8, fileSize), fileSize);
  const order = String.fromCharCode(head[0] ?? 0, head[1] ?? 0);
  if (head.length < 8 || (order !== 'II' && order !== 'MM'))
    throw new TiffFormatError('not a TIFF file (bad header)');
  const le = order === 'II';
  const view = new DataView(head.buffer);
  const magic = view.getUint16(2, le);
  if (magic === 43)
    throw new TiffFormatError('BigTIFF files are not supported; save as classic TIFF or HDF5');
  if (magic !== 42) throw new TiffFormatError('not a TIFF file (bad magic number)');
  const pages: TiffPage[] = [];
  const seen = new Set<number>();
  for (let offset = view.getUint32(4, le); offset !== 0;) {
    if (seen.has(offset) || pages.length >= MAX_PAGES)
      throw new TiffFormatError('the page (IFD) chain loops');
    seen.add(offset);
    const countBytes = await readAt(handle, offset, 2, fileSize);
    const count = new DataView(countBytes.buffer).getUint16(0, le);
    const entries = await readAt(handle, offset + 2, count * 12 + 4, fileSize);
    const tags = await readTags(handle, new DataView(entries.buffer), count, le, fileSize);
    pages.push(describePage(tags, le));
    if (firstOnly) break;
    offset = new DataView(entries.buffer).getUint32(count * 12, le);
  }
  if (pages.length === 0) throw new TiffFormatError('the file holds no images');
  return pages;
}

async function readTags(handle: FileHandle, dv: DataView, count: number, le: boolean, fileSize: number) {
  const tags: Record<string, number[]> = {};
  for (let i = 0; i < count; i++) {
    const at = i * 12;
    const tag = dv.getUint16(at, le);
    const type = dv.getUint16(at + 2, le);
    const n = dv.getUint32(at + 4, le);
    const size = TYPE_SIZE[type];
    if (!WANTED.has(tag) || size === undefined) continue;
    const bytes = n * size;
    const data =
      bytes <= 4
        ? new DataView(dv.buffer, at + 8, 4)
        : new DataView((await readAt(handle, dv.getUint32(at + 8, le), bytes, fileSize)).buffer);
    const values: number[] = new Array<number>(n);
    for (let k = 0; k < n; k++) {
      if (size === 1) values[k] = type === 6 ? data.getInt8(k) : data.getUint8(k);
      else if (size === 2) values[k] = type === 8 ? data.getInt16(k * 2, le) : data.getUint16(k * 2, le);
      else values[k] = type === 9 ? data.getInt32(k * 4, le) : data.getUint32(k * 4, le);
    }
    tags[`t${tag}`] = values;
  }
  return tags;
}

function describePage(tags: Record<string, number[]>, littleEndian: boolean): TiffPage {
  const first = (tag: number, fallback?: number): number => {
    const v = tags[`t${tag}`]?.[0] ?? fallback;
    if (v === undefined) throw new TiffFormatError(`a page lacks required tag ${tag}`);
    return v;
  };
  const width = first(256);
  const height = first(257);
  const samples = first(277, 1);
  if (samples !== 1)
    throw new TiffFormatError(
      `pages have ${samples} samples per pixel (colour?); a greyscale stack is needed`,
    );
  if (first(317, 1) === 3) throw new TiffFormatError('the floating-point predictor is not supported');
  const compression = first(259, 1);
  if (!SUPPORTED_COMPRESSION.has(compression)) {
    throw new TiffFormatError(
      `TIFF compression ${compression} is not supported (use none, LZW, deflate or PackBits)`,
    );
  }
  const bits = first(258, 1);
  const format = first(339, 1);
  const kind = format === 3 ? 'float' : format === 2 ? 'int' : 'uint';
  const name = `${kind}${bits}`;
  const supported = ['uint8', 'uint16', 'uint32', 'int8', 'int16', 'int32', 'float32'];
  if (!supported.includes(name))
    throw new TiffFormatError(`unsupported pixel type ${name} (${bits} bits per sample)`);
  return { littleEndian, tags, width, height, dtype: name as Dtype };
}

/** Where a page's strips or tiles are, and how many rows each strip holds. */
function layout(page: TiffPage) {
  const t = page.tags;
  const tiled = t.t322 !== undefined;
  const offsets = (tiled ? t.t324 : t.t273) ?? [];
  const counts = (tiled ? t.t325 : t.t279) ?? [];
  const rps = tiled ? page.height : Math.max(1, Math.min(t.t278?.[0] ?? page.height, page.height));
  const needed = tiled ? offsets.length : Math.ceil(page.height / rps);
  if (offsets.length < needed || offsets.length === 0)
    throw new TiffFormatError('a page has too few strips for its height');
  return { tiled, offsets, counts, rps, compression: t.t259?.[0] ?? 1 };
}

/**
 * Pixel bytes (little-endian) of rows [y0, y1) and columns [x0, x1) of one page. Uncompressed
 * pages are read row range by row range; compressed strips are read and decoded (utif2) only
 * where they hold wanted rows; tiled pages are decoded whole.
 */
export async function readPageRows(
  handle: FileHandle,
  page: TiffPage,
  rows: readonly [number, number],
  cols: readonly [number, number],
  bpp: number,
): Promise<Uint8Array> {
  const fileSize = (await handle.stat()).size;
  const where = layout(page);
  const full =
    where.compression === 1 && !where.tiled
      ? await readRawRows(handle, page, where, rows, bpp, fileSize)
      : await decodeRows(handle, page, where, rows, bpp, fileSize);
  const rowBytes = page.width * bpp;
  const [x0, x1] = cols;
  const out = new Uint8Array((rows[1] - rows[0]) * (x1 - x0) * bpp);
  for (let y = 0; y < rows[1] - rows[0]; y++) {
    const from = y * rowBytes + x0 * bpp;
    out.set(full.bytes.subarray(from, from + (x1 - x0) * bpp), y * (x1 - x0) * bpp);
  }
  if (!page.littleEndian && bpp > 1 && !full.swapped)
    for (let i = 0; i < out.length; i += bpp) out.subarray(i, i + bpp).reverse();
  return out;
}

type Layout = ReturnType<typeof layout>;
interface Rows {
  /** Full-width rows y0..y1. */
  readonly bytes: Uint8Array;
  /** Whether multi-byte samples are already little-endian. */
  readonly swapped: boolean;
}

/** Uncompressed: rows that lie back to back in the file are read in one go. */
async function readRawRows(
  handle: FileHandle,
  page: TiffPage,
  where: Layout,
  [y0, y1]: readonly [number, number],
  bpp: number,
  fileSize: number,
): Promise<Rows> {
  const rowBytes = page.width * bpp;
  const bytes = new Uint8Array((y1 - y0) * rowBytes);
  let runStart = y0;
  const flush = async (end: number): Promise<void> => {
    const s = Math.floor(runStart / where.rps);
    const offset = where.offsets[s]! + (runStart - s * where.rps) * rowBytes;
    bytes.set(
      await readAt(handle, offset, (end - runStart) * rowBytes, fileSize),
      (runStart - y0) * rowBytes,
    );
  };
  for (let y = y0 + 1; y < y1; y++) {
    const s = Math.floor(y / where.rps);
    if (y % where.rps === 0 && where.offsets[s] !== where.offsets[s - 1]! + where.rps * rowBytes) {
      await flush(y);
      runStart = y;
    }
  }
  await flush(y1);
  return { bytes, swapped: false };
}

/** Compressed or tiled: decode the strips holding the rows with utif2 on a small local buffer. */
async function decodeRows(
  handle: FileHandle,
  page: TiffPage,
  where: Layout,
  [y0, y1]: readonly [number, number],
  bpp: number,
  fileSize: number,
): Promise<Rows> {
  const { tiled, offsets, counts, rps } = where;
  const s0 = tiled ? 0 : Math.floor(y0 / rps);
  const s1 = tiled ? offsets.length - 1 : Math.floor((y1 - 1) / rps);
  const pieces = offsets.slice(s0, s1 + 1).map((offset, k) => [offset, counts[s0 + k] ?? 0] as const);
  const lo = Math.min(...pieces.map(([o]) => o));
  const hi = Math.max(...pieces.map(([o, n]) => o + n));
  // 8 bytes of header first: utif2 reads the byte order from the start of the buffer it decodes.
  const local = new Uint8Array(8 + hi - lo);
  local.set(await readAt(handle, 0, 8, fileSize), 0);
  local.set(await readAt(handle, lo, hi - lo, fileSize), 8);
  const first = tiled ? 0 : s0 * rps;
  const ifd: Record<string, unknown> = {
    ...page.tags,
    t257: [tiled ? page.height : Math.min(page.height - first, pieces.length * rps)],
  };
  ifd[tiled ? 't324' : 't273'] = pieces.map(([o]) => 8 + o - lo);
  ifd[tiled ? 't325' : 't279'] = pieces.map(([, n]) => n);
  try {
    UTIF.decodeImage(local.buffer, ifd as unknown as import('utif2').IFD);
  } catch (error) {
    throw new TiffFormatError(
      `cannot decode a page: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const decoded = ifd.data as Uint8Array | undefined;
  const rowBytes = page.width * bpp;
  if (!decoded || decoded.length < (y1 - first) * rowBytes)
    throw new TiffFormatError('a page decoded to fewer bytes than its size');
  // utif2 byte-swaps 16-bit samples of big-endian files itself, but not 32-bit ones.
  return { bytes: decoded.subarray((y0 - first) * rowBytes, (y1 - first) * rowBytes), swapped: bpp === 2 };
}
