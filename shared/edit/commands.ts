import { regionMask } from './brush';
import { mergeChanges } from './equivalence';
import { buildVoxelDelta } from './overrides';
import { makeResult } from './result';
import { applySplit, applySplitComponents } from './split';
import { applyToBlock, idExists, resolve, segmentMask } from './state';
import {
  EditError,
  type EditCommand,
  type EditResult,
  type EditState,
  type LabelReader,
  NO_OVERRIDE,
  type PaintRegion,
} from './types';

/**
 * Perform an edit on `state`: returns the new state, the delta, its inverse and a summary.
 * Throws EditError (and changes nothing) when the edit cannot apply or would change nothing.
 * Deterministic: the same command on the same state gives the same result, so a log of commands
 * replays exactly.
 */
export function applyCommand(state: EditState, reader: LabelReader, command: EditCommand): EditResult {
  switch (command.kind) {
    case 'merge':
      return applyMerge(state, reader, command.target, command.source);
    case 'split':
      return applySplit(state, reader, command);
    case 'splitComponents':
      return applySplitComponents(state, reader, command.segment, command.box);
    case 'paint':
      return applyPaint(state, reader, command.kind, command.id, command.region, command.onlyOver);
    case 'erase':
      return applyPaint(state, reader, command.kind, 0n, command.region, command.onlyOver);
  }
}

function requireId(state: EditState, reader: LabelReader, id: bigint, role: string): void {
  if (id === 0n) {
    throw new EditError('bad-input', `${role} is background (0), which cannot be edited as a segment`);
  }
  if (!idExists(state, reader, id)) throw new EditError('unknown-id', `${role} ${id} does not exist`);
}

function applyMerge(state: EditState, reader: LabelReader, target: bigint, source: bigint): EditResult {
  requireId(state, reader, target, 'merge target');
  requireId(state, reader, source, 'merge source');
  const into = resolve(state, target);
  const from = resolve(state, source);
  if (into === from) {
    throw new EditError('same-segment', `segments ${target} and ${source} are already one segment (${into})`);
  }
  return makeResult(
    state,
    { merges: mergeChanges(state.merges, into, from) },
    { kind: 'merge', text: `merged segment ${from} into ${into}`, newIds: [], segments: [into, from] },
  );
}

function applyPaint(
  state: EditState,
  reader: LabelReader,
  kind: 'paint' | 'erase',
  idParam: bigint | 'new',
  region: PaintRegion,
  onlyOver: bigint | undefined,
): EditResult {
  const id = idParam === 'new' ? state.nextId : idParam;
  if (idParam !== 'new' && id !== 0n) requireId(state, reader, id, 'paint id');
  if (id >= NO_OVERRIDE || id < 0n) throw new EditError('bad-input', `id ${id} is not a usable uint64 id`);
  if (onlyOver !== undefined && onlyOver !== 0n) requireId(state, reader, onlyOver, 'paint-over id');
  const { box, mask } = regionMask(region, reader.shape);
  const base = reader.readLabels(box);
  const labels = applyToBlock(state, box, base);
  if (onlyOver !== undefined) {
    const over = segmentMask(labels, resolve(state, onlyOver));
    for (let i = 0; i < mask.length; i++) mask[i] = mask[i]! & over[i]!;
  }
  const voxels = buildVoxelDelta(state, { box, assign: mask, palette: [id], base });
  const current = resolve(state, id);
  const touched = new Set<bigint>([current]);
  let last = -1n;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 0 || labels[i] === last) continue;
    last = labels[i]!;
    touched.add(last);
  }
  touched.delete(0n);
  if (voxels.length === 0) {
    const over = onlyOver === undefined ? '' : ` or not in ${onlyOver}`;
    throw new EditError('no-change', `no voxel changes: every painted voxel is already ${current}${over}`);
  }
  const verb = id === 0n ? 'erased' : `painted ${current} over`;
  return makeResult(
    state,
    { voxels, nextId: idParam === 'new' ? id + 1n : state.nextId },
    {
      kind,
      text: `${verb} ${voxels.reduce((n, c) => n + c.index.length, 0)} voxels`,
      newIds: idParam === 'new' ? [id] : [],
      segments: [...touched],
    },
  );
}
