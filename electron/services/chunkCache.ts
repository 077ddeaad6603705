import { chunkBox, chunksInBox, copyBox } from '../../shared/volume/box';
import {
  allocate,
  boxVoxels,
  bytesPerVoxel,
  type Box3,
  type Vec3,
  type VoxelArray,
} from '../../shared/volume/types';
import type { VolumeSource } from '../io/openVolume';

interface Entry {
  readonly data: Promise<VoxelArray>;
  readonly bytes: number;
}

/**
 * One cache for all volume reads, with a byte budget (least recently used chunks go first).
 * Reads are aligned to the source's storage chunks so that a slice touches only the chunks it
 * crosses and nothing reads a whole dataset it does not need.
 */
export class ChunkCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private nextSource = 0;
  private readonly sourceKeys = new WeakMap<VolumeSource, number>();

  constructor(private readonly budgetBytes = 512 * 1024 * 1024) {}

  get usedBytes(): number {
    return this.bytes;
  }

  async read(source: VolumeSource, box: Box3): Promise<VoxelArray> {
    const { chunkShape, shape, dtype } = source.info;
    const out = allocate(dtype, boxVoxels(box));
    const chunks = chunksInBox(box, chunkShape);
    const blocks = await Promise.all(chunks.map((index) => this.chunk(source, index, chunkShape, shape)));
    chunks.forEach((index, i) => copyBox(blocks[i]!, chunkBox(index, chunkShape, shape), out, box));
    return out;
  }

  /** Forget everything read from `source` (after it is closed). */
  drop(source: VolumeSource): void {
    const key = this.sourceKeys.get(source);
    if (key === undefined) return;
    for (const [k, entry] of this.entries) {
      if (k.startsWith(`${key}/`)) {
        this.entries.delete(k);
        this.bytes -= entry.bytes;
      }
    }
  }

  private chunk(source: VolumeSource, index: Vec3, chunkShape: Vec3, shape: Vec3): Promise<VoxelArray> {
    let sourceKey = this.sourceKeys.get(source);
    if (sourceKey === undefined) {
      sourceKey = this.nextSource++;
      this.sourceKeys.set(source, sourceKey);
    }
    const key = `${sourceKey}/${index.join(',')}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.data;
    }
    const box = chunkBox(index, chunkShape, shape);
    const data = source.read(box);
    const entry = { data, bytes: boxVoxels(box) * bytesPerVoxel(source.info.dtype) };
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    data.catch(() => {
      if (this.entries.get(key) === entry) {
        this.entries.delete(key);
        this.bytes -= entry.bytes;
      }
    });
    this.evict();
    return data;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(key);
      this.bytes -= entry.bytes;
    }
  }
}
