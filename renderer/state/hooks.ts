import { useStore } from 'zustand';
import { useServices } from '../services';
import type { AppState } from './store';

/** Read a narrow part of the store; the component re-renders only when it changes. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useServices().store, selector);
}
