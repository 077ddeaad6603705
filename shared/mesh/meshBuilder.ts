import type { Vec3 } from '../volume/types';
import { EDGE_MID } from './caseTable';
import { vertexNormals } from './normals';
import { smoothMesh } from './smoothMesh';
import type { Mesh, MeshOptions } from './types';

/** Growable vertex and index arrays for one segment's mesh. */
export class MeshBuilder {
  positions: Float32Array;
  indices: Uint32Array;
  vertexCount = 0;
  indexCount = 0;

  constructor(vertexCapacity = 1024) {
    this.positions = new Float32Array(3 * vertexCapacity);
    this.indices = new Uint32Array(6 * vertexCapacity);
  }

  addVertex(x: number, y: number, z: number): number {
    const i = 3 * this.vertexCount;
    if (i + 3 > this.positions.length) this.positions = grow(this.positions, i + 3);
    this.positions[i] = x;
    this.positions[i + 1] = y;
    this.positions[i + 2] = z;
    return this.vertexCount++;
  }

  addIndex(v: number): void {
    if (this.indexCount === this.indices.length) this.indices = grow(this.indices, this.indexCount + 1);
    this.indices[this.indexCount++] = v;
  }

  finish(opts: MeshOptions): Mesh {
    const positions = this.positions.slice(0, 3 * this.vertexCount);
    const indices = this.indices.slice(0, this.indexCount);
    if (opts.smoothing) smoothMesh(positions, indices, opts.resolution, opts.smoothing);
    if (opts.normals === false) return { positions, indices };
    return { positions, indices, normals: vertexNormals(positions, indices) };
  }
}

function grow<T extends Float32Array | Uint32Array>(a: T, need: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}

/**
 * Vertex ids of lattice edges for one slab of cells (voxel planes z and z + 1): x- and y-edges
 * of both planes, z-edges between them. Planes alternate parity so a slab reuses the lower
 * plane of the next one. `slots` ids per edge (one per label at either end, for multi-label).
 */
export class EdgeCache {
  readonly ids: Int32Array;
  /** Offset of each of the 12 cell edges from the cell's index y * rowLength + x. */
  readonly offsets = new Int32Array(12);
  private readonly plane: number;

  constructor(
    rows: number,
    private readonly rowLength: number,
    private readonly slots: number,
  ) {
    this.plane = rows * rowLength;
    this.ids = new Int32Array(5 * this.plane * slots).fill(-1);
  }

  /** Prepare for the slab of cells whose lower voxel plane is `z`. */
  startSlab(z: number): void {
    const p = this.plane;
    const upper = (z + 1) & 1;
    if (z > 0) {
      const s = this.slots;
      this.ids.fill(-1, upper * p * s, (upper + 1) * p * s);
      this.ids.fill(-1, (2 + upper) * p * s, (3 + upper) * p * s);
      this.ids.fill(-1, 4 * p * s, 5 * p * s);
    }
    const parity = [z & 1, upper];
    const nx = this.rowLength;
    for (let k = 0; k < 12; k++) {
      const a = k & 1;
      const b = (k >> 1) & 1;
      if (k < 4) this.offsets[k] = parity[b]! * p + a * nx;
      else if (k < 8) this.offsets[k] = (2 + parity[b]!) * p + a;
      else this.offsets[k] = 4 * p + b * nx + a;
    }
  }
}

/** Maps (cell, edge) to world position: ((cell + edge midpoint + origin) * resolution), xyz. */
export class VertexPlacer {
  private readonly ox: number;
  private readonly oy: number;
  private readonly oz: number;
  private readonly rx: number;
  private readonly ry: number;
  private readonly rz: number;

  /** `origin`: volume voxel coordinates (zyx, offset included) of the region's voxel 0,0,0. */
  constructor(origin: Vec3, resolution: Vec3) {
    [this.oz, this.oy, this.ox] = origin;
    [this.rz, this.ry, this.rx] = resolution;
  }

  add(builder: MeshBuilder, k: number, z: number, y: number, x: number): number {
    return builder.addVertex(
      (x + EDGE_MID[3 * k]! + this.ox) * this.rx,
      (y + EDGE_MID[3 * k + 1]! + this.oy) * this.ry,
      (z + EDGE_MID[3 * k + 2]! + this.oz) * this.rz,
    );
  }
}
