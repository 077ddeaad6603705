import type { AppServices } from '../services';
import type { AppState } from '../state/store';
import type { Tool } from '../state/toolSlice';
import { nextUnreviewedAxon } from './review';

const NEXT = new Set(['.', '>', ']', 'ArrowDown', 'ArrowRight', 'PageDown']);
const PREVIOUS = new Set([',', '<', '[', 'ArrowUp', 'ArrowLeft', 'PageUp']);

export type KeyCommand =
  | 'undo'
  | 'redo'
  | 'nextSlice'
  | 'previousSlice'
  | 'frame'
  | 'outline'
  | 'reset'
  | 'planes'
  | 'centre'
  | 'splitTool'
  | 'paintTool'
  | 'eraseTool'
  | 'confirm'
  | 'escape'
  | 'nextUnreviewed'
  | 'mergeSelected'
  | 'brushSmaller'
  | 'brushLarger';

export interface KeyPress {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

const LETTERS: Readonly<Record<string, KeyCommand>> = {
  f: 'frame',
  o: 'outline',
  r: 'reset',
  s: 'planes',
  c: 'centre',
  x: 'splitTool',
  b: 'paintTool',
  e: 'eraseTool',
  n: 'nextUnreviewed',
  m: 'mergeSelected',
};

/** What a key press asks for; see renderer/controls.md. */
export function commandForKey(e: KeyPress): KeyCommand | null {
  if (e.altKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (e.ctrlKey || e.metaKey) {
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    return key === 'y' ? 'redo' : null;
  }
  if (NEXT.has(e.key)) return 'nextSlice';
  if (PREVIOUS.has(e.key)) return 'previousSlice';
  if (key === 'Enter') return 'confirm';
  if (key === 'Escape') return 'escape';
  if (key === '-' || key === '_') return 'brushSmaller';
  if (key === '=' || key === '+') return 'brushLarger';
  return LETTERS[key] ?? null;
}

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return (
    tag === 'INPUT' &&
    !['checkbox', 'radio', 'range', 'button', 'color'].includes((target as HTMLInputElement).type)
  );
}

interface Context {
  readonly services: AppServices;
  readonly state: AppState;
  readonly shift: boolean;
}

const toggleTool = ({ state }: Context, tool: Tool) => state.setTool(state.tool === tool ? 'navigate' : tool);
const pageSlices = ({ state, shift }: Context, direction: 1 | -1) =>
  state.moveSlice(state.activeAxis, direction * (shift ? 10 : 1));

/** What each command does; a handler returning false declines (the key is left to the page). */
const HANDLERS: Readonly<Record<KeyCommand, (c: Context) => boolean | void>> = {
  undo: ({ services }) => void services.edits.undo(),
  redo: ({ services }) => void services.edits.redo(),
  nextSlice: (c) => pageSlices(c, 1),
  previousSlice: (c) => pageSlices(c, -1),
  frame: ({ state }) => state.requestFrame(),
  outline: ({ state }) => state.setOutlineOnly(!state.view.outlineOnly),
  reset: ({ state }) => state.resetView(),
  planes: ({ state }) => state.setShowPlanes3d(!state.showPlanes3d),
  centre: ({ state }) => state.jumpTo(state.view.position),
  splitTool: (c) => toggleTool(c, 'split'),
  paintTool: (c) => toggleTool(c, 'paint'),
  eraseTool: (c) => toggleTool(c, 'erase'),
  confirm: ({ state, services }) => {
    if (state.tool !== 'split') return false;
    void services.actions.confirmSplit();
  },
  escape: ({ state }) => {
    if (state.tool !== 'navigate') state.setTool('navigate');
    else if (state.selection.length > 0) state.clearSelection();
    else return false;
  },
  nextUnreviewed: ({ services }) => void nextUnreviewedAxon(services.store, services.backend),
  mergeSelected: ({ services }) => void services.actions.mergeSelected(),
  brushSmaller: ({ state }) => state.setBrushRadius(state.brushRadius - 1),
  brushLarger: ({ state }) => state.setBrushRadius(state.brushRadius + 1),
};

/** Global shortcuts; see renderer/controls.md. Keys typed into text fields are left alone. */
export function attachKeyboard(services: AppServices): () => void {
  const onKeyDown = (e: KeyboardEvent) => {
    if (typingInto(e.target) || !services.store.getState().session) return;
    const command = commandForKey(e);
    // Enter on a focused button presses that button; it must not also apply a split.
    if (!command || (command === 'confirm' && e.target instanceof HTMLButtonElement)) return;
    const context = { services, state: services.store.getState(), shift: e.shiftKey };
    if (HANDLERS[command](context) !== false) e.preventDefault();
  };
  window.addEventListener('keydown', onKeyDown);
  return () => window.removeEventListener('keydown', onKeyDown);
}
