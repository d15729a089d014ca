import type { CallLogDraft, CallLogView } from '../../../common/desk-api/index.js';
import { CALL_ACTIONS, CALL_CHANNELS, type CallAction, type CallChannel, type CallLogInput, FIELDS, type Field } from '../../../common/domain/index.js';
import { isoToKstWall, kstWallToIso } from '../../app/time.js';
import { formatKoreanPhone, normaliseKoreanPhone } from '../../../common/phone/index.js';

/** 금천구's ten administrative 동, offered first; any other text is allowed. */
export const GEUMCHEON_DONG = ['가산동', '독산1동', '독산2동', '독산3동', '독산4동', '시흥1동', '시흥2동', '시흥3동', '시흥4동', '시흥5동'] as const;

/** What the form holds: strings as typed, converted to a CallLogInput on save. */
export interface FormValues {
  id: string;
  baseVersion: number | null;
  conversationId: string | null;
  channel: CallChannel;
  /** datetime-local value on the KST wall clock. */
  startedAt: string;
  /** The exact instant it came with (CTI answer time, to the second); used while startedAt still shows it. */
  startedAtExact: string | null;
  durationSec: number;
  callerName: string;
  phone: string;
  dong: string;
  field: Field | '';
  subTopic: string;
  need: string;
  programmeIds: string[];
  action: CallAction | '';
  agency: string;
  crisis: boolean;
  callbackWanted: boolean;
  callbackAt: string;
  callbackDoneAt: string | null;
  callbackRecordId: string | null;
  notes: string;
  ctiCallId: string | null;
  /** ISO instant the live-call timer started, while it runs; kept in the draft so a crash does not stop it. */
  timerStartedAt: string | null;
}

export function newId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function emptyForm(now: Date, id = newId()): FormValues {
  return {
    id, baseVersion: null, conversationId: null, channel: 'phone', startedAt: isoToKstWall(now), startedAtExact: null, durationSec: 0,
    callerName: '', phone: '', dong: '', field: '', subTopic: '', need: '', programmeIds: [], action: '', agency: '',
    crisis: false, callbackWanted: false, callbackAt: '', callbackDoneAt: null, callbackRecordId: null, notes: '', ctiCallId: null,
    timerStartedAt: null,
  };
}

