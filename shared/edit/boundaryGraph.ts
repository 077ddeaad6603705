import type { Fragments } from './fragments';

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

  constructor(capacity: number) {
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.sum = new Float64Array(capacity);
    this.faces = new Float64Array(capacity);
  }

  /** Append an edge and return its index. */
  add(a: number, b: number, sum: number, faces: number): number {
    if (this.length === this.a.length) this.grow();
    const e = this.length++;
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
  const { labels, cost, grid } = f;
  const graph = new BoundaryGraph(Math.max(16, 4 * f.count));
  const index = new Map<number, number>();
  const stride = f.count + 1;
  // +x, +y, +z: each face is visited once, from its lower voxel.
  const steps = [grid.offsets[0]!, grid.offsets[2]!, grid.offsets[4]!];
  const zMean = rule.anisotropic;
  const penalty = rule.zPenalty;
  // Runs of voxels along x usually meet the same neighbour pair: remember the last one per step.
  const lastKey = [-1, -1, -1];
  const lastEdge = [-1, -1, -1];
  for (let v = 0; v < labels.length; v++) {
    const lv = labels[v]!;
    if (lv === 0) continue;
    const cv = cost[v]!;
    for (let s = 0; s < 3; s++) {
      const u = v + steps[s]!;
      const lu = labels[u]!;
      if (lu === 0 || lu === lv) continue;
      const cu = cost[u]!;
      const score = s === 2 && zMean ? (cv + cu) / 2 + penalty : cv > cu ? cv : cu;
      const key = lv < lu ? lv * stride + lu : lu * stride + lv;
      let e = lastKey[s] === key ? lastEdge[s]! : index.get(key);
      if (e === undefined) {
        e = graph.add(lv < lu ? lv : lu, lv < lu ? lu : lv, 0, 0);
        index.set(key, e);
      }
      lastKey[s] = key;
      lastEdge[s] = e;
      graph.sum[e]! += score;
      graph.faces[e]!++;
    }
  }
  return graph;
}
