import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { MESSAGE_MAX_LENGTH } from '../../common/domain/index.js';
import { getDesk } from '../app/desk.js';

const DRAFT_MAX = MESSAGE_MAX_LENGTH * 2;

/**
 * A conversation's draft lives in the desktop store (desk.inbox.saveDraft), so that it survives a
 * restart or a crash. Saves are debounced while typing and flushed on blur, on hiding the window,
 * on unload and when the composer goes away (another conversation, sign-out).
 */
export function useDraft(conversationId: string, onLoaded: (body: string) => void, delayMs = 500) {
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onLoadedRef = useRef(onLoaded);
  useLayoutEffect(() => {
    onLoadedRef.current = onLoaded;
  });

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const body = pending.current;
    if (body === null) return;
    pending.current = null;
    // A failed draft save must not interrupt typing; the next change tries again.
    getDesk().inbox.saveDraft({ conversationId, body: body.slice(0, DRAFT_MAX) }).catch(() => {
      pending.current ??= body;
    });
  }, [conversationId]);

  const schedule = useCallback(
    (body: string) => {
      pending.current = body;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, delayMs);
    },
    [flush, delayMs],
  );

  useEffect(() => {
    let cancelled = false;
    getDesk()
      .inbox.getDraft({ conversationId })
      .then((d) => {
        if (!cancelled && d.body) onLoadedRef.current(d.body);
      })
      .catch(() => {});
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      cancelled = true;
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      document.removeEventListener('visibilitychange', onHide);
      flush();
    };
  }, [conversationId, flush]);

  return { schedule, flush };
}