/** Whether the counsellor has typed anything worth keeping (an untouched form makes no draft). */
export function isBlank(v: FormValues, blank: FormValues): boolean {
  const keys: Array<keyof FormValues> = ['callerName', 'phone', 'dong', 'field', 'subTopic', 'need', 'action', 'agency', 'notes', 'callbackAt'];
  return keys.every((k) => v[k] === blank[k]) && v.programmeIds.length === 0 && !v.crisis && v.durationSec === 0 && !v.ctiCallId && !v.conversationId && !v.timerStartedAt;
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** The start instant: the exact one while the field still shows it, else the minute typed. */
function startInstant(v: FormValues): string | null {
  if (v.startedAtExact && isoToKstWall(v.startedAtExact) === v.startedAt) return v.startedAtExact;
  return kstWallToIso(v.startedAt);
}

export function toDraft(v: FormValues): CallLogDraft {
  const started = startInstant(v);
  const cb = v.callbackWanted ? kstWallToIso(v.callbackAt) : null;
  return {
    id: v.id,
    baseVersion: v.baseVersion,
    conversationId: v.conversationId,
    channel: v.channel,
    ...(started ? { startedAt: started } : {}),
    durationSec: Math.min(86_400, Math.max(0, Math.round(v.durationSec))),
    callerName: orNull(v.callerName)?.slice(0, 64) ?? null,
    callerPhone: normaliseKoreanPhone(v.phone),
    phoneText: v.phone.slice(0, 40),
    dong: orNull(v.dong)?.slice(0, 32) ?? null,
    field: v.field || null,
    subTopic: orNull(v.subTopic)?.slice(0, 64) ?? null,
    need: v.need.slice(0, 2000),
    programmeIds: v.programmeIds.slice(0, 20),
    action: v.action || null,
    agency: orNull(v.agency)?.slice(0, 100) ?? null,
    crisis: v.crisis,
    callbackAt: cb,
    callbackDoneAt: v.callbackDoneAt,
    callbackRecordId: v.callbackRecordId,
    notes: v.notes.slice(0, 4000),
    ctiCallId: v.ctiCallId,
    timerStartedAt: v.timerStartedAt,
  };
}

export function fromDraft(d: CallLogDraft, now: Date): FormValues {
  const base = emptyForm(now, d.id);
  return {
    ...base,
    baseVersion: d.baseVersion ?? null,
    conversationId: d.conversationId ?? null,
    channel: d.channel && (CALL_CHANNELS as readonly string[]).includes(d.channel) ? d.channel : base.channel,
    startedAt: d.startedAt ? isoToKstWall(d.startedAt) : base.startedAt,
    startedAtExact: d.startedAt ?? null,
    durationSec: d.durationSec ?? 0,
    callerName: d.callerName ?? '',
    phone: d.phoneText ?? (d.callerPhone ? formatKoreanPhone(d.callerPhone) : ''),
    dong: d.dong ?? '',
    field: d.field && (FIELDS as readonly string[]).includes(d.field) ? d.field : '',
    subTopic: d.subTopic ?? '',
    need: d.need ?? '',
    programmeIds: d.programmeIds ?? [],
    action: d.action && (CALL_ACTIONS as readonly string[]).includes(d.action) ? d.action : '',
    agency: d.agency ?? '',
    crisis: d.crisis ?? false,
    callbackWanted: Boolean(d.callbackAt),
    callbackAt: d.callbackAt ? isoToKstWall(d.callbackAt) : '',
    callbackDoneAt: d.callbackDoneAt ?? null,
    callbackRecordId: d.callbackRecordId ?? null,
    notes: d.notes ?? '',
    ctiCallId: d.ctiCallId ?? null,
    timerStartedAt: d.timerStartedAt ?? null,
  };
}

export function fromRecord(r: CallLogView, now: Date): FormValues {
  const { localState, localError: _e, counsellorId: _c, createdAt: _ca, updatedAt: _u, version, ...rest } = r;
  // A record that never reached the server has no version to match yet.
  return fromDraft({ ...rest, baseVersion: localState && version === 0 ? null : version }, now);
}

export type FormErrors = Partial<Record<'phone' | 'startedAt' | 'callbackAt' | 'durationSec', string>>;

export function validate(v: FormValues, msg: { phoneInvalid: string; callbackRequired: string; startedAt: string }): { input: CallLogInput | null; errors: FormErrors } {
  const errors: FormErrors = {};
  const phone = v.phone.trim() ? normaliseKoreanPhone(v.phone) : null;
  if (v.phone.trim() && !phone) errors.phone = msg.phoneInvalid;
  const started = startInstant(v);
  if (!started) errors.startedAt = msg.startedAt;
  const cb = v.callbackWanted ? kstWallToIso(v.callbackAt) : null;
  if (v.callbackWanted && !cb) errors.callbackAt = msg.callbackRequired;
  if (Object.keys(errors).length > 0 || !started) return { input: null, errors };
  const d = toDraft(v);
  return {
    errors,
    input: {
      conversationId: d.conversationId ?? null, channel: v.channel, startedAt: started, durationSec: d.durationSec ?? 0,
      callerName: d.callerName ?? null, callerPhone: phone, dong: d.dong ?? null, field: d.field ?? null, subTopic: d.subTopic ?? null,
      need: d.need ?? '', programmeIds: d.programmeIds ?? [], action: d.action ?? null, agency: d.agency ?? null, crisis: v.crisis,
      callbackAt: cb, callbackDoneAt: v.callbackDoneAt, callbackRecordId: v.callbackRecordId, notes: d.notes ?? '', ctiCallId: v.ctiCallId,
    },
  };
}

export function formatDuration(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

/** The 비고 a callback record starts with; it is part of the record, so Korean in every locale. */
export const callbackNote = (promisedAt: string) => `콜백: ${promisedAt} 상담 후속`;
