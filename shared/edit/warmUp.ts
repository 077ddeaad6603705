import type { Vec3 } from '../volume/types';
import { memoryReader } from './memoryReader';
import { type SplitPreview, splitPreview } from './split';
import { createEditState } from './state';

/** The fused segment's id in the warm-up volume. */
const FUSED = 1n;

interface FusedTubes {
  readonly shape: Vec3;
  readonly labels: BigUint64Array;
  readonly image: Uint8Array;
  readonly sources: Vec3[];
  readonly sinks: Vec3[];
}

/**
 * Two tubes of `radius` voxels along x that touch along their whole length, labelled as one
 * segment; the image is bright inside each tube and dark within a few voxels of its wall
 * (so along the contact too), with a little deterministic noise. Seeds near both ends of each.
 */
export function fusedTubes(radius: number, length: number): FusedTubes {
  const shape: Vec3 = [2 * radius + 4, 4 * radius + 4, length];
  const [sz, sy, sx] = shape;
  const cz = sz / 2;
  const centers = [sy / 2 - radius, sy / 2 + radius];
  const labels = new BigUint64Array(sz * sy * sx);
  const image = new Uint8Array(labels.length);
  for (let z = 0, i = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      // Depth inside the nearer tube's wall, in voxels (negative outside both).
      const depth = Math.max(...centers.map((c) => radius - Math.hypot(z + 0.5 - cz, y + 0.5 - c)));
      for (let x = 0; x < sx; x++, i++) {
        const noise = ((i * 2654435761) >>> 27) - 16;
        if (depth >= 0) labels[i] = FUSED;
        image[i] = Math.max(0, Math.min(255, 60 + 45 * Math.min(Math.max(depth, 0), 3) + noise));
      }
    }
  }
  const at = (c: number, x: number): Vec3 => [Math.floor(cz), Math.floor(c), x];
  return {
    shape,
    labels,
    image,
    sources: [at(centers[0]!, 8), at(centers[0]!, sx - 9)],
    sinks: [at(centers[1]!, 8), at(centers[1]!, sx - 9)],
  };
}

/** Voxel sizes the warm-up splits at: isotropic, and thick sections (a planar split). */
const RESOLUTIONS: readonly Vec3[] = [
  [8, 8, 8],
  [30, 8, 8],
];

/**
 * Split previews of a small fused pair (about 0.35 Mvoxel: large enough for the coarse-to-fine
 * path) at each resolution, `rounds` times. A fresh worker's first previews of a large segment
 * run several times slower than later ones while V8 gathers type feedback and optimises; the
 * backend runs this in its split workers once the annotator picks the split tool. Returns the
 * previews (for tests).
 */
export function warmUpSplit(rounds = 2): SplitPreview[] {
  const tubes = fusedTubes(12, 384);
  const previews: SplitPreview[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const resolution of RESOLUTIONS) {
      const reader = memoryReader({
        shape: tubes.shape,
        resolution,
        labels: tubes.labels,
        image: tubes.image,
      });
      const state = createEditState(reader);
      previews.push(
        splitPreview(state, reader, { segment: FUSED, sources: tubes.sources, sinks: tubes.sinks }),
      );
    }
  }
  return previews;
}
