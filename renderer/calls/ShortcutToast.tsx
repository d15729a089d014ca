import { Notification, Portal } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';

export interface ToastState {
  message: { text: string; kind: 'success' | 'error'; n: number } | null;
  show(text: string, kind: 'success' | 'error'): void;
  hide(): void;
}

const SHOW_MS = 5000;

export function useShortcutToast(): ToastState {
  const [message, setMessage] = useState<ToastState['message']>(null);
  const show = useCallback((text: string, kind: 'success' | 'error') => setMessage((m) => ({ text, kind, n: (m?.n ?? 0) + 1 })), []);
  const hide = useCallback(() => setMessage(null), []);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(hide, SHOW_MS);
    return () => clearTimeout(timer);
  }, [message, hide]);
  return { message, show, hide };
}

/**
 * What Ctrl+S / Ctrl+N did when pressed away from the form (or could not do, while a dialog holds
 * the keys): a toast at the bottom of the window, announced, for a few seconds.
 */
export function ShortcutToast({ toast }: { toast: ToastState }) {
  const m = toast.message;
  return (
    <Portal>
      <div role={m?.kind === 'error' ? 'alert' : 'status'} aria-live={m?.kind === 'error' ? 'assertive' : 'polite'} className="calls-shortcut-toast"
        style={{ position: 'fixed', insetInline: 0, bottom: 12, display: 'flex', justifyContent: 'center', zIndex: 1000, pointerEvents: 'none' }}>
        {m && (
          <Notification key={m.n} color={m.kind === 'error' ? 'red' : 'teal'} withCloseButton={false} withBorder style={{ pointerEvents: 'auto', maxWidth: 420 }}>
            {m.text}
          </Notification>
        )}
      </div>
    </Portal>
  );
}
