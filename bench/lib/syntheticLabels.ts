/**
 * Large synthetic label volumes for the metrics benchmark: a ground truth of wavy 16-voxel cells
 * with one-voxel membranes (label 0) between them along x and y, and a test segmentation that
 * labels the membranes, puts its x boundaries one voxel off, splits every 7th cell in z and
 * merges every 5th cell with its x neighbour. Labels run along x as real segmentations do, so
 * run-length shortcuts get no more help than on real data. uint32, zyx, C order.
 */
const CELL = 16;
/** Far above every cell id, small enough that skimage's id-indexed sparse matrix stays small. */
const SPLIT_OFFSET = 1 << 20;

export interface LabelPair {
  readonly shape: readonly [number, number, number];
  readonly groundTruth: Uint32Array;
  readonly test: Uint32Array;
}

/** x and y boundary offsets of row (z, y): smooth waves so cells are not boxes. */
function offsets(z: number, y: number): { x: number; y: number } {
  return {
    x: CELL + Math.round(6 * Math.sin(y / 23 + z / 37) + 4 * Math.sin(z / 11)),
    y: CELL + Math.round(5 * Math.sin(z / 17)),
  };
}

export function syntheticLabelPair(n: number): LabelPair {
  const voxels = n * n * n;
  const groundTruth = new Uint32Array(voxels);
  const test = new Uint32Array(voxels);
  const cells = Math.ceil(n / CELL) + 2;
  for (let z = 0; z < n; z++) {
    const cz = z >> 4;
    const upperHalf = (z & (CELL - 1)) >= CELL / 2;
    for (let y = 0; y < n; y++) {
      const off = offsets(z, y);
      const yy = y + off.y;
      const yMembrane = (yy & (CELL - 1)) === 0;
      const rowId = (cz * cells + (yy >> 4)) * cells;
      const row = (z * n + y) * n;
      for (let x = 0; x < n; x++) {
        const xx = x + off.x;
        const id = rowId + (xx >> 4) + 1;
        groundTruth[row + x] = yMembrane || (xx & (CELL - 1)) === 0 ? 0 : id;
        let t = rowId + ((xx + 1) >> 4) + 1;
        if (t % 5 === 2) t -= 1;
        else if (t % 7 === 0 && upperHalf) t += SPLIT_OFFSET;
        test[row + x] = t;
      }
    }
  }
  return { shape: [n, n, n], groundTruth, test };
}
