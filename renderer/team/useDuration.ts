import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** 3분 20초 / 45초 — a duration as the board and the report show it. */
export function useDuration(): (seconds: number | null) => string {
  const { t } = useTranslation('team');
  return useCallback(
    (seconds) => {
      if (seconds === null) return '—';
      const n = Math.round(seconds);
      return n < 60 ? t('seconds', { n }) : t('minutes', { m: Math.floor(n / 60), s: n % 60 });
    },
    [t],
  );
}
