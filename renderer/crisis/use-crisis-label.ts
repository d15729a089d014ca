import { useTranslation } from 'react-i18next';
import { CRISIS_KIND_LABELS } from '../../common/crisis/index.js';
import type { CrisisKind } from '../../common/domain/index.js';
import { CRISIS_KIND_LABELS_EN } from './i18n.js';

/** The kind's name in the window's language. */
export function useCrisisLabel(): (kind: CrisisKind) => string {
  const { i18n } = useTranslation('crisis');
  return (kind) => (i18n.language === 'en' ? CRISIS_KIND_LABELS_EN[kind] : CRISIS_KIND_LABELS[kind]);
}
