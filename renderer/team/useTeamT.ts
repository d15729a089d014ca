import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { type TeamKey, teamI18n } from './i18n.js';

/**
 * Translation for team operations in the window's language (i18next decides it). The keys are
 * flat ('board.title'), so they are looked up here rather than through i18next's nesting.
 */
export function useTeamT(): (key: TeamKey, vars?: Record<string, string | number>) => string {
  const { i18n } = useTranslation();
  const lang = i18n?.language === 'en' ? 'en' : 'ko';
  return useCallback(
    (key, vars) => {
      let s: string = teamI18n[lang][key] ?? teamI18n.ko[key];
      for (const [k, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{{${k}}}`, String(v));
      return s;
    },
    [lang],
  );
}

/** 3분 20초 / 45초 — a duration as the board and the report show it. */
export function useDuration(): (seconds: number | null) => string {
  const t = useTeamT();
  return useCallback(
    (seconds) => {
      if (seconds === null) return '—';
      const n = Math.round(seconds);
      return n < 60 ? t('seconds', { n }) : t('minutes', { m: Math.floor(n / 60), s: n % 60 });
    },
    [t],
  );
}
