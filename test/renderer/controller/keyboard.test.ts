import { describe, expect, it } from 'vitest';
import { commandForKey, type KeyPress } from '../../../renderer/controller/keyboard';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('undoes with Ctrl+Z (Cmd+Z) and redoes with Ctrl+Shift+Z or Ctrl+Y', () => {
    expect(commandForKey(press('z', { ctrlKey: true }))).toBe('undo');
    expect(commandForKey(press('z', { metaKey: true }))).toBe('undo');
    expect(commandForKey(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(commandForKey(press('y', { ctrlKey: true }))).toBe('redo');
    expect(commandForKey(press('s', { ctrlKey: true }))).toBeNull();
  });

  it('switches tools, confirms and cancels the split, and steps the brush size', () => {
    expect(commandForKey(press('x'))).toBe('splitTool');
    expect(commandForKey(press('B', { shiftKey: true }))).toBe('paintTool');
    expect(commandForKey(press('e'))).toBe('eraseTool');
    expect(commandForKey(press('Enter'))).toBe('confirm');
    expect(commandForKey(press('Escape'))).toBe('escape');
    expect(commandForKey(press('-'))).toBe('brushSmaller');
    expect(commandForKey(press('='))).toBe('brushLarger');
    expect(commandForKey(press('+', { shiftKey: true }))).toBe('brushLarger');
  });

  it('keeps the navigation keys and adds N (next unreviewed axon) and M (merge selected)', () => {
    expect(commandForKey(press('.'))).toBe('nextSlice');
    expect(commandForKey(press('>', { shiftKey: true }))).toBe('nextSlice');
    expect(commandForKey(press('PageUp'))).toBe('previousSlice');
    expect(commandForKey(press('n'))).toBe('nextUnreviewed');
    expect(commandForKey(press('m'))).toBe('mergeSelected');
    expect(commandForKey(press('f'))).toBe('frame');
    expect(commandForKey(press('n', { altKey: true }))).toBeNull();
    expect(commandForKey(press('q'))).toBeNull();
  });
});
