import type { CallLogDraft, IncomingCall } from '../../../common/desk-api/index.js';
import type { CtiCall } from '../../../common/domain/index.js';
import { normaliseKoreanPhone } from '../../../common/phone/index.js';

/** Seconds from answer to hang-up (0 while the call is still live; the form's timer runs from startedAt). */
export function measuredDuration(call: CtiCall): number {
  if (!call.answeredAt || !call.endedAt) return 0;
  return Math.max(0, Math.round((Date.parse(call.endedAt) - Date.parse(call.answeredAt)) / 1000));
}

/**
 * The record a CTI call prefills: channel phone, the caller's number, start at answer and the
 * measured duration, and a running timer while the call is live. Fields the counsellor already typed into `existing` are kept.
 */
export function prefillDraft(call: CtiCall, draftId: string, existing: CallLogDraft | null): CallLogDraft {
  const base: CallLogDraft = existing ?? { id: draftId, baseVersion: null };
  return {
    ...base,
    channel: 'phone',
    callerPhone: base.callerPhone ?? normaliseKoreanPhone(call.from),
    startedAt: call.answeredAt ?? base.startedAt ?? call.ringingAt,
    durationSec: measuredDuration(call),
    ctiCallId: call.callId,
    // A live call's timer runs from the answer; the hang-up stops it at the measured duration.
    timerStartedAt: call.answeredAt && !call.endedAt ? call.answeredAt : null,
  };
}

export type { IncomingCall };
