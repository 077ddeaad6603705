import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './store';

export interface SelectionSlice {
  /** Selected segment ids as decimal strings, in the order they were selected. */
  readonly selection: readonly string[];
  readonly selectOnly: (id: string) => void;
  readonly toggleSelected: (id: string) => void;
  readonly deselect: (id: string) => void;
  readonly clearSelection: () => void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set, get) => ({
  selection: [],
  selectOnly: (id) => set({ selection: [id] }),
  toggleSelected: (id) => {
    const current = get().selection;
    set({ selection: current.includes(id) ? current.filter((s) => s !== id) : [...current, id] });
  },
  deselect: (id) => set((s) => ({ selection: s.selection.filter((x) => x !== id) })),
  clearSelection: () => set({ selection: [] }),
});
