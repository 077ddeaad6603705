import type { SkeletonData } from '../../shared/api/metricsTypes';
import type { Vec3 } from '../../shared/volume/types';
import type { AppState, AppStore } from '../state/store';
import { watch } from '../state/store';
import { AXIS_LAYOUT } from './sliceAxes';
import { voxelToScreen, type ViewTransform } from './viewTransform';

export const GROUND_TRUTH_SKELETON_COLOR = '#ffd24a';
export const SEGMENT_SKELETON_COLOR = '#4ae0ff';

/** Edges further than this (in slices) from the shown plane are not drawn. */
const NEAR = 2.5;

/** The skeletons the overlays show now, each list with its colour. */
export function shownSkeletons(s: AppState): { skeletons: readonly SkeletonData[]; color: string }[] {
  const out = [];
  if (s.skeletonDisplay.groundTruth)
    out.push({ skeletons: s.groundTruthSkeletons, color: GROUND_TRUTH_SKELETON_COLOR });
  if (s.skeletonDisplay.selection) out.push({ skeletons: s.segmentSkeletons, color: SEGMENT_SKELETON_COLOR });
  return out;
}

/** Redraw when what the overlay shows changes. */
export function watchSkeletons(store: AppStore, redraw: () => void): () => void {
  const offs = [
    watch(store, (s) => s.groundTruthSkeletons, redraw),
    watch(store, (s) => s.segmentSkeletons, redraw),
    watch(store, (s) => s.skeletonDisplay, redraw),
  ];
  return () => offs.forEach((off) => off());
}

/**
 * Skeleton edges near the shown plane, fading with distance from it, and dots where nodes lie
 * on it. Node positions are nm (voxel centres at (index + 0.5) * resolution).
 */
export function drawSkeletons(ctx: CanvasRenderingContext2D, t: ViewTransform, s: AppState): void {
  if (!s.session) return;
  const resolution = s.session.segmentation.resolution;
  const dim = AXIS_LAYOUT[t.axis].slice;
  const plane = s.view.position[dim] + 0.5;
  ctx.save();
  ctx.lineWidth = 1.5;
  for (const { skeletons, color } of shownSkeletons(s)) {
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    for (const [alpha, limit] of [
      [0.95, 0.5],
      [0.55, 1.5],
      [0.25, NEAR],
    ] as const) {
      ctx.globalAlpha = alpha;
      ctx.beginPath();
      for (const sk of skeletons) traceEdges(ctx, t, sk, resolution, dim, plane, limit - 1, limit);
      ctx.stroke();
    }
    ctx.globalAlpha = 0.95;
    for (const sk of skeletons) drawNodesOnPlane(ctx, t, sk, resolution, dim, plane);
  }
  ctx.restore();
}

function voxelOf(sk: SkeletonData, i: number, res: Vec3): Vec3 {
  const p = sk.positions;
  return [p[3 * i + 2]! / res[0], p[3 * i + 1]! / res[1], p[3 * i]! / res[2]];
}

/** Add to the path the edges whose nearer end is in (from, to] slices from the plane. */
function traceEdges(
  ctx: CanvasRenderingContext2D,
  t: ViewTransform,
  sk: SkeletonData,
  res: Vec3,
  dim: number,
  plane: number,
  from: number,
  to: number,
): void {
  for (let i = 0; i < sk.parents.length; i++) {
    const parent = sk.parents[i]!;
    if (parent < 0) continue;
    const a = voxelOf(sk, i, res);
    const b = voxelOf(sk, parent, res);
    const d = Math.min(Math.abs(a[dim]! - plane), Math.abs(b[dim]! - plane));
    if (d > to || d <= from) continue;
    const [ax, ay] = voxelToScreen(t, a);
    const [bx, by] = voxelToScreen(t, b);
    ctx.moveTo(ax, ay);
    ctx.lineTo(bx, by);
  }
}

function drawNodesOnPlane(
  ctx: CanvasRenderingContext2D,
  t: ViewTransform,
  sk: SkeletonData,
  res: Vec3,
  dim: number,
  plane: number,
): void {
  for (let i = 0; i < sk.parents.length; i++) {
    const v = voxelOf(sk, i, res);
    if (Math.abs(v[dim]! - plane) > 0.5) continue;
    const [x, y] = voxelToScreen(t, v);
    ctx.fillRect(x - 1.5, y - 1.5, 3, 3);
  }
}
