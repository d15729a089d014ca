import { useEffect, useRef } from 'react';

/**
 * Ctrl+K (⌘K on macOS) from anywhere in the window. Matches the physical key too, because with
 * the Korean IME on, the key reads as "ㅏ" rather than "k".
 */
export function useCtrlK(onPress: () => void): void {
  const latest = useRef(onPress);
  useEffect(() => {
    latest.current = onPress;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      if (e.key.toLowerCase() !== 'k' && e.code !== 'KeyK') return;
      e.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
