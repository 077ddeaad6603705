import type { StateCreator } from 'zustand/vanilla';
import type { SliceAxis } from '../../shared/api/types';
import type { Vec3 } from '../../shared/volume/types';
import type { AppState } from './store';

export interface HoverInfo {
  readonly axis: SliceAxis;
  readonly voxel: Vec3;
  /** Segment id under the pointer (decimal), '0' for background, null while its slice loads. */
  readonly id: string | null;
}

export interface HoverSlice {
  readonly hover: HoverInfo | null;
  readonly setHover: (hover: HoverInfo | null) => void;
}

const same = (a: HoverInfo | null, b: HoverInfo | null): boolean =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.axis === b.axis &&
    a.id === b.id &&
    a.voxel[0] === b.voxel[0] &&
    a.voxel[1] === b.voxel[1] &&
    a.voxel[2] === b.voxel[2]);

export const createHoverSlice: StateCreator<AppState, [], [], HoverSlice> = (set, get) => ({
  hover: null,
  setHover: (hover) => {
    if (!same(get().hover, hover)) set({ hover });
  },
});
