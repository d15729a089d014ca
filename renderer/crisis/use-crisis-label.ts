import { useTranslation } from 'react-i18next';
import type { CrisisKind } from '../../common/domain/index.js';

/** The kind's name in the window's language. */
export function useCrisisLabel(): (kind: CrisisKind) => string {
  const { t } = useTranslation('crisis');
  return (kind) => t(`kinds.${kind}`);
}
