import { clampBox } from '../volume/box';
import { type Box3, type Vec3, boxVoxels } from '../volume/types';
import { formatAt } from './brush';
import { connectedComponents } from './components';
import { buildVoxelDelta } from './overrides';
import { splitSides } from './coarseSplit';
import { type MaskRuns, segmentRunsByPlanes } from './padding';
import { idRange, makeResult } from './result';
import { findSegmentBox, idExists, readCorrected, resolve, segmentMask } from './state';
import { EditError, type EditResult, type EditState, type LabelReader } from './types';
import { SIDE_SINK, SIDE_SOURCE, SIDE_UNREACHED, type Seed } from './watershed';

export interface SplitParams {
  readonly segment: bigint;
  readonly sources: readonly Vec3[];
  readonly sinks: readonly Vec3[];
  /** Where to split (default: the segment's bounding box); voxels outside keep their id. */
  readonly box?: Box3;
}

export interface SplitPreview {
  /** The segment's current id (`params.segment` after merges). */
  readonly segment: bigint;
  readonly box: Box3;
  /** Per voxel of `box`: SIDE_OUTSIDE (not the segment), SIDE_SOURCE, SIDE_SINK, SIDE_UNREACHED. */
  readonly sides: Uint8Array;
  readonly sourceVoxels: number;
  readonly sinkVoxels: number;
  /** Segment voxels not connected to any seed inside the box; a split leaves them with the source. */
  readonly unreachedVoxels: number;
}

interface SegmentRegion {
  readonly segment: bigint;
  readonly box: Box3;
}

interface SegmentBlock extends SegmentRegion {
  readonly labels: BigUint64Array;
}

/** Resolve and check the segment a split works on, and the box it works in. */
function segmentRegion(
  state: EditState,
  reader: LabelReader,
  segmentId: bigint,
  box: Box3 | undefined,
): SegmentRegion {
  if (!idExists(state, reader, segmentId)) {
    throw new EditError('unknown-id', `segment ${segmentId} does not exist`);
  }
  const segment = resolve(state, segmentId);
  const region = box ? clampBox(box, reader.shape) : findSegmentBox(state, reader, segment);
  if (!region || boxVoxels(region) === 0) {
    throw new EditError('empty-segment', `segment ${segment} has no voxels${box ? ' in the given box' : ''}`);
  }
  return { segment, box: region };
}

/** The segment's region with its corrected labels. */
function readSegment(
  state: EditState,
  reader: LabelReader,
  segmentId: bigint,
  box: Box3 | undefined,
): SegmentBlock {
  const region = segmentRegion(state, reader, segmentId, box);
  return { ...region, labels: readCorrected(state, reader, region.box) };
}

/** Voxels read at once when a split scans its box (uint64 ids: 2 MB). */
const PLANES_READ_VOXELS = 1 << 18;

/**
 * The segment's voxels in its box as runs, read a few z-planes at a time: a split's box can hold
 * millions of voxels, and a whole-box copy of their uint64 ids costs more than the scan (fresh
 * memory of that size is slow to come by).
 */
function readSegmentRuns(state: EditState, reader: LabelReader, region: SegmentRegion): MaskRuns {
  const { start, size } = region.box;
  const planes = Math.max(1, Math.floor(PLANES_READ_VOXELS / (size[1] * size[2])));
  return segmentRunsByPlanes(size, region.segment, planes, (z, n) =>
    readCorrected(state, reader, {
      start: [start[0] + z, start[1], start[2]],
      size: [n, size[1], size[2]],
    }),
  );
}

function noVoxelsInBox(segment: bigint): EditError {
  return new EditError('empty-segment', `segment ${segment} has no voxels in the given box`);
}

function seedIndex(
  state: EditState,
  reader: LabelReader,
  block: SegmentRegion,
  at: Vec3,
  name: string,
): number {
  if (!at.every((c, d) => Number.isInteger(c) && c >= 0 && c < reader.shape[d]!)) {
    throw new EditError('seed-outside', `${name} ${formatAt(at)} is outside the volume`);
  }
  const local = [0, 1, 2].map((d) => at[d]! - block.box.start[d]!);
  const inBox = local.every((c, d) => c >= 0 && c < block.box.size[d]!);
  const i = (local[0]! * block.box.size[1] + local[1]!) * block.box.size[2] + local[2]!;
  const found = readCorrected(state, reader, { start: at, size: [1, 1, 1] })[0]!;
  if (inBox && found === block.segment) return i;
  const where = found === 0n ? 'background' : `segment ${found}`;
  const hint = found === block.segment ? ' outside the split box' : '';
  throw new EditError(
    'seed-outside',
    `${name} ${formatAt(at)} lies in ${where}${hint}, not in segment ${block.segment}`,
  );
}

