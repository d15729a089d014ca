import { useTranslation } from 'react-i18next';
import { toDeskError } from '../../common/desk-api/index.js';

/**
 * A DeskApi failure as a sentence a counsellor can act on: the code's explanation in the current
 * language, plus the service's own message where it says more (validation details, server text).
 */
export function useErrorText(): (err: unknown) => string {
  const { t } = useTranslation('app');
  return (err) => {
    const e = toDeskError(err);
    const head = t(`errors.${e.code}`);
    if (e.issues?.length) return `${head}: ${e.issues.map((i) => i.message).join(', ')}`;
    if (e.code === 'unauthenticated' || e.code === 'offline' || e.code === 'forbidden') return head;
    return e.message && e.message !== head ? `${head}: ${e.message}` : head;
  };
}
