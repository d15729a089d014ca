import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { type PrivacyKey, privacyI18n } from './i18n.js';

/** Translation for the privacy controls; Korean when no instance has the 'privacy' namespace (tests). */
export function usePrivacyT(): (key: PrivacyKey, vars?: Record<string, string | number>) => string {
  const { t, i18n } = useTranslation('privacy');
  const ready = Boolean(i18n?.isInitialized && i18n.hasResourceBundle?.(i18n.language, 'privacy'));
  return useCallback(
    (key, vars) => {
      if (ready) return t(key, vars ?? {});
      let s: string = privacyI18n.ko[key];
      for (const [k, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{{${k}}}`, String(v));
      return s;
    },
    [ready, t],
  );
}
