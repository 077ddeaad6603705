import type { Box3, Vec3 } from '../volume/types';

/**
 * A triangle mesh ready for a Three.js BufferGeometry: positions are x,y,z in nm (world =
 * (voxel index + offset) * resolution), triangles wind counter-clockwise seen from outside.
 * Arrays may be views on slightly longer buffers (check byteOffset/length before transferring).
 */
export interface Mesh {
  readonly positions: Float32Array;
  readonly indices: Uint32Array;
  /** Unit vertex normals pointing out of the segment (absent when `normals: false`). */
  readonly normals?: Float32Array;
}

/**
 * How voxels of a label that touch only along an edge are meshed. 18: joined by a thin bridge
 * (one surface); 6: kept apart (two surfaces). Corner-only contact is always kept apart.
 */
export type MeshConnectivity = 6 | 18;

export interface MeshOptions {
  /** Voxel size in nm, zyx. */
  readonly resolution: Vec3;
  /** Voxel offset of this block inside the volume, zyx (default 0,0,0). */
  readonly offset?: Vec3;
  /** Taubin smoothing iterations, each vertex kept within half a voxel (default 0: none). */
  readonly smoothing?: number;
  /** Compute vertex normals (default true). */
  readonly normals?: boolean;
  /** Default 18. */
  readonly connectivity?: MeshConnectivity;
}

export interface SegmentMeshOptions extends MeshOptions {
  /** Only voxels inside this box (block coordinates) count, e.g. the segment's bounding box. */
  readonly box?: Box3;
}

/** A fresh empty mesh (fresh so that transferring its buffers never detaches another's). */
export function emptyMesh(): Mesh {
  return { positions: new Float32Array(0), indices: new Uint32Array(0), normals: new Float32Array(0) };
}
