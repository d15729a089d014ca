import type { CallLogView } from '../../../common/desk-api/index.js';
import { CALL_ACTION_LABELS, CALL_CHANNEL_LABELS } from '../../../common/domain/index.js';
import { formatKoreanPhone } from '../../../common/phone/index.js';
import { kstDateTime } from '../../app/time.js';
import { formatDuration } from '../form/form-state.js';
import type { CallsKey } from '../i18n.js';

const show = (v: string | null | undefined): string => (v === null || v === undefined || v.trim() === '' ? '—' : v);

/** Every field of a record as label/value pairs, in form order: the detail view and the A4 print show the same. */
export function recordRows(
  r: CallLogView,
  o: { t(key: CallsKey): string; counsellorName(id: string): string; programmeName(id: string): string },
): Array<[string, string]> {
  const { t } = o;
  return [
    [t('when'), kstDateTime(r.startedAt)],
    [t('duration'), formatDuration(r.durationSec)],
    [t('channel'), CALL_CHANNEL_LABELS[r.channel]],
    [t('counsellor'), o.counsellorName(r.counsellorId)],
    [t('callerName'), r.callerName ?? t('anonymous')],
    [t('phone'), r.callerPhone ? formatKoreanPhone(r.callerPhone) : '—'],
    [t('dong'), show(r.dong)],
    [t('field'), show(r.field)],
    [t('subTopic'), show(r.subTopic)],
    [t('need'), show(r.need)],
    [t('programmes'), r.programmeIds.length ? r.programmeIds.map((id) => o.programmeName(id)).join(', ') : '—'],
    [t('action'), r.action ? CALL_ACTION_LABELS[r.action] : '—'],
    [t('agency'), show(r.agency)],
    [t('crisis'), r.crisis ? t('yes') : t('no')],
    [t('callbackAt'), r.callbackAt ? kstDateTime(r.callbackAt) : '—'],
    [t('callbackDoneAt'), r.callbackDoneAt ? kstDateTime(r.callbackDoneAt) : '—'],
    [t('notes'), show(r.notes)],
    [t('recordId'), r.id],
  ];
}
