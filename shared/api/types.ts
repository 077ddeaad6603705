import type { Vec3, VolumeInfo } from '../volume/types';

export type SliceAxis = 'xy' | 'xz' | 'yz';

/** What the backend has open now. */
export interface SessionInfo {
  readonly image: VolumeInfo;
  readonly segmentation: VolumeInfo;
  /** The SQLite project file backing this session. */
  readonly projectPath: string;
  readonly viewState: ViewState;
  readonly selection: readonly bigint[];
  readonly segmentCount: number;
}

export interface ViewState {
  /** Crosshair position in voxels, zyx. */
  readonly position: Vec3;
  /** Screen pixels per nm, shared by the three slice views. */
  readonly zoom: number;
  readonly opacity: number;
  readonly outlineOnly: boolean;
  readonly hidden: readonly string[];
  /** Colour overrides, decimal id -> '#rrggbb'. */
  readonly colors: Readonly<Record<string, string>>;
}

/** One plane of the volume. Pixel (row r, column c) is at data[r * width + c]. */
export interface SliceData {
  readonly axis: SliceAxis;
  readonly index: number;
  readonly width: number;
  readonly height: number;
  /** Greyscale, windowed to 0..255. */
  readonly image: Uint8Array;
  /** Segment ids of the corrected segmentation. */
  readonly labels: BigUint64Array;
}

export interface SegmentSummary {
  readonly id: bigint;
  readonly voxels: number;
  /** Bounding box start and size in voxels, zyx. */
  readonly bboxStart: Vec3;
  readonly bboxSize: Vec3;
}

export interface SegmentPage {
  readonly total: number;
  readonly segments: readonly SegmentSummary[];
}

export interface MeshData {
  readonly id: bigint;
  /** xyz in nm. */
  readonly positions: Float32Array;
  readonly indices: Uint32Array;
  /** Unit vertex normals (xyz), one per position, pointing out of the segment. */
  readonly normals: Float32Array;
}

export type ReviewStatus = 'unreviewed' | 'in-progress' | 'correct' | 'needs-expert';
export type SegmentType = 'unknown' | 'axon' | 'dendrite' | 'glia' | 'other';

export interface SegmentReview {
  readonly id: bigint;
  readonly status: ReviewStatus;
  readonly type: SegmentType;
  readonly note: string;
}

export interface Bookmark {
  readonly id: number;
  readonly voxel: Vec3;
  readonly note: string;
  /** ISO 8601. */
  readonly createdAt: string;
}

/** One row of the edit log. */
export interface EditLogEntry {
  /** 1-based position in the log (append-only; undo does not delete rows). */
  readonly seq: number;
  /** ISO 8601. */
  readonly at: string;
  readonly user: string;
  readonly kind: 'merge' | 'split' | 'splitComponents' | 'paint' | 'erase';
  /** One line for the history panel, e.g. "merge 17 into 12". */
  readonly text: string;
  /** The command as JSON (shared/edit/json `EditCommandJson`). */
  readonly params: unknown;
  /** Segment ids the edit read (before) and produced (after). */
  readonly segmentsBefore: readonly bigint[];
  readonly segmentsAfter: readonly bigint[];
  readonly changedVoxels: number;
  /** Where it happened (a voxel, zyx), for "jump to". */
  readonly voxel: Vec3;
  /** Whether the edit is currently undone (a later redo re-applies it). */
  readonly undone: boolean;
}

export interface EditLogPage {
  readonly total: number;
  /** Edits currently applied (the rest of the log is undone and can be redone). */
  readonly applied: number;
  readonly entries: readonly EditLogEntry[];
}

/** What an edit, undo or redo did; also sent to every client as an 'edited' event. */
export interface EditOutcome {
  readonly entry: EditLogEntry;
  /** 'do' for a new edit, 'undo' or 'redo'. */
  readonly action: 'do' | 'undo' | 'redo';
  /**
   * How many edits this action moved: 1, or more for "undo / redo all" and `--steps N`, whose
   * `entry` is the last edit moved (the oldest undone, the newest redone).
   */
  readonly steps: number;
  /** Segments whose voxels or identity changed: their meshes and counts must be refreshed. */
  readonly changed: readonly bigint[];
  /** Segments that no longer exist after this action (merged away, erased). */
  readonly removed: readonly bigint[];
  /** Bounding box of the voxels changed (zyx); slices crossing it must be redrawn. Null for a
   * merge, which changes ids but no voxel. */
  readonly box: { readonly start: Vec3; readonly size: Vec3 } | null;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

/** A split computed but not applied. `sides` covers `box` (zyx C-order): 0 = not in the
 * segment, 1 = stays (source side), 2 = becomes a new segment (sink side). */
export interface SplitPreviewData {
  readonly segment: bigint;
  readonly box: { readonly start: Vec3; readonly size: Vec3 };
  readonly sides: Uint8Array;
  readonly sourceVoxels: number;
  readonly sinkVoxels: number;
}

export type BackendEvent =
  | {
      readonly type: 'progress';
      readonly taskId: string;
      readonly label: string;
      readonly done: number;
      readonly total: number;
    }
  | { readonly type: 'edited'; readonly outcome: EditOutcome }
  | {
      readonly type: 'taskEnd';
      readonly taskId: string;
      readonly error?: string;
      readonly cancelled?: boolean;
    };
