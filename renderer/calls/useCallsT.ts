import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { type CallsKey, callsI18n } from './i18n.js';

/**
 * Translation for the calls feature. Falls back to the Korean strings when no i18n instance has
 * the 'calls' namespace (a test or a host that did not register it): labels never show raw keys.
 */
export function useCallsT(): (key: CallsKey, vars?: Record<string, string | number>) => string {
  const { t, i18n } = useTranslation('calls');
  const ready = Boolean(i18n?.isInitialized && i18n.hasResourceBundle?.(i18n.language, 'calls'));
  return useCallback(
    (key, vars) => {
      if (ready) return t(key, vars ?? {});
      let s: string = callsI18n.ko[key];
      for (const [k, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{{${k}}}`, String(v));
      return s;
    },
    [ready, t],
  );
}
