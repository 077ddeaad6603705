import type { SkeletonData, SkeletonSet } from '../../../shared/api/metricsTypes';
import { segmentMask } from '../../../shared/edit/state';
import type { Skeleton } from '../../../shared/formats/swc';
import { runMetricsJob } from '../todoServiceJobs';
import type { SessionVolumes } from './sessionVolumes';

/** Bigger segments are not skeletonized on request (the worker would need minutes). */
const MAX_SKELETON_BOX_VOXELS = 2 ** 26;

/**
 * Skeletons for display: the ground truth's (SWC, nm) and TEASAR skeletons of corrected segments
 * computed in a worker, cached per segment until an edit changes that segment.
 */
export class SkeletonService {
  private readonly cache = new Map<string, Promise<Skeleton | undefined>>();
  private session: unknown;

  /** Edits changed these segments (or removed them): their skeletons are stale. */
  invalidate(ids: readonly bigint[]): void {
    for (const id of ids) this.cache.delete(id.toString());
  }

  async skeletons(
    volumes: SessionVolumes,
    ids: readonly bigint[],
    groundTruth: readonly Skeleton[],
    signal?: AbortSignal,
  ): Promise<SkeletonSet> {
    if (this.session !== volumes.session) {
      this.cache.clear();
      this.session = volumes.session;
    }
    const out: SkeletonData[] = groundTruth.map((s) => toData(s, BigInt(s.id), 'groundtruth'));
    const missing: bigint[] = [];
    const computed = await Promise.all(ids.map((id) => this.teasar(volumes, id, signal)));
    computed.forEach((s, k) => {
      if (s && s.nodes.length > 0) out.push(toData(s, ids[k]!, 'teasar'));
      else missing.push(ids[k]!);
    });
    return { skeletons: out, missing };
  }

  private teasar(volumes: SessionVolumes, id: bigint, signal?: AbortSignal): Promise<Skeleton | undefined> {
    const key = id.toString();
    let job = this.cache.get(key);
    if (!job) {
      job = this.compute(volumes, id, signal);
      this.cache.set(key, job);
      job.catch(() => this.cache.delete(key));
    }
    return job;
  }

  private async compute(
    volumes: SessionVolumes,
    id: bigint,
    signal?: AbortSignal,
  ): Promise<Skeleton | undefined> {
    const summary = volumes.segment(id);
    if (!summary) return undefined;
    const box = { start: summary.bboxStart, size: summary.bboxSize };
    const voxels = box.size[0] * box.size[1] * box.size[2];
    if (voxels > MAX_SKELETON_BOX_VOXELS) {
      throw new RangeError(`segment ${id} spans ${voxels} voxels; too large to skeletonize on request`);
    }
    const mask = segmentMask(await volumes.readCorrected(box), id);
    return runMetricsJob(
      { kind: 'skeletonize', mask, box, resolution: volumes.resolution, id: 0 },
      `skeletonizing segment ${id}`,
      signal,
    );
  }
}

function toData(s: Skeleton, id: bigint, source: SkeletonData['source']): SkeletonData {
  const positions = new Float32Array(3 * s.nodes.length);
  const parents = new Int32Array(s.nodes.length);
  s.nodes.forEach((n, i) => {
    positions[3 * i] = n.x;
    positions[3 * i + 1] = n.y;
    positions[3 * i + 2] = n.z;
    parents[i] = n.parent;
  });
  return { id, source, positions, parents };
}
