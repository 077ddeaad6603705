import type { Vec3 } from '../volume/types';
import { paddedGrid } from './padding';

export interface Components {
  /** Per voxel 0 outside the mask, else the 1-based component number (in scan order). */
  readonly labels: Uint32Array;
  /** Voxel count of component k at index k - 1. */
  readonly sizes: readonly number[];
}

const OUTSIDE = 0xffffffff;

/** 6-connected components of the voxels where `mask` is 1 (breadth-first, typed-array queue). */
export function connectedComponents(size: Vec3, mask: Uint8Array): Components {
  const sx = size[2];
  const grid = paddedGrid(size);
  const work = new Uint32Array(grid.length).fill(OUTSIDE); // 0 = not yet labelled
  grid.forRows((row, prow) => {
    for (let x = 0; x < sx; x++) if (mask[row + x] === 1) work[prow + x] = 0;
  });
  const offsets = grid.offsets;
  const queue = new Int32Array(mask.length);
  const sizes: number[] = [];
  grid.forRows((_, prow) => {
    for (let start = prow; start < prow + sx; start++) {
      if (work[start] !== 0) continue;
      const label = sizes.length + 1;
      let head = 0;
      let tail = 0;
      work[start] = label;
      queue[tail++] = start;
      while (head < tail) {
        const v = queue[head++]!;
        for (let k = 0; k < 6; k++) {
          const u = v + offsets[k]!;
          if (work[u] !== 0) continue;
          work[u] = label;
          queue[tail++] = u;
        }
      }
      sizes.push(tail);
    }
  });
  const labels = new Uint32Array(mask.length);
  grid.forRows((row, prow) => {
    for (let x = 0; x < sx; x++) labels[row + x] = mask[row + x] === 1 ? work[prow + x]! : 0;
  });
  return { labels, sizes };
}
