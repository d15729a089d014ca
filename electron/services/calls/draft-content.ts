import type { CallLogDraft } from '../../../common/desk-api/index.js';

/**
 * Whether a draft holds anything the counsellor put in. A CTI answer prefills a draft (channel,
 * number, times) so that 기록 시작 opens it at once; until someone types into it, it is not a
 * draft to restore: "복원할 초안" would fill up with an empty "익명 ·" line per answered call.
 * A timer the counsellor started (통화 시작, no CTI call behind it) counts: a crash mid-call must bring it back.
 */
export function hasTypedContent(d: CallLogDraft): boolean {
  const text = (s: string | null | undefined) => Boolean(s && s.trim());
  return text(d.callerName) || text(d.phoneText) || text(d.dong) || text(d.subTopic) || text(d.need) || text(d.agency) || text(d.notes)
    || Boolean(d.field) || Boolean(d.action) || Boolean(d.crisis) || Boolean(d.callbackAt) || (d.programmeIds?.length ?? 0) > 0
    || (Boolean(d.timerStartedAt) && !d.ctiCallId) || Boolean(d.baseVersion !== null && d.baseVersion !== undefined)
    || (Boolean(d.conversationId) && !d.ctiCallId);
}
