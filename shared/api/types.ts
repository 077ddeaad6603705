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
}

export type BackendEvent =
  | {
      readonly type: 'progress';
      readonly taskId: string;
      readonly label: string;
      readonly done: number;
      readonly total: number;
    }
  | {
      readonly type: 'taskEnd';
      readonly taskId: string;
      readonly error?: string;
      readonly cancelled?: boolean;
    };
