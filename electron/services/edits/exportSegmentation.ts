import { resolve } from 'node:path';
import { chunksInBox, chunkBox, copyBox } from '../../../shared/volume/box';
import {
  allocate,
  boxVoxels,
  voxelCount,
  type Box3,
  type LabelDtype,
  type Vec3,
  type VoxelArray,
} from '../../../shared/volume/types';
import { parseVolumeSpec } from '../../../shared/formats/volumeSpec';
import { writeHdf5Volume } from '../../io/hdf5Writer';
import type { Session } from '../session';
import { type TaskContext, yieldToLoop } from '../tasks';

export interface ExportResult {
  readonly path: string;
  readonly dataset: string;
  readonly dtype: LabelDtype;
  readonly shape: Vec3;
  readonly resolution: Vec3;
  readonly segments: number;
  readonly maxId: bigint;
}

const MAX_OF: Record<LabelDtype, bigint> = {
  uint8: 0xffn,
  uint16: 0xffffn,
  uint32: 0xffff_ffffn,
  uint64: 0xffff_ffff_ffff_ffffn,
  int8: 0x7fn,
  int16: 0x7fffn,
  int32: 0x7fff_ffffn,
  int64: 0x7fff_ffff_ffff_ffffn,
};

/**
 * The dtype to write: uint64 when an id exceeds 2^32 - 1; else the segmentation's own dtype when
 * every id fits it, else the smallest unsigned type that holds them (edits allocate new ids above
 * the largest one, which may not fit a small source type).
 */
export function exportDtype(source: LabelDtype, maxId: bigint): LabelDtype {
  if (maxId > MAX_OF.uint32) return 'uint64';
  if (maxId <= MAX_OF[source]) return source;
  return maxId <= MAX_OF.uint16 ? 'uint16' : 'uint32';
}

/** Blocks of whole storage chunks, about 1 Mvoxel each (grown along x, then y, then z). */
function blockShape(chunk: Vec3, shape: Vec3): Vec3 {
  const block = [...chunk];
  for (const d of [2, 1, 0]) {
    while (block[d]! < shape[d]! && voxelCount(block as unknown as Vec3) * 2 <= 2 ** 20) block[d]! *= 2;
  }
  return [Math.min(block[0]!, shape[0]), Math.min(block[1]!, shape[1]), Math.min(block[2]!, shape[2])];
}

/** Put a block of corrected uint64 ids into `out` (of `dtype`, covering `whole`). */
function place(labels: BigUint64Array, box: Box3, out: VoxelArray, whole: Box3, dtype: LabelDtype): void {
  if (dtype === 'uint64') return copyBox(labels, box, out, whole);
  if (dtype === 'int64') return copyBox(new BigInt64Array(labels.buffer), box, out, whole);
  // Every id fits 32 bits here: take the low words.
  const words = new Uint32Array(labels.buffer, labels.byteOffset, labels.length * 2);
  const block = allocate(dtype, labels.length) as Uint32Array;
  for (let i = 0; i < labels.length; i++) block[i] = words[2 * i]!;
  copyBox(block, box, out, whole);
}

/**
 * Write the corrected segmentation (every applied edit) of an open session as one HDF5 dataset,
 * zyx, with a `resolution` attribute (nm). Reads block by block through the edit service; only the
 * output array is whole. The session's own volume files are never written.
 */
export async function exportSegmentation(
  session: Session,
  outSpec: string,
  ctx: Partial<TaskContext> = {},
): Promise<ExportResult> {
  const { path: outPath, dataset: named } = parseVolumeSpec(outSpec);
  const path = resolve(outPath);
  const dataset = named || 'stack';
  for (const source of [session.segmentation, session.image]) {
    if (resolve(source.info.path) === path) {
      throw new Error(`${path}: is a volume this project reads; export to another file`);
    }
  }
  const { shape, chunkShape } = session.segmentation.info;
  const maxId = session.index.maxId();
  const dtype = exportDtype(session.segmentation.info.dtype as LabelDtype, maxId);
  const whole: Box3 = { start: [0, 0, 0], size: shape };
  const out = allocate(dtype, voxelCount(shape));
  const block = blockShape(chunkShape, shape);
  const blocks = chunksInBox(whole, block);
  for (const [k, index] of blocks.entries()) {
    const box = chunkBox(index, block, shape);
    if (boxVoxels(box) === 0) continue;
    place(await session.readCorrectedLabels(box), box, out, whole, dtype);
    ctx.progress?.(k + 1, blocks.length);
    await yieldToLoop(ctx.signal, 'export');
  }
  const resolution = session.resolution;
  await writeHdf5Volume(path, dataset, { shape, data: out }, { resolution, chunks: chunkShape });
  return { path, dataset, dtype, shape, resolution, segments: session.index.size, maxId };
}
