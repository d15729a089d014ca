import {
  chooseInitialBounds, displayKey, EMPTY_BOUNDS_STATE, isReachable, recordBounds, WINDOW_MIN, type DisplayInfo,
} from '../../../electron/main/window/bounds.js';

const laptop: DisplayInfo = { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 }, workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const external: DisplayInfo = { id: 2, bounds: { x: 1440, y: 0, width: 2560, height: 1440 }, workArea: { x: 1440, y: 0, width: 2560, height: 1400 } };

describe('window bounds per display', () => {
  it('opens a default column on the primary display when nothing is saved', () => {
    const r = chooseInitialBounds(EMPTY_BOUNDS_STATE, [laptop, external], 1);
    expect(r.width).toBeGreaterThanOrEqual(WINDOW_MIN.width);
    expect(r.width).toBeLessThan(500);
    expect(r.x + r.width).toBeLessThanOrEqual(1440);
    expect(r.y).toBeGreaterThanOrEqual(25);
    expect(r.y + r.height).toBeLessThanOrEqual(900);
  });

  it('restores the bounds last used, on the display they were saved on', () => {
    let state = recordBounds(EMPTY_BOUNDS_STATE, { x: 100, y: 100, width: 400, height: 700 }, [laptop, external]);
    state = recordBounds(state, { x: 3000, y: 200, width: 1300, height: 900 }, [laptop, external]);
    expect(state.lastDisplay).toBe(displayKey(external));
    expect(chooseInitialBounds(state, [laptop, external], 1)).toEqual({ x: 3000, y: 200, width: 1300, height: 900 });
  });

  it('falls back to the laptop bounds when the external display is gone', () => {
    let state = recordBounds(EMPTY_BOUNDS_STATE, { x: 100, y: 100, width: 400, height: 700 }, [laptop, external]);
    state = recordBounds(state, { x: 3000, y: 200, width: 1300, height: 900 }, [laptop, external]);
    expect(chooseInitialBounds(state, [laptop], 1)).toEqual({ x: 100, y: 100, width: 400, height: 700 });
  });

  it('does not reuse a display id whose geometry changed (another monitor got the id)', () => {
    const state = recordBounds(EMPTY_BOUNDS_STATE, { x: 3000, y: 200, width: 600, height: 900 }, [laptop, external]);
    const swapped: DisplayInfo = { id: 2, bounds: { x: 1440, y: 0, width: 1280, height: 1024 }, workArea: { x: 1440, y: 0, width: 1280, height: 1000 } };
    const r = chooseInitialBounds(state, [laptop, swapped], 1);
    expect(r.x).toBeLessThan(1440);
  });

  it('ignores a saved rectangle that is no longer on any screen', () => {
    const state = { version: 1 as const, byDisplay: { [displayKey(laptop)]: { x: 5000, y: 5000, width: 400, height: 700 } }, lastDisplay: displayKey(laptop) };
    const r = chooseInitialBounds(state, [laptop], 1);
    expect(isReachable(r, [laptop])).toBe(true);
    expect(r.x).toBeLessThan(1440);
  });

  it('shrinks a saved rectangle larger than the work area', () => {
    const state = { version: 1 as const, byDisplay: { [displayKey(laptop)]: { x: 0, y: 25, width: 3000, height: 2000 } }, lastDisplay: displayKey(laptop) };
    const r = chooseInitialBounds(state, [laptop], 1);
    expect(r.width).toBe(1440);
    expect(r.height).toBe(875);
  });

  it('keeps a window that is mostly but not wholly off screen if a grabbable part is visible', () => {
    expect(isReachable({ x: 1300, y: 100, width: 400, height: 700 }, [laptop])).toBe(true);
    expect(isReachable({ x: 1420, y: 100, width: 400, height: 700 }, [laptop])).toBe(false);
  });
});
