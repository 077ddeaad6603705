import type { SplitPreviewData } from '../../shared/api/types';
import type { DemoVolume } from '../../shared/demo/types';
import type { Vec3 } from '../../shared/volume/types';

/**
 * Where an annotator would click split seeds on the demo: voxels well inside one GT axon and the
 * fused segment (their 3 x 3 neighbourhood in the XY plane is too), so a click a pixel off still
 * lands on the same axon.
 */
export function isDeep(demo: DemoVolume, v: Vec3, gt: bigint, segment: bigint): boolean {
  const [nz, ny, nx] = demo.shape;
  if (v[0] < 0 || v[0] >= nz) return false;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const y = v[1] + dy;
      const x = v[2] + dx;
      if (y < 0 || x < 0 || y >= ny || x >= nx) return false;
      const i = (v[0] * ny + y) * nx + x;
      if (demo.groundTruth[i] !== gt || demo.segmentation[i] !== segment) return false;
    }
  }
  return true;
}

export interface PreviewCheck {
  /** Share of each axon's voxels (inside the fused segment) on its own side: [source axon, sink axon]. */
  readonly accuracy: readonly [number, number];
  /** Deep voxels of the source axon on the sink side, and of the sink axon on the source side. */
  readonly wrongSources: Vec3[];
  readonly wrongSinks: Vec3[];
}

/** Compare a preview with the ground truth, as an annotator compares the colours with the image. */
export function checkPreview(
  demo: DemoVolume,
  preview: SplitPreviewData,
  gtA: bigint,
  gtB: bigint,
): PreviewCheck {
  const [, ny, nx] = demo.shape;
  const { start, size } = preview.box;
  const counts = [0, 0, 0, 0];
  const wrongSources: Vec3[] = [];
  const wrongSinks: Vec3[] = [];
  for (let z = 0, i = 0; z < size[0]; z++) {
    for (let y = 0; y < size[1]; y++) {
      for (let x = 0; x < size[2]; x++, i++) {
        const side = preview.sides[i]!;
        if (side === 0) continue;
        const v: Vec3 = [start[0] + z, start[1] + y, start[2] + x];
        const gt = demo.groundTruth[(v[0] * ny + v[1]) * nx + v[2]];
        const sourceSide = side !== 2;
        if (gt === gtA) {
          counts[sourceSide ? 0 : 1]!++;
          if (!sourceSide && isDeep(demo, v, gtA, preview.segment)) wrongSources.push(v);
        } else if (gt === gtB) {
          counts[sourceSide ? 3 : 2]!++;
          if (sourceSide && isDeep(demo, v, gtB, preview.segment)) wrongSinks.push(v);
        }
      }
    }
  }
  const share = (ok: number, bad: number) => (ok + bad === 0 ? 1 : ok / (ok + bad));
  return {
    accuracy: [share(counts[0]!, counts[1]!), share(counts[2]!, counts[3]!)],
    wrongSources,
    wrongSinks,
  };
}

/**
 * The XY slice showing most of both sides of a preview (the larger of the two smaller side
 * counts), and a voxel of the segment there to centre the view on.
 */
export function bestPreviewSlice(preview: SplitPreviewData): Vec3 {
  const { start, size } = preview.box;
  const plane = size[1] * size[2];
  let best: { z: number; score: number; at: number } = { z: 0, score: -1, at: 0 };
  for (let z = 0; z < size[0]; z++) {
    let source = 0;
    let sink = 0;
    let at = -1;
    for (let i = z * plane; i < (z + 1) * plane; i++) {
      const side = preview.sides[i];
      if (side === 2) sink++;
      else if (side === 1 || side === 3) source++;
      if (side === 2 && at < 0) at = i - z * plane;
    }
    if (Math.min(source, sink) > best.score) best = { z, score: Math.min(source, sink), at };
  }
  const at = Math.max(0, best.at);
  return [start[0] + best.z, start[1] + Math.floor(at / size[2]), start[2] + (at % size[2])];
}
