import { Alert, Button } from '@mantine/core';
import { IconAlertTriangleFilled } from '@tabler/icons-react';
import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { detectCrisis } from '../../common/crisis/index.js';
import { useCrisisLabel } from './use-crisis-label.js';

/**
 * Under the 주호소 of a 상담 기록: the same detector as for chat messages reads what the counsellor
 * typed; when it reads as a crisis and the record is not yet 위기가구, it says so and offers to mark it.
 */
export function NeedCrisisHint({ need, marked, onMark }: { need: string; marked: boolean; onMark: () => void }) {
  const { t } = useTranslation('crisis');
  const label = useCrisisLabel();
  // Typing stays fast: the detector runs on the deferred text.
  const text = useDeferredValue(need);
  const found = useMemo(() => detectCrisis(text), [text]);
  if (!found || marked) return null;
  return (
    <Alert color="red" variant="light" p="xs" icon={<IconAlertTriangleFilled aria-hidden />} role="status">
      {t('needHint', { kind: label(found.kind), phrase: found.phrase })}{' '}
      <Button size="compact-xs" color="red.9" onClick={onMark}>{t('markCrisis')}</Button>
    </Alert>
  );
}
