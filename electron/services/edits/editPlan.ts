import type { SegmentSummary } from '../../../shared/api/types';
import { formatAt, regionMask } from '../../../shared/edit/brush';
import { idExists, resolve } from '../../../shared/edit/state';
import {
  type EditCommand,
  type EditDelta,
  EditError,
  type EditState,
  type LabelReader,
} from '../../../shared/edit/types';
import { clampBox } from '../../../shared/volume/box';
import { type Box3, type Vec3, boxVoxels } from '../../../shared/volume/types';

/** A box to read ahead of an edit, with or without the EM image. */
export interface BlockRequest {
  readonly box: Box3;
  readonly image: boolean;
}

/** A command made explicit (a split gets its segment's box) and the boxes it will read. */
export interface EditPlan {
  readonly command: EditCommand;
  readonly blocks: readonly BlockRequest[];
}

export interface PlanContext {
  readonly state: EditState;
  /** For id checks only (reads nothing). */
  readonly ids: LabelReader;
  readonly shape: Vec3;
  lookup(id: bigint): SegmentSummary | undefined;
}

const inside = (v: Vec3, shape: Vec3): boolean =>
  v.every((c, d) => Number.isInteger(c) && c >= 0 && c < shape[d]!);

/** The segment a split works on and the box it splits in (default: its bounding box). */
export function segmentRegion(
  ctx: PlanContext,
  id: bigint,
  box: Box3 | undefined,
): { segment: bigint; box: Box3 } {
  if (id === 0n) throw new EditError('bad-input', 'segment 0 is background and cannot be split');
  if (!idExists(ctx.state, ctx.ids, id)) throw new EditError('unknown-id', `segment ${id} does not exist`);
  const segment = resolve(ctx.state, id);
  const summary = ctx.lookup(segment);
  if (!summary) throw new EditError('empty-segment', `segment ${segment} has no voxels`);
  const region = box ? clampBox(box, ctx.shape) : { start: summary.bboxStart, size: summary.bboxSize };
  if (boxVoxels(region) === 0) throw new EditError('empty-segment', `the split box lies outside the volume`);
  return { segment, box: region };
}

/** Work out what an edit will read; refuses what cannot apply before anything is read. */
export function planEdit(ctx: PlanContext, command: EditCommand): EditPlan {
  switch (command.kind) {
    case 'merge':
      return { command, blocks: [] };
    case 'split': {
      const { box } = segmentRegion(ctx, command.segment, command.box);
      const seeds = [...command.sources, ...command.sinks].map((at, i) => {
        const name =
          i < command.sources.length ? `source seed ${i}` : `sink seed ${i - command.sources.length}`;
        if (!inside(at, ctx.shape))
          throw new EditError('seed-outside', `${name} ${formatAt(at)} is outside the volume`);
        return { box: { start: at, size: [1, 1, 1] as Vec3 }, image: false };
      });
      return { command: { ...command, box }, blocks: [{ box, image: true }, ...seeds] };
    }
    case 'splitComponents': {
      const { box } = segmentRegion(ctx, command.segment, command.box);
      return { command: { ...command, box }, blocks: [{ box, image: false }] };
    }
    case 'paint':
    case 'erase':
      return { command, blocks: [{ box: regionMask(command.region, ctx.shape).box, image: false }] };
  }
}

/** The first voxel (z, y, x) a delta changes, or null for a delta that changes no voxel. */
export function firstChangedVoxel(delta: EditDelta, chunkShape: Vec3): Vec3 | null {
  const first = delta.voxels[0];
  const local = first?.index[0];
  if (!first || local === undefined) return null;
  const [cz, cy, cx] = chunkShape;
  const lx = local % cx;
  const ly = ((local - lx) / cx) % cy;
  const lz = (local - lx - ly * cx) / (cx * cy);
  return [first.chunk[0] * cz + lz, first.chunk[1] * cy + ly, first.chunk[2] * cx + lx];
}

/**
 * A voxel of segment `id` near the middle of its box, for "jump to": planes from the middle of the
 * box outwards until one holds the segment; in it, the voxel nearest the box centre.
 */
export async function voxelOfSegment(
  summary: SegmentSummary,
  readPlane: (box: Box3) => Promise<BigUint64Array>,
): Promise<Vec3> {
  const [z0, y0, x0] = summary.bboxStart;
  const [sz, sy, sx] = summary.bboxSize;
  const centre = [z0 + (sz >> 1), y0 + (sy >> 1), x0 + (sx >> 1)] as const;
  const lo = Number(summary.id & 0xffffffffn);
  const hi = Number(summary.id >> 32n);
  for (let k = 0; k < sz; k++) {
    const z = centre[0] + (k % 2 === 0 ? k / 2 : -(k + 1) / 2);
    if (z < z0 || z >= z0 + sz) continue;
    const plane = await readPlane({ start: [z, y0, x0], size: [1, sy, sx] });
    const w = new Uint32Array(plane.buffer, plane.byteOffset, plane.length * 2);
    let best: Vec3 | null = null;
    let bestDistance = Infinity;
    for (let y = 0, i = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, i++) {
        if (w[2 * i] !== lo || w[2 * i + 1] !== hi) continue;
        const d = (y0 + y - centre[1]) ** 2 + (x0 + x - centre[2]) ** 2;
        if (d < bestDistance) [best, bestDistance] = [[z, y0 + y, x0 + x], d];
      }
    }
    if (best) return best;
  }
  return summary.bboxStart;
}
