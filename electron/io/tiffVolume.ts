import { open, type FileHandle } from 'node:fs/promises';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  allocate,
  boxVoxels,
  bytesPerVoxel,
  type Box3,
  type Dtype,
  type Vec3,
  type VolumeKind,
} from '../../shared/volume/types';
import { readPageRows, readTiffPages, TiffFormatError, type TiffPage } from './tiffPages';
import {
  checkBox,
  checkDtype,
  clampChunk,
  DEFAULT_RESOLUTION,
  describeError,
  VolumeFileError,
  type VolumeSource,
} from './volumeSource';

/** Chunks of few pages and full rows: reads touch few pages, and strips are stored by rows. */
const TIFF_CHUNK: Vec3 = [8, 256, 4096];

const isTiffName = (name: string): boolean => /\.tiff?$/i.test(name) && !name.startsWith('.');
const natural = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The TIFF files of a folder in natural order (`z2.tif` before `z10.tif`). */
export function listTiffFolder(folder: string): string[] {
  return readdirSync(folder)
    .filter(isTiffName)
    .sort((a, b) => natural.compare(a, b))
    .map((name) => join(folder, name));
}

interface PageRef {
  readonly file: string;
  /** Index of the page inside its file. */
  readonly index: number;
}

/** Where each z slice lives: pages of one file, or first pages of a folder's files. */
interface Pages {
  readonly refs: readonly PageRef[];
  /** Parsed pages by file; a folder's files are parsed when first read. */
  readonly parsed: Map<string, TiffPage[]>;
  readonly handles: Map<string, FileHandle>;
}

async function withFile<T>(
  pages: Pages,
  file: string,
  keepOpen: boolean,
  use: (h: FileHandle) => Promise<T>,
): Promise<T> {
  let handle = pages.handles.get(file);
  const opened = !handle;
  handle ??= await open(file, 'r');
  try {
    return await use(handle);
  } finally {
    if (opened && !keepOpen) await handle.close();
    else if (opened) pages.handles.set(file, handle);
  }
}

async function parsedPages(pages: Pages, file: string, keepOpen: boolean): Promise<TiffPage[]> {
  const known = pages.parsed.get(file);
  if (known) return known;
  const parsed = await withFile(pages, file, keepOpen, (h) => readTiffPages(h, !keepOpen));
  pages.parsed.set(file, parsed);
  return parsed;
}

/**
 * Open a TIFF stack: one multi-page file (pages are z) or a folder of single-page files sorted by
 * name. Pages are read only when a box needs them, and only the strips holding its rows.
 */
export async function openTiff(path: string, kind: VolumeKind): Promise<VolumeSource> {
  const folder = statSync(path).isDirectory();
  const pages: Pages = { refs: [], parsed: new Map(), handles: new Map() };
  const closeAll = (): void => {
    for (const h of pages.handles.values()) void h.close();
    pages.handles.clear();
  };
  let first: TiffPage;
  let dtype: Dtype;
  try {
    if (folder) {
      const files = listTiffFolder(path);
      if (files.length === 0) throw new VolumeFileError(path, 'the folder holds no .tif/.tiff files');
      (pages.refs as PageRef[]).push(...files.map((file) => ({ file, index: 0 })));
      first = (await parsedPages(pages, files[0]!, false))[0]!;
    } else {
      const all = await parsedPages(pages, path, true);
      (pages.refs as PageRef[]).push(...all.map((_, index) => ({ file: path, index })));
      first = all[0]!;
      const odd = all.findIndex(
        (p) => p.width !== first.width || p.height !== first.height || p.dtype !== first.dtype,
      );
      if (odd >= 0)
        throw new TiffFormatError(
          `page ${odd} (${all[odd]!.width}x${all[odd]!.height} ${all[odd]!.dtype}) differs from page 0 (${first.width}x${first.height} ${first.dtype})`,
        );
    }
    dtype = checkDtype(path, kind, first.dtype, first.dtype, 'the stack');
  } catch (error) {
    closeAll();
    throw asFileError(error, folder ? (pages.refs[0]?.file ?? path) : path);
  }
  const shape: Vec3 = [pages.refs.length, first.height, first.width];
  const info = {
    path: resolve(path),
    dataset: '',
    kind,
    shape,
    dtype,
    resolution: DEFAULT_RESOLUTION,
    chunkShape: clampChunk(TIFF_CHUNK, shape),
  };
  let isOpen = true;
  return {
    info,
    async read(box: Box3) {
      if (!isOpen) throw new VolumeFileError(path, 'read after the stack was closed');
      checkBox(path, box, shape, dtype);
      const out = allocate(dtype, boxVoxels(box));
      const bytes = new Uint8Array(out.buffer);
      const planeBytes = box.size[1] * box.size[2] * bytesPerVoxel(dtype);
      if (planeBytes === 0) return out;
      for (let z = 0; z < box.size[0]; z++) {
        bytes.set(await readPlane(pages, folder, box, box.start[0] + z, first, dtype), z * planeBytes);
      }
      return out;
    },
    close() {
      isOpen = false;
      closeAll();
    },
  };
}

async function readPlane(
  pages: Pages,
  folder: boolean,
  box: Box3,
  z: number,
  first: TiffPage,
  dtype: Dtype,
): Promise<Uint8Array> {
  const ref = pages.refs[z]!;
  try {
    const page = (await parsedPages(pages, ref.file, !folder))[ref.index]!;
    if (page.width !== first.width || page.height !== first.height || page.dtype !== first.dtype) {
      throw new TiffFormatError(
        `image is ${page.width}x${page.height} ${page.dtype}, unlike the first slice (${first.width}x${first.height} ${first.dtype})`,
      );
    }
    const rows = [box.start[1], box.start[1] + box.size[1]] as const;
    const cols = [box.start[2], box.start[2] + box.size[2]] as const;
    return await withFile(pages, ref.file, !folder, (h) =>
      readPageRows(h, page, rows, cols, bytesPerVoxel(dtype)),
    );
  } catch (error) {
    throw asFileError(error, ref.file, folder ? '' : `page ${ref.index}: `);
  }
}

function asFileError(error: unknown, file: string, prefix = ''): VolumeFileError {
  if (error instanceof VolumeFileError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return new VolumeFileError(file, 'no such file');
  const why = error instanceof TiffFormatError ? error.message : `cannot read TIFF: ${describeError(error)}`;
  return new VolumeFileError(file, prefix + why);
}
