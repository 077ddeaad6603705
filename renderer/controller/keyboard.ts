import type { AppStore } from '../state/store';

const NEXT = new Set(['.', '>', ']', 'ArrowDown', 'ArrowRight', 'PageDown']);
const PREVIOUS = new Set([',', '<', '[', 'ArrowUp', 'ArrowLeft', 'PageUp']);

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

/** Global shortcuts; see renderer/controls.md. Keys typed into text fields are left alone. */
export function attachKeyboard(store: AppStore): () => void {
  const onKeyDown = (e: KeyboardEvent) => {
    if (typingInto(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
    const s = store.getState();
    if (!s.session) return;
    const step = e.shiftKey ? 10 : 1;
    if (NEXT.has(e.key)) s.moveSlice(s.activeAxis, step);
    else if (PREVIOUS.has(e.key)) s.moveSlice(s.activeAxis, -step);
    else if (e.key === 'f' || e.key === 'F') s.requestFrame();
    else if (e.key === 'o' || e.key === 'O') s.setOutlineOnly(!s.view.outlineOnly);
    else if (e.key === 'r' || e.key === 'R') s.resetView();
    else if (e.key === 's' || e.key === 'S') s.setShowPlanes3d(!s.showPlanes3d);
    else if (e.key === 'c' || e.key === 'C') s.jumpTo(s.view.position);
    else if (e.key === 'Escape' && s.selection.length > 0) s.clearSelection();
    else return;
    e.preventDefault();
  };
  window.addEventListener('keydown', onKeyDown);
  return () => window.removeEventListener('keydown', onKeyDown);
}
