import type { TodoKind } from '../todo/types';
import type { Vec3 } from '../volume/types';

/*
 * Live metrics, the to-do list of likely errors and skeletons, as the API returns them
 * (issue 4). Numbers follow shared/metrics (funlib.evaluate conventions); ids are bigint.
 */

/** How far proofreading moved the segmentation from the original one (no ground truth needed). */
export interface ProofreadingChange {
  /** H(corrected | original) in bits, over every voxel: how much was split off. */
  readonly voi_split: number;
  /** H(original | corrected): how much was merged. */
  readonly voi_merge: number;
  /** Edits currently applied, by kind ('split' counts split and splitComponents). */
  readonly edits: number;
  readonly merges: number;
  readonly splits: number;
  readonly paints: number;
  readonly erases: number;
  /** Voxels whose label was overwritten (paint, erase, split); merges relabel no voxel. */
  readonly voxelsChanged: number;
  /** Applied edits per hour since the first one (null before two minutes of editing). */
  readonly editsPerHour: number | null;
  /** ISO 8601 of the first and latest applied edit. */
  readonly firstEditAt: string | null;
  readonly lastEditAt: string | null;
}

/** The corrected segmentation against the loaded ground truth. */
export interface GroundTruthScores {
  readonly voi_split: number;
  readonly voi_merge: number;
  readonly rand_split: number;
  readonly rand_merge: number;
  readonly adapted_rand_error: number;
  /** Expected run length in nm (funlib), null without skeletons. */
  readonly erl: number | null;
  readonly gt_erl: number | null;
  readonly nerl: number | null;
  /** Voxels with non-zero ground truth (the ones scored). */
  readonly countedVoxels: number;
}

/** A segment with a large share of voi_split or voi_merge, with where to look. */
export interface VoiContributor {
  /** voi_split: the ground-truth id; voi_merge: the corrected segment id. */
  readonly id: bigint;
  readonly value: number;
  /**
   * voi_split: the corrected segments the ground-truth object is cut into (background 0 left
   * out); voi_merge: the segment itself (never 0). Largest first; what a click selects.
   */
  readonly segments: readonly bigint[];
  /** voi_merge: how many ground-truth objects the segment covers; voi_split: pieces. */
  readonly parts: number;
  /** A voxel (zyx) inside one of `segments`, or null when none is known. */
  readonly voxel: Vec3 | null;
}

/** One point of the plot: the metrics after an edit (or at open / ground-truth load). */
export interface MetricsPoint {
  /** 0, 1, 2, ... in the order the points were taken. */
  readonly step: number;
  readonly action: 'start' | 'do' | 'undo' | 'redo';
  /** The edit's log position, null for 'start'. */
  readonly seq: number | null;
  readonly label: string;
  /** ISO 8601. */
  readonly at: string;
  readonly change: { readonly voi_split: number; readonly voi_merge: number; readonly edits: number };
  readonly groundTruth: {
    readonly voi_split: number;
    readonly voi_merge: number;
    readonly adapted_rand_error: number;
    readonly nerl: number | null;
  } | null;
}

export interface GroundTruthInfo {
  /** `PATH:DATASET` as opened. */
  readonly spec: string;
  /** The skeleton file or folder, null without skeletons. */
  readonly skeletons: string | null;
  readonly skeletonCount: number;
  /** Voxel size used for ERL, nm zyx. */
  readonly resolution: Vec3;
  /** Found next to the demo volume rather than loaded by the user. */
  readonly automatic: boolean;
}

export interface MetricsSnapshot {
  /** 'computing' while the full pass runs (progress in done / total voxels). */
  readonly status: 'idle' | 'computing' | 'ready' | 'error';
  readonly progress: { readonly done: number; readonly total: number } | null;
  readonly error: string | null;
  readonly groundTruth: GroundTruthInfo | null;
  readonly change: ProofreadingChange | null;
  readonly scores: GroundTruthScores | null;
  readonly topSplits: readonly VoiContributor[];
  readonly topMerges: readonly VoiContributor[];
  readonly history: readonly MetricsPoint[];
  /** How long the latest update took (ms) and whether it was incremental. */
  readonly lastUpdate: { readonly ms: number; readonly incremental: boolean } | null;
  /** Increases with every update, so a client can tell a new snapshot from the last. */
  readonly version: number;
}

export type TodoStatus = 'open' | 'fixed' | 'false-alarm';

export interface TodoEntry {
  readonly id: number;
  readonly kind: TodoKind;
  /** 1 = most likely an error. */
  readonly rank: number;
  readonly score: number;
  readonly segmentIds: readonly bigint[];
  readonly voxel: Vec3;
  readonly reason: string;
  readonly status: TodoStatus;
  /** ISO 8601 of the run that found it. */
  readonly computedAt: string;
}

export interface TodoList {
  readonly items: readonly TodoEntry[];
  /** ISO 8601 of the latest run, null when none ran yet. */
  readonly computedAt: string | null;
  readonly open: number;
}

/** A skeleton for display: nodes in nm (xyz interleaved) and each node's parent (-1 root). */
export interface SkeletonData {
  /** Ground-truth skeleton id, or the segment id for TEASAR skeletons. */
  readonly id: bigint;
  readonly source: 'groundtruth' | 'teasar';
  readonly positions: Float32Array;
  readonly parents: Int32Array;
}

export interface SkeletonSet {
  readonly skeletons: readonly SkeletonData[];
  /** Segment ids asked for that have no skeleton (too small, or unknown). */
  readonly missing: readonly bigint[];
}
