import {
  BufferAttribute,
  BufferGeometry,
  CanvasTexture,
  DoubleSide,
  Group,
  LineBasicMaterial,
  LineLoop,
  Mesh,
  MeshBasicMaterial,
  NearestFilter,
  SRGBColorSpace,
} from 'three';
import type { SliceAxis } from '../../shared/api/types';
import type { Vec3 } from '../../shared/volume/types';
import { AXIS_COLORS, AXIS_LAYOUT, SLICE_AXES } from './sliceAxes';
import type { SliceLayer } from './sliceLayer';

/** World (x, y, z) in nm of the slice point (row, col) of `axis` at `index` (continuous voxels). */
function cornerXyz(
  axis: SliceAxis,
  index: number,
  row: number,
  col: number,
  res: Vec3,
): [number, number, number] {
  const { slice, row: rowDim, col: colDim } = AXIS_LAYOUT[axis];
  const zyx = [0, 0, 0];
  zyx[slice] = index;
  zyx[rowDim] = row;
  zyx[colDim] = col;
  return [zyx[2]! * res[2], zyx[1]! * res[1], zyx[0]! * res[0]];
}

interface Plane {
  readonly mesh: Mesh<BufferGeometry, MeshBasicMaterial>;
  readonly outline: LineLoop<BufferGeometry, LineBasicMaterial>;
  texture: CanvasTexture | null;
}

/**
 * The three slice planes in the 3D view, textured with the same composites the 2D views show,
 * outlined in their view's colour, at the crosshair position.
 */
export class SlicePlanes3d {
  readonly group = new Group();
  private readonly planes = new Map<SliceAxis, Plane>();
  private readonly offs: (() => void)[] = [];

  constructor(
    private readonly layers: Readonly<Record<SliceAxis, SliceLayer>>,
    private readonly changed: () => void,
  ) {
    for (const axis of SLICE_AXES) {
      const material = new MeshBasicMaterial({
        side: DoubleSide,
        transparent: true,
        opacity: 0.7,
        depthWrite: false,
      });
      const mesh = new Mesh(new BufferGeometry(), material);
      mesh.renderOrder = 1;
      const outline = new LineLoop(new BufferGeometry(), new LineBasicMaterial({ color: AXIS_COLORS[axis] }));
      this.group.add(mesh, outline);
      this.planes.set(axis, { mesh, outline, texture: null });
      this.offs.push(layers[axis].onChange(() => this.refreshTexture(axis)));
    }
  }

  /** Rebuild the quads for a volume of `shape` voxels at `res` nm per voxel, crossing at `position`. */
  place(shape: Vec3, res: Vec3, position: Vec3): void {
    for (const axis of SLICE_AXES) {
      const plane = this.planes.get(axis)!;
      const { slice, row, col } = AXIS_LAYOUT[axis];
      const index = position[slice] + 0.5;
      const corners = [
        cornerXyz(axis, index, 0, 0, res),
        cornerXyz(axis, index, 0, shape[col], res),
        cornerXyz(axis, index, shape[row], shape[col], res),
        cornerXyz(axis, index, shape[row], 0, res),
      ];
      const positions = new Float32Array(corners.flat());
      // Texture rows run along the slice's rows; flipY is off so row 0 sits at v = 0.
      const uvs = new Float32Array([0, 0, 1, 0, 1, 1, 0, 1]);
      const geometry = plane.mesh.geometry;
      geometry.setAttribute('position', new BufferAttribute(positions, 3));
      geometry.setAttribute('uv', new BufferAttribute(uvs, 2));
      geometry.setIndex([0, 1, 2, 0, 2, 3]);
      geometry.computeBoundingSphere();
      plane.outline.geometry.setAttribute('position', new BufferAttribute(positions.slice(), 3));
      plane.outline.geometry.computeBoundingSphere();
    }
    this.changed();
  }

  setVisible(visible: boolean): void {
    this.group.visible = visible;
    this.changed();
  }

  dispose(): void {
    for (const off of this.offs) off();
    for (const plane of this.planes.values()) {
      plane.texture?.dispose();
      plane.mesh.geometry.dispose();
      plane.mesh.material.dispose();
      plane.outline.geometry.dispose();
      plane.outline.material.dispose();
    }
    this.planes.clear();
  }

  private refreshTexture(axis: SliceAxis): void {
    const plane = this.planes.get(axis);
    const canvas = this.layers[axis].canvas;
    if (!plane) return;
    const size = `${canvas.width}x${canvas.height}`;
    // Texture storage is sized on first upload: a slice of another size needs a new texture.
    if (!plane.texture || plane.texture.userData.size !== size) {
      plane.texture?.dispose();
      plane.texture = new CanvasTexture(canvas);
      plane.texture.userData.size = size;
      plane.texture.flipY = false;
      plane.texture.magFilter = NearestFilter;
      plane.texture.colorSpace = SRGBColorSpace;
      plane.mesh.material.map = plane.texture;
      plane.mesh.material.needsUpdate = true;
    }
    plane.texture.needsUpdate = true;
    this.changed();
  }
}