function collectSeeds(
  state: EditState,
  reader: LabelReader,
  block: SegmentRegion,
  params: SplitParams,
): Seed[] {
  if (params.sources.length === 0 || params.sinks.length === 0) {
    throw new EditError('bad-input', 'a split needs at least one source and one sink seed');
  }
  const seeds: Seed[] = [
    ...params.sources.map((at, i): Seed => ({
      index: seedIndex(state, reader, block, at, `source seed ${i}`),
      side: SIDE_SOURCE,
    })),
    ...params.sinks.map((at, i): Seed => ({
      index: seedIndex(state, reader, block, at, `sink seed ${i}`),
      side: SIDE_SINK,
    })),
  ];
  const sources = new Set(seeds.filter((s) => s.side === SIDE_SOURCE).map((s) => s.index));
  const clash = params.sinks.findIndex((_, i) => sources.has(seeds[params.sources.length + i]!.index));
  if (clash !== -1) throw new EditError('bad-input', `sink seed ${clash} is also a source seed`);
  return seeds;
}

/** Where a split would cut, without changing anything (for the UI to show). */
export function splitPreview(state: EditState, reader: LabelReader, params: SplitParams): SplitPreview {
  const block = segmentRegion(state, reader, params.segment, params.box);
  const runs = readSegmentRuns(state, reader, block);
  if (runs.count === 0) throw noVoxelsInBox(block.segment);
  const seeds = collectSeeds(state, reader, block, params);
  const { sides, counts } = splitSides(
    block.box.size,
    runs,
    reader.readImage?.(block.box),
    reader.resolution,
    seeds,
  );
  return {
    segment: block.segment,
    box: block.box,
    sides,
    sourceVoxels: counts[SIDE_SOURCE]!,
    sinkVoxels: counts[SIDE_SINK]!,
    unreachedVoxels: counts[SIDE_UNREACHED]!,
  };
}

/** Split a segment: the sink side becomes a new segment with id `state.nextId`. */
export function applySplit(state: EditState, reader: LabelReader, params: SplitParams): EditResult {
  const preview = splitPreview(state, reader, params);
  const newId = state.nextId;
  const assign = new Uint8Array(preview.sides.length);
  for (let i = 0; i < assign.length; i++) if (preview.sides[i] === SIDE_SINK) assign[i] = 1;
  const voxels = buildVoxelDelta(state, { box: preview.box, assign, palette: [newId] });
  const unreached = preview.unreachedVoxels > 0 ? `, ${preview.unreachedVoxels} unreached voxels stay` : '';
  return makeResult(
    state,
    { voxels, nextId: newId + 1n },
    {
      kind: 'split',
      text: `split ${preview.sinkVoxels} voxels of segment ${preview.segment} into new segment ${newId}${unreached}`,
      newIds: [newId],
      segments: [preview.segment, newId],
    },
  );
}

/** Give every 6-connected piece of a segment except the largest a new id. */
export function applySplitComponents(
  state: EditState,
  reader: LabelReader,
  segmentId: bigint,
  box?: Box3,
): EditResult {
  const block = readSegment(state, reader, segmentId, box);
  const mask = segmentMask(block.labels, block.segment);
  if (mask.indexOf(1) === -1) throw noVoxelsInBox(block.segment);
  const { labels, sizes } = connectedComponents(block.box.size, mask);
  if (sizes.length < 2) {
    throw new EditError('no-change', `segment ${block.segment} is one connected piece; nothing to split`);
  }
  const largest = sizes.indexOf(Math.max(...sizes)) + 1;
  const newIds = idRange(state.nextId, sizes.length - 1);
  // Component k maps to palette slot k (k < largest) or k - 1 (k > largest); the largest to 0.
  for (let i = 0; i < labels.length; i++) {
    const k = labels[i]!;
    labels[i] = k === largest ? 0 : k < largest ? k : k - 1;
  }
  const voxels = buildVoxelDelta(state, { box: block.box, assign: labels, palette: newIds });
  return makeResult(
    state,
    { voxels, nextId: state.nextId + BigInt(newIds.length) },
    {
      kind: 'splitComponents',
      text: `split segment ${block.segment} into ${sizes.length} connected pieces (new ${newIds.join(', ')})`,
      newIds,
      segments: [block.segment, ...newIds],
    },
  );
}
