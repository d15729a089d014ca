import { z } from 'zod';

/**
 * Where the window opens. Bounds are remembered per display (monitor setups change: a laptop
 * goes from the desk's two screens to its own), and a saved rectangle is used only when enough
 * of it is still on a screen, so the window never opens out of reach.
 */

export const Rect = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type Rect = z.infer<typeof Rect>;

export interface DisplayInfo {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

export const WindowBoundsState = z.object({
  version: z.literal(1),
  /** Display key -> last bounds the window had on that display. */
  byDisplay: z.record(z.string(), Rect),
  /** The display the window was on last. */
  lastDisplay: z.string().nullable(),
});
export type WindowBoundsState = z.infer<typeof WindowBoundsState>;

export const EMPTY_BOUNDS_STATE: WindowBoundsState = { version: 1, byDisplay: {}, lastDisplay: null };

export const WINDOW_MIN = { width: 380, height: 480 } as const;
/** The compact column counsellors keep beside their other work. */
export const WINDOW_DEFAULT = { width: 420, height: 760 } as const;
/** How much of the window must still be visible for a saved rectangle to be reused. */
const MIN_VISIBLE = { width: 120, height: 80 } as const;

/** A display is identified by its id and geometry: ids get reused when a monitor is swapped. */
export function displayKey(display: DisplayInfo): string {
  const b = display.bounds;
  return `${display.id}@${b.x},${b.y},${b.width}x${b.height}`;
}

export function intersection(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/** True when a usable part of rect lies in some display's work area. */
export function isReachable(rect: Rect, displays: readonly DisplayInfo[]): boolean {
  return displays.some((d) => {
    const i = intersection(rect, d.workArea);
    return i.width >= Math.min(MIN_VISIBLE.width, rect.width) && i.height >= Math.min(MIN_VISIBLE.height, rect.height);
  });
}

/** The display that holds most of rect (Electron's screen.getDisplayMatching, in pure form). */
export function displayForRect(rect: Rect, displays: readonly DisplayInfo[]): DisplayInfo | undefined {
  let best: DisplayInfo | undefined;
  let bestArea = -1;
  for (const d of displays) {
    const i = intersection(rect, d.workArea);
    const area = i.width * i.height;
    if (area > bestArea) {
      best = d;
      bestArea = area;
    }
  }
  return best;
}

/** The default: a column at the right edge of the work area, as tall as fits. */
export function defaultBounds(display: DisplayInfo): Rect {
  const wa = display.workArea;
  const width = Math.min(WINDOW_DEFAULT.width, wa.width);
  const height = Math.max(Math.min(WINDOW_DEFAULT.height, wa.height - 40), Math.min(WINDOW_MIN.height, wa.height));
  return {
    x: wa.x + wa.width - width - 16 >= wa.x ? wa.x + wa.width - width - 16 : wa.x,
    y: wa.y + Math.max(0, Math.floor((wa.height - height) / 2)),
    width,
    height,
  };
}

/** Shrinks a rectangle that is larger than the display it lands on, keeping the minimum size. */
function fitSize(rect: Rect, display: DisplayInfo): Rect {
  const wa = display.workArea;
  return {
    ...rect,
    width: Math.max(WINDOW_MIN.width, Math.min(rect.width, wa.width)),
    height: Math.max(WINDOW_MIN.height, Math.min(rect.height, wa.height)),
  };
}

/**
 * Chooses the start bounds: the last display's saved rectangle if that display is still attached
 * and the rectangle reachable; otherwise any attached display's saved, reachable rectangle
 * (primary first); otherwise the default column on the primary display.
 */
export function chooseInitialBounds(state: WindowBoundsState, displays: readonly DisplayInfo[], primaryId: number): Rect {
  const primary = displays.find((d) => d.id === primaryId) ?? displays[0];
  if (!primary) return { x: 0, y: 0, ...WINDOW_DEFAULT };
  const byKey = new Map(displays.map((d) => [displayKey(d), d] as const));
  const candidates: string[] = [];
  if (state.lastDisplay) candidates.push(state.lastDisplay);
  candidates.push(displayKey(primary), ...displays.map(displayKey));
  for (const key of candidates) {
    const display = byKey.get(key);
    const saved = state.byDisplay[key];
    if (!display || !saved) continue;
    const fitted = fitSize(saved, display);
    if (isReachable(fitted, displays)) return fitted;
  }
  return defaultBounds(primary);
}

/** Records where the window is now, under the display that holds most of it. */
export function recordBounds(state: WindowBoundsState, rect: Rect, displays: readonly DisplayInfo[]): WindowBoundsState {
  const display = displayForRect(rect, displays);
  if (!display) return state;
  const key = displayKey(display);
  return { version: 1, byDisplay: { ...state.byDisplay, [key]: { ...rect } }, lastDisplay: key };
}
