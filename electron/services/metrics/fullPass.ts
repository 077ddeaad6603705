import { writeOverrides } from '../../../shared/edit/overrides';
import type { EditState } from '../../../shared/edit/types';
import type { Box3, LabelArray, Vec3 } from '../../../shared/volume/types';
import { voxelCount } from '../../../shared/volume/types';
import type { VolumeSource } from '../../io/openVolume';
import { planBlocks } from '../metricsService';
import { toUint64 } from '../slices';
import { yieldToLoop, type TaskContext } from '../tasks';
import type { LiveTables } from './liveTables';

/** Voxels per block of the full pass from each volume (uint64: 16 MiB each). */
const BLOCK_VOXELS = 2 * 2 ** 20;

export interface PassVolumes {
  readonly base: VolumeSource;
  readonly groundTruth?: VolumeSource;
  /** The edits to count (their overrides; merges are resolved at snapshot time). */
  readonly state: EditState | undefined;
}

/**
 * Count every voxel into `tables` block by block, reading straight from the files (not through
 * the display cache, which a whole-volume pass would flush). Yields to the event loop between
 * blocks, reports progress in voxels and stops on cancellation.
 */
export async function countVolumes(
  volumes: PassVolumes,
  tables: LiveTables,
  ctx: Partial<TaskContext>,
): Promise<void> {
  const shape = volumes.base.info.shape;
  const grid = planBlocks(shape, volumes.base.info.chunkShape, BLOCK_VOXELS);
  const total = voxelCount(shape);
  let done = 0;
  for (const box of blocks(shape, grid)) {
    await yieldToLoop(ctx.signal, 'metrics');
    const [base, gt] = await Promise.all([
      volumes.base.read(box),
      volumes.groundTruth ? volumes.groundTruth.read(box) : undefined,
    ]);
    tables.addBlock(
      box,
      base as LabelArray,
      rawLabels(base as LabelArray, box, volumes.state),
      gt as LabelArray,
    );
    done += voxelCount(box.size);
    ctx.progress?.(done, total);
  }
}

/** Base labels with the edits' overrides written in (merges not resolved). */
export function rawLabels(base: LabelArray, box: Box3, state: EditState | undefined): BigUint64Array {
  const wide = toUint64(base);
  const raw = wide.buffer === base.buffer ? wide.slice() : wide;
  if (state) writeOverrides(state, box, raw);
  return raw;
}

function* blocks(shape: Vec3, grid: Vec3): Generator<Box3> {
  for (let z = 0; z < shape[0]; z += grid[0])
    for (let y = 0; y < shape[1]; y += grid[1])
      for (let x = 0; x < shape[2]; x += grid[2]) {
        const start: Vec3 = [z, y, x];
        const size: Vec3 = [
          Math.min(grid[0], shape[0] - z),
          Math.min(grid[1], shape[1] - y),
          Math.min(grid[2], shape[2] - x),
        ];
        yield { start, size };
      }
}
