import type { Vec3 } from '../volume/types';
import { SkeletonGraph } from '../skeleton/skeletonGraph';

/** A free end of a segment's skeleton, where the segment stops inside the volume. */
export interface SegmentEnd {
  /** Dense index of the segment. */
  readonly segment: number;
  readonly node: number;
  /** Tip position, nm zyx. */
  readonly pos: Vec3;
  /** Unit vector pointing out of the segment through the tip (zyx). */
  readonly dir: Vec3;
  /** A skeleton point a couple of radii behind the tip, on the axis (the tip is on the rim). */
  readonly axis: Vec3;
  /** Median radius (nm) over the end's last stretch, tip excluded: its calibre. */
  readonly radius: number;
  /** Length (nm) of the unbranched stretch ending here. */
  readonly branchLength: number;
}

export interface EndOptions {
  /** Shape (voxels) and resolution (nm) of the volume, to drop ends on its faces. */
  readonly shape: Vec3;
  readonly resolution: Vec3;
  /** Ends closer than this many voxels to a face of the volume leave it rather than stop. */
  readonly borderVoxels: number;
  /** Longest stretch (nm) used for the direction and calibre. */
  readonly window: number;
}

/** The leaves of `graph` that lie inside the volume, with direction and calibre. */
export function segmentEnds(segment: number, graph: SkeletonGraph, opts: EndOptions): SegmentEnd[] {
  const ends: SegmentEnd[] = [];
  for (const leaf of graph.nodesOfDegree((d) => d === 1)) {
    const pos = nodePos(graph, leaf);
    if (nearBorder(pos, opts)) continue;
    const stretch = graph.walk(leaf, -1, Infinity);
    const window = Math.min(opts.window, 0.5 * stretch.length);
    const part = graph.walk(leaf, -1, window).nodes;
    if (part.length < 2) continue;
    const back = nodePos(graph, part[part.length - 1]!);
    const d = [pos[0] - back[0], pos[1] - back[1], pos[2] - back[2]];
    const norm = Math.hypot(d[0]!, d[1]!, d[2]!);
    if (norm === 0) continue;
    const dir: Vec3 = [d[0]! / norm, d[1]! / norm, d[2]! / norm];
    const radius = calibre(graph, part);
    const inner = graph.walk(leaf, -1, Math.min(2.5 * radius, window)).nodes;
    const axis = nodePos(graph, inner[inner.length - 1]!);
    ends.push({ segment, node: leaf, pos, dir, axis, radius, branchLength: stretch.length });
  }
  return ends;
}

export function nodePos(graph: SkeletonGraph, i: number): Vec3 {
  return [graph.pos[3 * i]!, graph.pos[3 * i + 1]!, graph.pos[3 * i + 2]!];
}

function nearBorder(pos: Vec3, opts: EndOptions): boolean {
  for (let a = 0; a < 3; a++) {
    const margin = opts.borderVoxels * opts.resolution[a]!;
    const extent = opts.shape[a]! * opts.resolution[a]!;
    if (pos[a]! < margin || pos[a]! > extent - margin) return true;
  }
  return false;
}

/** Median radius of the stretch without its first third (the tip, where DBF falls to 0). */
function calibre(graph: SkeletonGraph, nodes: readonly number[]): number {
  const radii = nodes.slice(Math.floor(nodes.length / 3)).map((i) => graph.radius[i]!);
  radii.sort((a, b) => a - b);
  return radii[Math.floor(radii.length / 2)] ?? 0;
}
