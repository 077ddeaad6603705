import type { Skeleton, SkeletonNode } from '../formats/swc';
import type { Box3, Vec3 } from '../volume/types';
import { AbortError, type TeasarOptions, teasarTree } from './teasar';

export interface SkeletonizeOptions extends TeasarOptions {
  /** Voxels equal to this value form the segment; default: every non-zero voxel. */
  readonly label?: number;
  /** Where the array's voxel [0,0,0] lies in the volume (added to node coordinates). */
  readonly offset?: Vec3;
  /** Only look inside this box of the array (its bounding box, to avoid copying). */
  readonly box?: Box3;
  /** Skeleton id; default the label (or 0). */
  readonly id?: number;
}

/**
 * Skeletonize one segment with TEASAR. Node positions are voxel centres in nm in the volume's
 * frame, (index + 0.5) * resolution as the demo's and SWC skeletons are (a node at p nm lies in
 * voxel floor(p / resolution)); radius is the distance to the boundary in nm. A segment with
 * several connected components gives several roots (parent -1).
 */
export function skeletonizeSegment(
  labels: Uint8Array | Uint32Array,
  shape: Vec3,
  resolution: Vec3,
  options: SkeletonizeOptions = {},
): Skeleton {
  const box = options.box ?? { start: [0, 0, 0], size: shape };
  const { mask, paddedShape } = paddedMask(labels, shape, box, options.label);
  const tree = teasarTree(mask, paddedShape, resolution, options);
  const offset = options.offset ?? [0, 0, 0];
  // Padded index p maps to array voxel p - 1 + box.start, then to the volume with `offset`.
  const origin = [0, 1, 2].map((a) => box.start[a]! + offset[a]! - 1 + 0.5);
  const [, py, px] = paddedShape;
  const nodes: SkeletonNode[] = tree.voxels.map((v, i) => ({
    z: (Math.floor(v / (py * px)) + origin[0]!) * resolution[0],
    y: ((Math.floor(v / px) % py) + origin[1]!) * resolution[1],
    x: ((v % px) + origin[2]!) * resolution[2],
    radius: tree.radii[i]!,
    parent: tree.parents[i]!,
  }));
  return { id: options.id ?? options.label ?? 0, nodes };
}

/** The box's voxels of the segment as 0/1 with a one-voxel 0 border. */
function paddedMask(
  labels: Uint8Array | Uint32Array,
  shape: Vec3,
  box: Box3,
  label: number | undefined,
): { mask: Uint8Array; paddedShape: Vec3 } {
  const [, ny, nx] = shape;
  const [bz, by, bx] = box.size;
  const paddedShape: Vec3 = [bz + 2, by + 2, bx + 2];
  const mask = new Uint8Array(paddedShape[0] * paddedShape[1] * paddedShape[2]);
  for (let z = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      const src = ((z + box.start[0]) * ny + y + box.start[1]) * nx + box.start[2];
      const dst = ((z + 1) * paddedShape[1] + y + 1) * paddedShape[2] + 1;
      for (let x = 0; x < bx; x++) {
        const v = labels[src + x]!;
        mask[dst + x] = (label === undefined ? v !== 0 : v === label) ? 1 : 0;
      }
    }
  }
  return { mask, paddedShape };
}

export interface SegmentBoxes {
  /** Voxel count per dense index. */
  readonly counts: Uint32Array;
  /** Per dense index: zmin, ymin, xmin, zmax, ymax, xmax (inclusive). */
  readonly bounds: Int32Array;
}

/** Voxel counts and bounding boxes of every dense index in one pass. */
export function segmentBoxes(labels: Uint32Array, shape: Vec3): SegmentBoxes {
  let top = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]! > top) top = labels[i]!;
  const counts = new Uint32Array(top + 1);
  const bounds = new Int32Array(6 * (top + 1));
  for (let s = 0; s <= top; s++) bounds.set([2 ** 30, 2 ** 30, 2 ** 30, -1, -1, -1], 6 * s);
  const [nz, ny, nx] = shape;
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        const s = labels[i]!;
        counts[s]!++;
        const b = 6 * s;
        if (z < bounds[b]!) bounds[b] = z;
        if (y < bounds[b + 1]!) bounds[b + 1] = y;
        if (x < bounds[b + 2]!) bounds[b + 2] = x;
        if (z > bounds[b + 3]!) bounds[b + 3] = z;
        if (y > bounds[b + 4]!) bounds[b + 4] = y;
        if (x > bounds[b + 5]!) bounds[b + 5] = x;
      }
    }
  }
  return { counts, bounds };
}

export function segmentBox(boxes: SegmentBoxes, index: number): Box3 {
  const b = boxes.bounds.subarray(6 * index, 6 * index + 6);
  return { start: [b[0]!, b[1]!, b[2]!], size: [b[3]! - b[0]! + 1, b[4]! - b[1]! + 1, b[5]! - b[2]! + 1] };
}

export interface SkeletonizeAllOptions extends TeasarOptions {
  /** Segments with fewer voxels are skipped (default 500). */
  readonly minVoxels?: number;
  /** Only these dense indices (default: every non-zero index). */
  readonly indices?: Iterable<number>;
  readonly progress?: (done: number, total: number) => void;
}

/**
 * Skeletonize every segment of a dense label volume (Uint32Array of dense indices, 0 skipped).
 * Returns dense index -> skeleton (skeleton id = dense index). Throws AbortError when
 * `signal.aborted` turns true.
 */
export function skeletonizeAll(
  labels: Uint32Array,
  shape: Vec3,
  resolution: Vec3,
  options: SkeletonizeAllOptions = {},
): Map<number, Skeleton> {
  const boxes = segmentBoxes(labels, shape);
  const minVoxels = options.minVoxels ?? 500;
  const wanted = options.indices ? [...options.indices] : [...boxes.counts.keys()].filter((s) => s !== 0);
  const todo = wanted.filter((s) => s < boxes.counts.length && boxes.counts[s]! >= Math.max(1, minVoxels));
  const out = new Map<number, Skeleton>();
  options.progress?.(0, todo.length);
  for (const [k, index] of todo.entries()) {
    if (options.signal?.aborted) throw new AbortError();
    const box = segmentBox(boxes, index);
    out.set(
      index,
      skeletonizeSegment(labels, shape, resolution, { ...options, label: index, id: index, box }),
    );
    options.progress?.(k + 1, todo.length);
  }
  return out;
}
