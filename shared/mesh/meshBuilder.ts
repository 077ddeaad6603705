import type { Vec3 } from '../volume/types';
import { type CaseTable, EDGE_LO, EDGE_MID } from './caseTable';
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

  /** Make room for `n` more indices; callers then write indices[indexCount++] directly. */
  reserveIndices(n: number): Uint32Array {
    if (this.indexCount + n > this.indices.length) this.indices = grow(this.indices, this.indexCount + n);
    return this.indices;
  }

  finish(opts: MeshOptions): Mesh {
    const positions = fit(this.positions, 3 * this.vertexCount);
    const indices = fit(this.indices, this.indexCount);
    if (opts.smoothing) smoothMesh(positions, indices, opts.resolution, opts.smoothing);
    if (opts.normals === false) return { positions, indices };
    return { positions, indices, normals: vertexNormals(positions, indices) };
  }
}

/** The first n entries: a view when little would be wasted (no copy), else a compact copy. */
function fit<T extends Float32Array | Uint32Array>(a: T, n: number): T {
  if (n === a.length) return a;
  return (a.length - n <= a.length / 8 ? a.subarray(0, n) : a.slice(0, n)) as T;
}

function grow<T extends Float32Array | Uint32Array>(a: T, need: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}

/**
 * Vertex ids of lattice edges for one slab of cells (voxel planes z and z + 1): x- and y-edges
 * of both planes, z-edges between them. Planes alternate parity so a slab reuses the lower
 * plane of the next one. `slots` ids per edge: 2 when meshing all labels, one for the label at
 * each end of the edge (slot 0: the low end's label).
 */
export class EdgeCache {
  readonly ids: Int32Array;
  /**
   * For entry t of the case table: where the vertex of that edge lives in `ids`, relative to
   * `slots * (y * rowLength + x)` of the cell. Recomputed per slab (it depends on parity).
   */
  readonly caseSlots: Int32Array;
  private readonly plane: number;
  private readonly offsets = new Int32Array(12);

  constructor(
    rows: number,
    private readonly rowLength: number,
    private readonly slots: 1 | 2,
    private readonly table: CaseTable,
  ) {
    this.plane = rows * rowLength;
    this.ids = new Int32Array(5 * this.plane * slots).fill(-1);
    this.caseSlots = new Int32Array(table.edges.length);
  }

  /** Prepare for the slab of cells whose lower voxel plane is `z`. */
  startSlab(z: number): void {
    const p = this.plane;
    const s = this.slots;
    const upper = (z + 1) & 1;
    if (z > 0) {
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
    const { count, edges, stride } = this.table;
    for (let cs = 0; cs < 256; cs++) {
      for (let t = cs * stride, end = t + 3 * count[cs]!; t < end; t++) {
        const k = edges[t]!;
        const slot = s === 1 || (cs >> EDGE_LO[k]!) & 1 ? 0 : 1;
        this.caseSlots[t] = s * this.offsets[k]! + slot;
      }
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
