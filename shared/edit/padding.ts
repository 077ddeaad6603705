import type { Vec3 } from '../volume/types';

/**
 * Flood fills work on copies of a box padded by one voxel on every side: the border holds an
 * "outside" marker, so a voxel's 6 neighbours are plain index offsets with no bounds checks.
 */
export interface PaddedGrid {
  /** Padded voxel count. */
  readonly length: number;
  /** Offsets of the 6 face neighbours in the padded grid: +x, -x, +y, -y, +z, -z (k ^ 1 is k's opposite). */
  readonly offsets: Int32Array;
  /** Padded index of an unpadded box index. */
  toPadded(index: number): number;
  /** Calls `visit(row, paddedRow)` with the first index of each x-row, unpadded and padded. */
  forRows(visit: (row: number, paddedRow: number) => void): void;
}

export function paddedGrid(size: Vec3): PaddedGrid {
  const [sz, sy, sx] = size;
  const px = sx + 2;
  const plane = (sy + 2) * px;
  return {
    length: (sz + 2) * plane,
    offsets: Int32Array.of(1, -1, px, -px, plane, -plane),
    toPadded(index) {
      const x = index % sx;
      const y = ((index - x) / sx) % sy;
      const z = (index - x - y * sx) / (sx * sy);
      return (z + 1) * plane + (y + 1) * px + x + 1;
    },
    forRows(visit) {
      for (let z = 0; z < sz; z++) {
        for (let y = 0; y < sy; y++) visit((z * sy + y) * sx, (z + 1) * plane + (y + 1) * px + 1);
      }
    },
  };
}

/**
 * The voxels where a mask is 1 as runs along x, in scan order: run r starts at padded index
 * `padded[r]` and box index `box[r]` and is `length[r]` voxels long. Passes over a segment walk
 * these with plain contiguous loops instead of visiting the whole box or a list of voxels.
 */
export interface MaskRuns {
  readonly count: number;
  readonly padded: Int32Array;
  readonly box: Int32Array;
  readonly length: Int32Array;
  /** Voxels in all runs. */
  readonly voxels: number;
}

export function maskRuns(size: Vec3, mask: Uint8Array): MaskRuns {
  const [sz, sy, sx] = size;
  const runs = new RunList(size);
  for (let z = 0, row = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++, row += sx) {
      for (let x = 0; x < sx;) {
        if (mask[row + x] !== 1) {
          x++;
          continue;
        }
        const start = x;
        while (x < sx && mask[row + x] === 1) x++;
        runs.add(z, y, start, x - start);
      }
    }
  }
  return runs.done();
}

/**
 * The voxels of `labels` (a box of uint64 ids, C order) equal to `id` as runs, from one pass
 * over the ids' 32-bit words (no bigint per voxel, no mask in between).
 */
export function segmentRuns(size: Vec3, labels: BigUint64Array, id: bigint): MaskRuns {
  const runs = new RunList(size);
  addSegmentRuns(runs, size, labels, id, 0, size[0]);
  return runs.done();
}

/**
 * The same runs, read `planes` z-planes of the box at a time: `readPlanes(z, n)` returns the
 * labels of box planes z..z+n-1. A large box is never held whole as uint64 ids (8 bytes a voxel).
 */
export function segmentRunsByPlanes(
  size: Vec3,
  id: bigint,
  planes: number,
  readPlanes: (z: number, n: number) => BigUint64Array,
): MaskRuns {
  const runs = new RunList(size);
  for (let z = 0; z < size[0]; z += planes) {
    const n = Math.min(planes, size[0] - z);
    addSegmentRuns(runs, size, readPlanes(z, n), id, z, n);
  }
  return runs.done();
}

/** Add the runs of `id` in `labels`, which holds box planes z0..z0+planes-1. */
function addSegmentRuns(
  runs: RunList,
  size: Vec3,
  labels: BigUint64Array,
  id: bigint,
  z0: number,
  planes: number,
): void {
  const [, sy, sx] = size;
  if (labels.length !== planes * sy * sx) {
    throw new RangeError(`${labels.length} labels for ${planes} planes of ${sy}x${sx}`);
  }
  const words = new Uint32Array(labels.buffer, labels.byteOffset, 2 * labels.length);
  const lo = Number(id & 0xffffffffn);
  const hi = Number(id >> 32n);
  for (let z = z0, row = 0; z < z0 + planes; z++) {
    for (let y = 0; y < sy; y++, row += sx) {
      for (let x = 0, w = 2 * row; x < sx;) {
        if (words[w] !== lo || words[w + 1] !== hi) {
          x++;
          w += 2;
          continue;
        }
        const start = x;
        for (; x < sx && words[w] === lo && words[w + 1] === hi; x++) w += 2;
        runs.add(z, y, start, x - start);
      }
    }
  }
}

/** Runs as they are found, in growable arrays. */
class RunList {
  private padded: Int32Array = new Int32Array(1024);
  private box: Int32Array = new Int32Array(1024);
  private length: Int32Array = new Int32Array(1024);
  private count = 0;
  private voxels = 0;
  private readonly sy: number;
  private readonly sx: number;

  constructor(size: Vec3) {
    this.sy = size[1];
    this.sx = size[2];
  }

  add(z: number, y: number, x: number, n: number): void {
    if (this.count === this.padded.length) {
      this.padded = grown(this.padded);
      this.box = grown(this.box);
      this.length = grown(this.length);
    }
    const px = this.sx + 2;
    this.padded[this.count] = (z + 1) * (this.sy + 2) * px + (y + 1) * px + x + 1;
    this.box[this.count] = (z * this.sy + y) * this.sx + x;
    this.length[this.count++] = n;
    this.voxels += n;
  }

  done(): MaskRuns {
    const { count, padded, box, length, voxels } = this;
    return { count, padded, box, length, voxels };
  }
}

function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}
