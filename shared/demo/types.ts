import type { Skeleton } from '../formats/swc';
import type { Vec3 } from '../volume/types';

export type ErrorKind = 'merge' | 'split' | 'fragment';

/** A voxel the proofreader (or a test) can click: inside `segmentId` and inside GT `gtId`. */
export interface ErrorSeed {
  readonly gtId: string;
  readonly segmentId: string;
  readonly voxel: Vec3;
}

/**
 * One error injected into the demo segmentation. Ids are decimal uint64 strings (JSON-safe).
 * - merge: `segmentIds` = [the fused segment], `groundTruthIds` = the axons fused; `seeds` are split
 *   seeds: first one voxel per axon far from their contact (in `groundTruthIds` order), then
 *   more centre-line voxels of each axon spread along its length, all inside the fused segment.
 * - split: `segmentIds` = the pieces, `groundTruthIds` = [the axon]; `seeds` has one voxel per
 *   piece (merge clicks); `cut` says along which axis and at which indices it was cut.
 * - fragment: `segmentIds` = [the fragment], `groundTruthIds` = [its host]; `seeds` = a voxel of the
 *   fragment, then one of the host's own segment.
 */
export interface InjectedError {
  readonly kind: ErrorKind;
  readonly segmentIds: readonly string[];
  readonly groundTruthIds: readonly string[];
  /** A voxel [z, y, x] inside segmentIds[0]. */
  readonly voxel: Vec3;
  readonly seeds: readonly ErrorSeed[];
  readonly cut?: { readonly axis: 'z' | 'y' | 'x'; readonly at: readonly number[] };
  readonly description: string;
}

/** The built-in demo: EM-like image, dense ground truth, an FFN-like segmentation with known errors. */
export interface DemoVolume {
  readonly seed: number;
  /** zyx voxels. */
  readonly shape: Vec3;
  /** zyx nm per voxel. */
  readonly resolution: Vec3;
  /** uint8, C-order zyx. */
  readonly image: Uint8Array;
  /** Dense labels, every voxel belongs to a cell (no background); small ids, axons first. */
  readonly groundTruth: BigUint64Array;
  /** FFN-like: large random uint64 ids (some above 2^53), errors as listed; 0 on a few membranes. */
  readonly segmentation: BigUint64Array;
  readonly errors: readonly InjectedError[];
  /** Axon centre lines in nm (voxel centre = (index + 0.5) * resolution). */
  readonly skeletons: readonly Skeleton[];
  /** GT ids that are axons (the others are dendrites and other cells). */
  readonly axonIds: readonly bigint[];
}
