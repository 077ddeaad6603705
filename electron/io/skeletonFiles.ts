import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSwc, skeletonIdFromFileName, type Skeleton } from '../../shared/formats/swc';

/** A skeleton file or folder that cannot be used, named in the message. */
export class SkeletonFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'SkeletonFileError';
  }
}

const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

/**
 * Ground-truth skeletons from one .swc file or a folder of them (one skeleton per file, as
 * kimimaro and AxonEM write them), in natural file-name order. A skeleton's id is the last number
 * in its file name, else its position (1-based). Bad SWC throws SwcParseError naming file and line.
 */
export async function loadSkeletons(path: string): Promise<Skeleton[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new SkeletonFileError(path, 'no such file or folder');
  if (!info.isDirectory()) return [await loadSwcFile(path, 1)];
  const names = (await readdir(path, { withFileTypes: true }))
    .filter((e) => !e.isDirectory() && /\.swc$/i.test(e.name))
    .map((e) => e.name)
    .sort(naturalOrder);
  if (names.length === 0) throw new SkeletonFileError(path, 'the folder holds no .swc files');
  const skeletons: Skeleton[] = [];
  for (const [k, name] of names.entries()) skeletons.push(await loadSwcFile(join(path, name), k + 1));
  return skeletons;
}

/** One SWC file; `fallbackId` when its name holds no number. */
export async function loadSwcFile(file: string, fallbackId: number): Promise<Skeleton> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SkeletonFileError(file, `cannot read: ${(error as Error).message}`);
  }
  const id = skeletonIdFromFileName(file);
  return parseSwc(text, { id: id !== undefined && Number.isSafeInteger(id) ? id : fallbackId, source: file });
}
