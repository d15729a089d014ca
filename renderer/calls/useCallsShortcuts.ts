import { useEffect, useRef } from 'react';

/** Whether the page lays elements out (a browser) or measures nothing (jsdom). */
function hasLayout(doc: Document): boolean {
  const root = doc.documentElement.getBoundingClientRect();
  return root.width > 0 || root.height > 0;
}

/**
 * Whether a dialog is actually on screen. A dialog left mounted while closing or closed (zero size,
 * hidden by CSS, inside a hidden or inert subtree) does not count: it would silence the shortcuts
 * with nothing the counsellor could see or close.
 */
function shown(el: Element): boolean {
  if (el.closest('[hidden], [inert], [aria-hidden="true"]')) return false;
  const win = el.ownerDocument.defaultView;
  for (let e: Element | null = el; e; e = e.parentElement) {
    const style = win?.getComputedStyle(e);
    if (style && (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0')) return false;
  }
  if (!hasLayout(el.ownerDocument)) return true;
  const r = el.getBoundingClientRect();
  return r.width > 1 && r.height > 1;
}

/** The open modal dialog on screen anywhere in the window (a Mantine Modal, or a native <dialog> opened with showModal), if any. */
export function visibleModalDialog(doc: Document = document): Element | null {
  const candidates = [...doc.querySelectorAll('[role="dialog"][aria-modal="true"], [role="alertdialog"][aria-modal="true"]')];
  try {
    candidates.push(...doc.querySelectorAll('dialog:modal'));
  } catch {
    // Engines without :modal (jsdom): an open <dialog> counts.
    candidates.push(...doc.querySelectorAll('dialog[open]'));
  }
  return candidates.find(shown) ?? null;
}

/** The title of a dialog, for saying which one holds the keys. */
export function dialogName(el: Element): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  const title = labelledBy ? el.ownerDocument.getElementById(labelledBy)?.textContent : null;
  return (title ?? el.getAttribute('aria-label') ?? '').trim();
}

export interface CallsShortcuts {
  /** Ctrl+S / ⌘S. */
  onSave(): void;
  /** Ctrl+N / ⌘N. */
  onNew(): void;
  /** The keys were pressed while a dialog is on screen: they belong to it; say so. */
  onBlocked(dialog: string, action: 'save' | 'new'): void;
}

/**
 * Ctrl+N (new record) and Ctrl+S (save) from anywhere in the window, not just inside the calls
 * panel: a counsellor typing in the chat ends the call with them. Held on the document, matched by
 * physical key too (with the Korean IME on, `key` may be the jamo ㄴ/ㅜ). While a modal dialog is
 * visibly open the keys belong to it, and the counsellor is told why nothing was saved.
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
      // Ctrl+S would open the browser's "save page", Ctrl+N a new window.
      e.preventDefault();
      const dialog = visibleModalDialog(e.target instanceof Node && e.target.ownerDocument ? e.target.ownerDocument : document);
      if (dialog) ref.current.onBlocked(dialogName(dialog), save ? 'save' : 'new');
      else if (save) ref.current.onSave();
      else ref.current.onNew();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
