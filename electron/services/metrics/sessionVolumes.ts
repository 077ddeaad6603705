import type { EditState } from '../../../shared/edit/types';
import type { SegmentSummary } from '../../../shared/api/types';
import type { Box3, ImageArray, LabelArray, Vec3 } from '../../../shared/volume/types';
import type { VolumeSource } from '../../io/openVolume';
import { ChunkCache } from '../chunkCache';
import type { Session } from '../session';
import { toDisplay, toUint64 } from '../slices';

/**
 * What the metrics, the to-do list and the skeletons read from the open session. Base labels
 * and the image go through a small cache of their own, so that whole-volume work does not flush
 * the display's; corrected labels come from the session (its edit service).
 */
export interface SessionVolumes {
  readonly session: Session;
  readonly shape: Vec3;
  readonly resolution: Vec3;
  readonly base: VolumeSource;
  /** The session's edit state now; undefined while the session has no edit model. */
  editState(): EditState | undefined;
  /** Original (unedited) labels of a box inside the volume. */
  readBase(box: Box3): Promise<BigUint64Array>;
  /** Corrected labels (edits applied) of a box inside the volume. */
  readCorrected(box: Box3): Promise<BigUint64Array>;
  /** The EM image of a box, windowed to uint8 as the slices show it. */
  readImage(box: Box3): Promise<Uint8Array>;
  segment(id: bigint): SegmentSummary | undefined;
}

/**
 * THE one place that knows how a session exposes its edits: the edit service's current
 * EditState (immutable; overrides copied per chunk on write). The live metrics diff two of them
 * to find the voxels an edit changed.
 */
export function editStateOf(session: Session): EditState | undefined {
  return session.edits.state;
}

export function sessionVolumes(session: Session, cache = new ChunkCache(128 * 2 ** 20)): SessionVolumes {
  const readBase = async (box: Box3): Promise<BigUint64Array> => {
    // The cache hands out a fresh array per read, so it is ours to keep.
    return toUint64((await cache.read(session.segmentation, box)) as LabelArray);
  };
  return {
    session,
    shape: session.segmentation.info.shape,
    resolution: session.resolution,
    base: session.segmentation,
    editState: () => editStateOf(session),
    readBase,
    readCorrected: (box) => session.readCorrectedLabels(box),
    async readImage(box) {
      return toDisplay((await cache.read(session.image, box)) as ImageArray, session.window);
    },
    segment: (id) => session.index.get(id),
  };
}
