import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ConversationStatus } from '../../common/domain/index.js';

const COLOURS: Record<ConversationStatus, string> = { open: 'blue', waiting: 'orange', held: 'gray', closed: 'dark' };

/** 열림/대기/보류/종료. */
export function StatusBadge({ status }: { status: ConversationStatus }) {
  const { t } = useTranslation('inbox');
  return (
    <Badge size="sm" variant="light" color={COLOURS[status]} data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}
