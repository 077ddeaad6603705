import type { Fragments } from './fragments';
import { PairIndex } from './pairIndex';

/** How the face between two voxels scores as a boundary (higher = more likely a membrane). */
export interface BoundaryRule {
  /**
   * Sections much thicker than the pixel size: a face between two slices scores the mean of the
   * two voxels' costs (a membrane lying between sections darkens both) plus `zPenalty`, since
   * continuity across sections is less certain than within one. Otherwise every face scores the
   * larger cost of its two voxels (a sharp membrane in either one separates them).
   */
  readonly anisotropic: boolean;
  readonly zPenalty: number;
}

/** Adjacent fragment pairs with the summed scores and the count of the faces between them. */
export class BoundaryGraph {
  a: Int32Array;
  b: Int32Array;
  sum: Float64Array;
  faces: Float64Array;
  length = 0;
  /** Fragment pair -> its edge (the agglomeration keeps it current as regions merge). */
  readonly pairs: PairIndex;

  constructor(capacity: number) {
    this.pairs = new PairIndex(capacity);
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.sum = new Float64Array(capacity);
    this.faces = new Float64Array(capacity);
  }

  /** Append an edge between fragments a and b and return its index. */
  add(a: number, b: number, sum: number, faces: number): number {
    if (this.length === this.a.length) this.grow();
    const e = this.length++;
    this.pairs.set(a, b, e);
    this.a[e] = a;
    this.b[e] = b;
    this.sum[e] = sum;
    this.faces[e] = faces;
    return e;
  }

  mean(e: number): number {
    return this.sum[e]! / this.faces[e]!;
  }

  private grow(): void {
    const n = 2 * this.a.length;
    const a = new Int32Array(n);
    const b = new Int32Array(n);
    const sum = new Float64Array(n);
    const faces = new Float64Array(n);
    a.set(this.a);
    b.set(this.b);
    sum.set(this.sum);
    faces.set(this.faces);
    [this.a, this.b, this.sum, this.faces] = [a, b, sum, faces];
  }
}

/** Every face between two different fragments, scored by `rule` and summed per fragment pair. */
export function boundaryGraph(f: Fragments, rule: BoundaryRule): BoundaryGraph {
  const { cells, grid, voxels } = f;
  const graph = new BoundaryGraph(Math.max(16, 4 * f.count));
  const index = graph.pairs;
  // +x, +y, +z: each face is visited once, from its lower voxel.
  const steps = [grid.offsets[0]!, grid.offsets[2]!, grid.offsets[4]!];
  const zMean = rule.anisotropic;
  const penalty = rule.zPenalty;
  // Runs of voxels along x usually meet the same fragment pair: remember the last one per step.
  const lastV = new Int32Array(3);
  const lastU = new Int32Array(3);
  const lastEdge = new Int32Array(3).fill(-1);
  for (let i = 0; i < voxels.length; i++) {
    const v = voxels[i]!;
    const cellV = cells[v]!;
    const lv = cellV >> 8;
    const cv = cellV & 255;
    for (let s = 0; s < 3; s++) {
      const cellU = cells[v + steps[s]!]!;
      const lu = cellU >> 8;
      if (lu === 0 || lu === lv) continue;
      const cu = cellU & 255;
      const score = s === 2 && zMean ? (cv + cu) / 2 + penalty : cv > cu ? cv : cu;
      let e = lastEdge[s]!;
      if (lastV[s] !== lv || lastU[s] !== lu) {
        e = index.get(lv, lu);
        if (e < 0) e = graph.add(lv, lu, 0, 0);
        lastV[s] = lv;
        lastU[s] = lu;
        lastEdge[s] = e;
      }
      graph.sum[e]! += score;
      graph.faces[e]!++;
    }
  }
  return graph;
}
