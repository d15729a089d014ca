import { Badge } from '@mantine/core';
import { IconAlertTriangleFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CrisisSignal } from '../../common/domain/index.js';
import { useCrisisLabel } from './use-crisis-label.js';

/** The red 위기 badge of a flagged conversation (list row and header); names the kind for screen readers. */
export function CrisisBadge({ crisis, size = 'sm' }: { crisis: CrisisSignal | null; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation('crisis');
  const label = useCrisisLabel();
  if (!crisis) return null;
  const name = t('badgeLabel', { kind: label(crisis.kind) });
  return (
    <Badge color="red.9" variant="filled" size={size} leftSection={<IconAlertTriangleFilled size={12} aria-hidden />} aria-label={name} title={name} data-crisis={crisis.kind}>
      {t('badge')}
    </Badge>
  );
}
