import type { StateCreator } from 'zustand/vanilla';
import type { SessionInfo } from '../../shared/api/types';
import type { AppState } from './store';
import { voxelCenter } from './viewSlice';

export interface SessionSlice {
  readonly session: SessionInfo | null;
  /** Bumped whenever another session (volume pair) is applied, so views drop what they cached. */
  readonly sessionSeq: number;
  /** Adopt a session: its view state, its selection, a view centred on its position. */
  readonly applySession: (session: SessionInfo) => void;
}

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  session: null,
  sessionSeq: 0,
  applySession: (session) =>
    set((s) => ({
      session,
      sessionSeq: s.sessionSeq + 1,
      view: session.viewState,
      center: voxelCenter(session.viewState.position),
      selection: session.selection.map((id) => id.toString()),
      hover: null,
      // Tools, previews and undo state belong to the volume they were made on.
      tool: 'navigate',
      split: { segment: null, sources: [], sinks: [] },
      preview: null,
      previewStatus: 'none',
      stroke: null,
      hint: null,
      lastOutcome: null,
      history: null,
      canUndo: false,
      canRedo: false,
    })),
});
