import type { Box3, Vec3 } from '../../shared/volume/types';

export interface MeshRequest {
  readonly jobId: number;
  /** Labels of `box` (uint64 ids), C-order zyx. */
  readonly labels: BigUint64Array;
  readonly box: Box3;
  readonly ids: readonly bigint[];
  readonly resolution: Vec3;
}

export type MeshReply =
  | {
      readonly jobId: number;
      readonly positions: Float32Array;
      readonly indices: Uint32Array;
      readonly normals: Float32Array;
    }
  | { readonly jobId: number; readonly error: string };
