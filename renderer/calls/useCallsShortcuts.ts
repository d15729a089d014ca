import { useEffect, useRef } from 'react';

/** An open modal dialog anywhere in the window (a Mantine Modal, or a native <dialog> opened with showModal). */
export function modalDialogOpen(doc: Document = document): boolean {
  if (doc.querySelector('[role="dialog"][aria-modal="true"], [role="alertdialog"][aria-modal="true"]')) return true;
  try {
    return doc.querySelector('dialog:modal') !== null;
  } catch {
    // Engines without :modal (jsdom): an open <dialog> counts.
    return doc.querySelector('dialog[open]') !== null;
  }
}

export interface CallsShortcuts {
  /** Ctrl+S / ⌘S. */
  onSave(): void;
  /** Ctrl+N / ⌘N. */
  onNew(): void;
}

/**
 * Ctrl+N (new record) and Ctrl+S (save) from anywhere in the window, not just inside the calls
 * panel: a counsellor typing in the chat ends the call with them. Held on the document, matched by
 * physical key too (with the Korean IME on, `key` may be the jamo ㄴ/ㅜ), and kept quiet while a
 * modal dialog is open, where the keys belong to that dialog.
 */
export function useCallsShortcuts(handlers: CallsShortcuts): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.defaultPrevented) return;
      const key = e.key.toLowerCase();
      const save = e.code === 'KeyS' || key === 's';
      const create = e.code === 'KeyN' || key === 'n';
      if (!save && !create) return;
      if (modalDialogOpen(e.target instanceof Node && e.target.ownerDocument ? e.target.ownerDocument : document)) return;
      // Ctrl+S would open the browser's "save page", Ctrl+N a new window.
      e.preventDefault();
      if (save) ref.current.onSave();
      else ref.current.onNew();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
