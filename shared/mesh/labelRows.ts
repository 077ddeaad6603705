import type { Box3, Vec3 } from '../volume/types';

/** Where one label occurs in a block, row by row (a row is a run of x at fixed z, y). */
export interface LabelRows {
  /** Tight bounding box of the label's voxels, block coordinates. */
  readonly box: Box3;
  /** First and last x of the label in each row z * shape[1] + y; first is -1 when absent. */
  readonly first: Int32Array;
  readonly last: Int32Array;
}

/**
 * Scan for `label`, optionally only inside `box`. Without a box the scan jumps between
 * occurrences with the engine's native indexOf, so empty stretches cost next to nothing.
 */
export function findLabelRows(labels: Uint32Array, shape: Vec3, label: number, box?: Box3): LabelRows | null {
  const [nz, ny, nx] = shape;
  if (labels.length !== nz * ny * nx)
    throw new RangeError(`labels hold ${labels.length} voxels, shape needs ${nz * ny * nx}`);
  const first = new Int32Array(nz * ny).fill(-1);
  const last = new Int32Array(nz * ny).fill(-1);
  if (box && !coversBlock(box, shape)) scanBox(labels, shape, label, box, first, last);
  else scanAll(labels, nx, label, first, last);
  const bounds = rowBounds(first, last, ny);
  return bounds && { box: bounds, first, last };
}

function coversBlock(box: Box3, shape: Vec3): boolean {
  return box.start.every((s, i) => s <= 0 && s + box.size[i]! >= shape[i]!);
}

function scanAll(labels: Uint32Array, nx: number, label: number, first: Int32Array, last: Int32Array): void {
  let i = labels.indexOf(label);
  while (i >= 0) {
    const row = Math.floor(i / nx);
    const rowStart = row * nx;
    const rowEnd = rowStart + nx;
    first[row] = i - rowStart;
    last[row] = labels.lastIndexOf(label, rowEnd - 1) - rowStart;
    i = rowEnd < labels.length ? labels.indexOf(label, rowEnd) : -1;
  }
}

function scanBox(
  labels: Uint32Array,
  shape: Vec3,
  label: number,
  box: Box3,
  first: Int32Array,
  last: Int32Array,
): void {
  const lo = box.start.map((s) => Math.max(0, s));
  const hi = box.start.map((s, i) => Math.min(shape[i]!, s + box.size[i]!));
  const [, ny, nx] = shape;
  for (let z = lo[0]!; z < hi[0]!; z++) {
    for (let y = lo[1]!; y < hi[1]!; y++) {
      const row = z * ny + y;
      const run = labels.subarray(row * nx + lo[2]!, row * nx + hi[2]!);
      const f = run.indexOf(label);
      if (f < 0) continue;
      first[row] = f + lo[2]!;
      last[row] = run.lastIndexOf(label) + lo[2]!;
    }
  }
}

function rowBounds(first: Int32Array, last: Int32Array, ny: number): Box3 | null {
  let z0 = Infinity;
  let z1 = -1;
  let y0 = Infinity;
  let y1 = -1;
  let x0 = Infinity;
  let x1 = -1;
  for (let row = 0; row < first.length; row++) {
    const f = first[row]!;
    if (f < 0) continue;
    const z = Math.floor(row / ny);
    const y = row - z * ny;
    z0 = Math.min(z0, z);
    z1 = Math.max(z1, z);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
    x0 = Math.min(x0, f);
    x1 = Math.max(x1, last[row]!);
  }
  if (z1 < 0) return null;
  return { start: [z0, y0, x0], size: [z1 - z0 + 1, y1 - y0 + 1, x1 - x0 + 1] };
}
