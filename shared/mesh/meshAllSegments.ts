import type { Vec3 } from '../volume/types';
import { type CaseTable, caseTable } from './caseTable';
import { EdgeCache, MeshBuilder, VertexPlacer } from './meshBuilder';
import type { Mesh, MeshOptions } from './types';

/** Largest label meshAllSegments accepts: it keeps per-label arrays indexed by label. */
const MAX_LABEL = 1 << 24;

/**
 * Meshes of every non-zero label of a block in one pass over its cells; each is the same mesh
 * meshSegment gives for that label. Labels must be dense indices (compactLabels).
 */
export function meshAllSegments(labels: Uint32Array, shape: Vec3, opts: MeshOptions): Map<number, Mesh> {
  const padded = padWithZeros(labels, shape);
  const offset = opts.offset ?? [0, 0, 0];
  const placer = new VertexPlacer([offset[0] - 1, offset[1] - 1, offset[2] - 1], opts.resolution);
  const marcher = new LabelMarcher(padded, shape, caseTable(opts.connectivity ?? 18), placer);
  marcher.run();
  const meshes = new Map<number, Mesh>();
  marcher.builders.forEach((builder, label) => meshes.set(label, builder.finish(opts)));
  return meshes;
}

/** The block with a one-voxel border of background, so every label's surface closes. */
function padWithZeros(labels: Uint32Array, shape: Vec3): Uint32Array {
  const [nz, ny, nx] = shape;
  if (labels.length !== nz * ny * nx)
    throw new RangeError(`labels hold ${labels.length} voxels, shape needs ${nz * ny * nx}`);
  const py = ny + 2;
  const px = nx + 2;
  const out = new Uint32Array((nz + 2) * py * px);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const src = (z * ny + y) * nx;
      out.set(labels.subarray(src, src + nx), ((z + 1) * py + y + 1) * px + 1);
    }
  }
  return out;
}

/**
 * Voxel faces per label (= its vertex count, one vertex per face), to size each builder once.
 * The padded border is background, so no neighbour read leaves the array for labelled voxels.
 */
function countFaces(p: Uint32Array, px: number, plane: number): Uint32Array {
  let max = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > max) max = p[i]!;
  if (max >= MAX_LABEL) throw new RangeError(`label ${max} is not a dense index (use compactLabels)`);
  const faces = new Uint32Array(max + 1);
  for (let i = 0, end = p.length - plane - px - 1; i < end; i++) {
    const v = p[i]!;
    const nx = p[i + 1]!;
    const ny = p[i + px]!;
    const nz = p[i + plane]!;
    if (v !== nx) {
      faces[v]!++;
      faces[nx]!++;
    }
    if (v !== ny) {
      faces[v]!++;
      faces[ny]!++;
    }
    if (v !== nz) {
      faces[v]!++;
      faces[nz]!++;
    }
  }
  return faces;
}

/**
 * Marches all cells of the padded block. A lattice edge between two labels carries one vertex
 * per label: slot 0 for the label at its low end, slot 1 for the label at its high end.
 */
class LabelMarcher {
  readonly builders: MeshBuilder[] = [];
  private readonly cache: EdgeCache;
  private readonly corner = new Uint32Array(8);
  private readonly px: number;
  private readonly py: number;
  private readonly pz: number;

  constructor(
    private readonly p: Uint32Array,
    shape: Vec3,
    private readonly table: CaseTable,
    private readonly placer: VertexPlacer,
  ) {
    [this.pz, this.py, this.px] = [shape[0] + 2, shape[1] + 2, shape[2] + 2];
    this.cache = new EdgeCache(this.py, this.px, 2, table);
    const faces = countFaces(p, this.px, this.py * this.px);
    for (let label = 1; label < faces.length; label++) {
      if (faces[label]! > 0) this.builders[label] = new MeshBuilder(faces[label]);
    }
  }

  run(): void {
    const { p, px, py, corner } = this;
    const plane = py * px;
    for (let z = 0; z < this.pz - 1; z++) {
      this.cache.startSlab(z);
      for (let y = 0; y < py - 1; y++) {
        const a = (z * py + y) * px;
        const b = a + px;
        const c = a + plane;
        const d = c + px;
        let a0 = p[a]!;
        let b0 = p[b]!;
        let c0 = p[c]!;
        let d0 = p[d]!;
        let same0 = a0 === b0 && a0 === c0 && a0 === d0;
        for (let x = 0; x < px - 1; x++) {
          const a1 = p[a + x + 1]!;
          const b1 = p[b + x + 1]!;
          const c1 = p[c + x + 1]!;
          const d1 = p[d + x + 1]!;
          const same1 = a1 === b1 && a1 === c1 && a1 === d1;
          if (!same0 || !same1 || a0 !== a1) {
            corner[0] = a0;
            corner[1] = a1;
            corner[2] = b0;
            corner[3] = b1;
            corner[4] = c0;
            corner[5] = c1;
            corner[6] = d0;
            corner[7] = d1;
            this.mixedCell(z, y, x);
          }
          a0 = a1;
          b0 = b1;
          c0 = c1;
          d0 = d1;
          same0 = same1;
        }
      }
    }
  }

  /** Emit the surface of each distinct non-zero label among the cell's corners. */
  private mixedCell(z: number, y: number, x: number): void {
    const corner = this.corner;
    let done = 0;
    // Most mixed cells hold two labels: find the first two masks without looping.
    while (done !== 255) {
      const i = 31 - Math.clz32(~done & (done + 1));
      const label = corner[i]!;
      const cs = this.maskOf(label);
      done |= cs;
      if (label !== 0) this.emit(label, cs, z, y, x);
    }
  }

  /** The case (set of corners) of `label` in the current cell. */
  private maskOf(label: number): number {
    const c = this.corner;
    return (
      (c[0] === label ? 1 : 0) |
      (c[1] === label ? 2 : 0) |
      (c[2] === label ? 4 : 0) |
      (c[3] === label ? 8 : 0) |
      (c[4] === label ? 16 : 0) |
      (c[5] === label ? 32 : 0) |
      (c[6] === label ? 64 : 0) |
      (c[7] === label ? 128 : 0)
    );
  }

  private emit(label: number, cs: number, z: number, y: number, x: number): void {
    const builder = this.builders[label]!;
    const { ids, caseSlots } = this.cache;
    const { count, edges, stride } = this.table;
    const base = 2 * (y * this.px + x);
    const o = cs * stride;
    const end = o + 3 * count[cs]!;
    const out = builder.reserveIndices(end - o);
    let n = builder.indexCount;
    for (let t = o; t < end; t++) {
      const e = base + caseSlots[t]!;
      let v = ids[e]!;
      if (v < 0) ids[e] = v = this.placer.add(builder, edges[t]!, z, y, x);
      out[n++] = v;
    }
    builder.indexCount = n;
  }
}
