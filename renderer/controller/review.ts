import type { SegmentSummary } from '../../shared/api/types';
import type { Vec3 } from '../../shared/volume/types';
import type { Backend } from '../api/client';
import type { AppStore } from '../state/store';
import { messageOf } from './taskIds';

/** Centre voxel of a segment's bounding box. */
export function bboxCenterOf(s: SegmentSummary): Vec3 {
  return [0, 1, 2].map((d) => s.bboxStart[d]! + Math.floor((s.bboxSize[d]! - 1) / 2)) as unknown as Vec3;
}

/**
 * "Next unreviewed axon": the next unreviewed segment typed axon after the current one; when
 * none is left (or none is typed yet), the next unreviewed segment of any type. Selects it,
 * centres the views on it and frames it in 3D.
 */
export async function nextUnreviewedAxon(store: AppStore, backend: Backend): Promise<SegmentSummary | null> {
  const s = store.getState();
  if (!s.session) return null;
  const after = s.selection[0];
  const from = after === undefined ? {} : { after };
  try {
    let next = await backend.api.nextUnreviewed({ ...from, type: 'axon' });
    let hint = null as string | null;
    if (!next) {
      next = await backend.api.nextUnreviewed(from);
      hint = next ? 'No unreviewed axon left: showing the next unreviewed segment' : null;
    }
    const now = store.getState();
    if (!next) {
      now.setHint('Every segment has been reviewed');
      return null;
    }
    now.selectOnly(next.id.toString());
    now.jumpTo(bboxCenterOf(next));
    now.requestFrame();
    now.setHint(hint);
    return next;
  } catch (error) {
    store.getState().pushError(`Could not find the next unreviewed segment: ${messageOf(error)}`);
    return null;
  }
}
