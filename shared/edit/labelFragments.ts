import type { Vec3 } from '../volume/types';
import type { GraphBuilder } from './boundaryGraph';
import type { MaskRuns, PaddedGrid } from './padding';

/** The cell code of a fragment's root (drain codes are -1..-6, see fragments.ts). */
export const ROOT = -7;

/**
 * Label each voxel of `runs` with its root's fragment id, in scan order: an unlabelled voxel
 * walks down its drain codes in `cells` to a labelled voxel or a root (which takes the next id),
 * then labels the path it walked, so every voxel is walked from once. Then the faces towards its
 * -x, -y and -z neighbours (all labelled by then) that separate two fragments go into the
 * boundary graph. Fragments found get ids from `fixedCount` + 1 on (ids up to it are fixed ones
 * already in `cells`). Returns the number of fragments, fixed ones included.
 */
export function labelFragments(
  size: Vec3,
  grid: PaddedGrid,
  runs: MaskRuns,
  cells: Int32Array,
  cost: Uint8Array,
  faces: GraphBuilder,
  fixedCount = 0,
): number {
  const pass = new LabelPass(size, grid, cells, cost, faces);
  pass.count = fixedCount;
  faces.reserve(fixedCount);
  for (let r = 0; r < runs.count; r++) pass.run(runs.padded[r]!, runs.box[r]!, runs.length[r]!);
  return pass.count;
}

/** `labelFragments`, one run at a time. */
class LabelPass {
  count = 0;
  /** The step of each drain code, by -code. */
  private readonly step: Int32Array;
  private readonly px: number;
  private readonly plane: number;
  private readonly row: number;
  private readonly slice: number;

  constructor(
    size: Vec3,
    grid: PaddedGrid,
    private readonly cells: Int32Array,
    private readonly cost: Uint8Array,
    private readonly faces: GraphBuilder,
  ) {
    this.step = Int32Array.of(0, ...grid.offsets);
    this.px = grid.offsets[2]!;
    this.plane = grid.offsets[4]!;
    this.row = size[2];
    this.slice = size[1] * size[2];
  }

  /** Label the run of n voxels from padded index v (box index i) and add its faces. */
  run(v: number, i: number, n: number): void {
    const { cells, cost, faces, step, px, plane, row, slice } = this;
    const { zMean, penalty } = faces;
    // The voxel before (-x) in this run: none at its start.
    let before = 0;
    let beforeCost = 0;
    // The streak of -y faces (fragments, edge, sums) and of -z faces.
    let yId = 0,
      yLu = 0,
      yEdge = 0,
      ySum = 0,
      yFaces = 0;
    let zId = 0,
      zLu = 0,
      zEdge = 0,
      zSum = 0,
      zFaces = 0;
    for (const end = v + n; v < end; v++, i++) {
      let id = cells[v]!;
      if (id < 0) {
        let w = v;
        // Drain codes are -6..-1.
        while ((id + 6) >>> 0 < 6) {
          w += step[-id]!;
          id = cells[w]!;
        }
        if (id === ROOT) {
          id = this.newFragment();
          cells[w] = id;
        }
        for (let u = v; u !== w;) {
          const c = cells[u]!;
          cells[u] = id;
          u += step[-c]!;
        }
      }
      const cv = cost[i]!;
      if (before !== id && before !== 0) {
        faces.add(faces.edge(id, before), cv > beforeCost ? cv : beforeCost);
      }
      // Faces along a run towards one neighbouring fragment come in streaks: one lookup each.
      let lu = cells[v - px]!;
      if (lu !== id && lu !== 0) {
        const cu = cost[i - row]!;
        const score = cv > cu ? cv : cu;
        if (id === yId && lu === yLu) {
          ySum += score;
          yFaces++;
        } else {
          if (yFaces > 0) faces.add(yEdge, ySum, yFaces);
          yId = id;
          yLu = lu;
          yEdge = faces.edge(id, lu);
          ySum = score;
          yFaces = 1;
        }
      }
      lu = cells[v - plane]!;
      if (lu !== id && lu !== 0) {
        const cu = cost[i - slice]!;
        const score = zMean ? (cv + cu) / 2 + penalty : cv > cu ? cv : cu;
        if (id === zId && lu === zLu) {
          zSum += score;
          zFaces++;
        } else {
          if (zFaces > 0) faces.add(zEdge, zSum, zFaces);
          zId = id;
          zLu = lu;
          zEdge = faces.edge(id, lu);
          zSum = score;
          zFaces = 1;
        }
      }
      before = id;
      beforeCost = cv;
    }
    if (yFaces > 0) faces.add(yEdge, ySum, yFaces);
    if (zFaces > 0) faces.add(zEdge, zSum, zFaces);
  }

  private newFragment(): number {
    this.faces.reserve(++this.count);
    return this.count;
  }
}
