import { meshSegment } from '../../shared/mesh/meshSegment';
import type { Box3, Vec3 } from '../../shared/volume/types';

export interface PreviewMeshRequest {
  readonly jobId: number;
  readonly box: Box3;
  /** 0 = not in the segment, 1 = source side, 2 = sink side (SplitPreviewData.sides). */
  readonly sides: Uint8Array;
  readonly resolution: Vec3;
}

export interface SideMesh {
  readonly positions: Float32Array;
  readonly indices: Uint32Array;
}

export type PreviewMeshReply =
  | { readonly jobId: number; readonly source: SideMesh; readonly sink: SideMesh }
  | { readonly jobId: number; readonly error: string };

/** Surfaces of the two sides of a split preview, in nm like the segment meshes. */
export function meshPreviewSides(request: PreviewMeshRequest): { source: SideMesh; sink: SideMesh } {
  const { box, sides, resolution } = request;
  const labels = new Uint32Array(sides.length);
  for (let i = 0; i < sides.length; i++) labels[i] = sides[i]!;
  const options = { resolution, offset: box.start, normals: false };
  const side = (label: number): SideMesh => {
    const mesh = meshSegment(labels, box.size, label, options);
    return { positions: mesh.positions, indices: mesh.indices };
  };
  return { source: side(1), sink: side(2) };
}
