import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { type DeskErrorCode, toDeskError } from '../../../common/desk-api/index.js';
import type { CallsKey } from '../i18n.js';

const BY_CODE: Record<DeskErrorCode, CallsKey> = {
  invalid_argument: 'errInvalid',
  unauthenticated: 'errSignedOut',
  forbidden: 'errForbidden',
  not_found: 'errNotFound',
  conflict: 'conflictStatus',
  rejected: 'errRejected',
  offline: 'errOffline',
  internal: 'errInternal',
};

/**
 * Why a save failed, in the counsellor's language only: the sentence for the error's code, plus
 * the field messages of a validation error (the schemas' messages are Korean). The service's own
 * text may carry English detail for the logs; it is not shown.
 */
export function useSaveErrorText(): (err: unknown) => string {
  const { t } = useTranslation('calls');
  return useCallback((err: unknown) => {
    const e = toDeskError(err);
    const head = t(BY_CODE[e.code]);
    return e.issues?.length ? `${head}: ${e.issues.map((i) => i.message).join(', ')}` : head;
  }, [t]);
}
