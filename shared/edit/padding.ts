import type { Vec3 } from '../volume/types';

/**
 * Flood fills work on copies of a box padded by one voxel on every side: the border holds an
 * "outside" marker, so a voxel's 6 neighbours are plain index offsets with no bounds checks.
 */
export interface PaddedGrid {
  /** Padded voxel count. */
  readonly length: number;
  /** Offsets of the 6 face neighbours in the padded grid. */
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
