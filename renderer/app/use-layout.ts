import { useEffect, useState } from 'react';

export type LayoutMode = 'narrow' | 'medium' | 'wide';

/** Breakpoints of DESIGN.md §5: a tabbed column below ~900 px, three panes from 1200 px. */
export const NARROW_MAX = 900;
export const WIDE_MIN = 1200;

export function layoutFor(width: number): LayoutMode {
  if (width < NARROW_MAX) return 'narrow';
  if (width < WIDE_MIN) return 'medium';
  return 'wide';
}

export function useLayoutMode(): LayoutMode {
  const [mode, setMode] = useState(() => layoutFor(window.innerWidth));
  useEffect(() => {
    const onResize = () => setMode(layoutFor(window.innerWidth));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return mode;
}
