import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { broadcastsI18n, type BroadcastsKey } from './i18n.js';

/**
 * Translation for 구독 소식. Keys are flat ('subStatus.active'), so i18next's key separator is
 * turned off for them; falls back to the Korean strings when no instance has the namespace.
 */
export function useBroadcastsT(): (key: BroadcastsKey, vars?: Record<string, string | number>) => string {
  const { t, i18n } = useTranslation('broadcasts');
  const ready = Boolean(i18n?.isInitialized && i18n.hasResourceBundle?.(i18n.language, 'broadcasts'));
  return useCallback(
    (key, vars) => {
      if (ready) return t(key, { ...(vars ?? {}), keySeparator: false });
      let s: string = broadcastsI18n.ko[key];
      for (const [k, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{{${k}}}`, String(v));
      return s;
    },
    [ready, t],
  );
}
