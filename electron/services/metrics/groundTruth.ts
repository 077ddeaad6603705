import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Skeleton } from '../../../shared/formats/swc';
import { formatVec, sameShape, type Vec3 } from '../../../shared/volume/types';
import { openVolume, VolumeFileError, type VolumeSource } from '../../io/openVolume';
import { loadSkeletons } from '../../io/skeletonFiles';

/** A ground truth opened for scoring the open session. */
export interface GroundTruth {
  readonly spec: string;
  readonly source: VolumeSource;
  readonly skeletonPath: string | null;
  readonly skeletons: readonly Skeleton[];
  /** Voxel size for ERL (nm, zyx): given, else the ground truth's, else the session's. */
  readonly resolution: Vec3;
  /** Found next to the demo volume rather than named by the user. */
  readonly automatic: boolean;
}

export interface GroundTruthRequest {
  readonly groundTruth: string;
  readonly skeletons?: string;
  readonly resolution?: Vec3;
  readonly automatic?: boolean;
}

/**
 * Open a ground truth for a session whose volume has `shape`; the shapes must match. Skeletons
 * (one .swc or a folder) are optional. Errors name the file and the problem.
 */
export async function openGroundTruth(
  request: GroundTruthRequest,
  shape: Vec3,
  sessionResolution: Vec3,
): Promise<GroundTruth> {
  const skeletons = request.skeletons ? await loadSkeletons(request.skeletons) : [];
  const source = await openVolume(request.groundTruth, 'labels');
  if (!sameShape(source.info.shape, shape)) {
    source.close();
    throw new VolumeFileError(
      request.groundTruth,
      `ground truth shape ${formatVec(source.info.shape)} (z,y,x) differs from the segmentation's ${formatVec(shape)}`,
    );
  }
  const recorded = source.info.resolution;
  const isRecorded = !sameShape(recorded, [1, 1, 1]);
  return {
    spec: request.groundTruth,
    source,
    skeletonPath: request.skeletons ?? null,
    skeletons,
    resolution: request.resolution ?? (isRecorded ? recorded : sessionResolution),
    automatic: request.automatic ?? false,
  };
}

/**
 * The demo's ground truth, when `segmentationPath` is the demo's segmentation.h5 with
 * groundtruth.h5, skeletons/ and errors.json beside it (electron/services/demoFiles.ts).
 */
export function demoGroundTruth(segmentationPath: string): GroundTruthRequest | undefined {
  if (basename(segmentationPath) !== 'segmentation.h5') return undefined;
  const dir = dirname(segmentationPath);
  const groundTruth = join(dir, 'groundtruth.h5');
  const skeletons = join(dir, 'skeletons');
  if (!existsSync(groundTruth) || !existsSync(join(dir, 'errors.json'))) return undefined;
  return {
    groundTruth: `${groundTruth}:stack`,
    ...(existsSync(skeletons) ? { skeletons } : {}),
    automatic: true,
  };
}

/** Linear voxel indices of skeleton nodes inside the volume (node at p nm: voxel floor(p / res)). */
export function nodeVoxels(skeletons: readonly Skeleton[], resolution: Vec3, shape: Vec3): number[] {
  const [nz, ny, nx] = shape;
  const out: number[] = [];
  for (const s of skeletons) {
    for (const n of s.nodes) {
      const z = Math.floor(n.z / resolution[0]);
      const y = Math.floor(n.y / resolution[1]);
      const x = Math.floor(n.x / resolution[2]);
      if (z >= 0 && y >= 0 && x >= 0 && z < nz && y < ny && x < nx) out.push((z * ny + y) * nx + x);
    }
  }
  return out;
}
