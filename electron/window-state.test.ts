import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, placeWindow } from './window-state';

const screen = { x: 0, y: 0, width: 1920, height: 1080 };

describe('window placement', () => {
  it('restores saved bounds on a present display', () => {
    const saved = { x: 100, y: 80, width: 1200, height: 800, maximized: false };
    expect(placeWindow(saved, [screen])).toEqual(saved);
  });
  it('drops the position when the display it was on is gone', () => {
    const saved = { x: 2500, y: 100, width: 1200, height: 800, maximized: true };
    expect(placeWindow(saved, [screen])).toEqual({ width: 1200, height: 800, maximized: true });
  });
  it('uses defaults when nothing was saved', () => {
    expect(placeWindow(null, [screen])).toEqual(DEFAULT_STATE);
  });
});
