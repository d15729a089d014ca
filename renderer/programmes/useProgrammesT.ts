import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { programmesI18n, type ProgrammesKey } from './i18n.js';

/**
 * Translation for the programme lookup. Falls back to the Korean strings when no i18n instance
 * has the 'programmes' namespace (a test or a host that did not register it).
 */
export function useProgrammesT(): (key: ProgrammesKey, vars?: Record<string, string | number>) => string {
  const { t, i18n } = useTranslation('programmes');
  const ready = Boolean(i18n?.isInitialized && i18n.hasResourceBundle?.(i18n.language, 'programmes'));
  return useCallback(
    (key, vars) => {
      if (ready) return t(key, vars ?? {});
      let s: string = programmesI18n.ko[key];
      for (const [k, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{{${k}}}`, String(v));
      return s;
    },
    [ready, t],
  );
}
