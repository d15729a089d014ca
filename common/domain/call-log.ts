import { z } from 'zod';
import { Instant, Uuid, Version, text } from './primitives.js';
import { CallAction, CallChannel, Field } from './vocabulary.js';

/** The fields a counsellor fills in for one consultation record (상담 기록). */
export const CallLogInput = z.object({
  conversationId: Uuid.nullable().default(null),
  channel: CallChannel,
  startedAt: Instant,
  durationSec: z.number().int().nonnegative().max(86_400),
  callerName: text(64).nullable().default(null),
  /** Digits only, Korean national format (e.g. 0212345678, 01012345678). */
  callerPhone: z.string().regex(/^0\d{8,10}$/, '전화번호 형식이 아닙니다').nullable().default(null),
  dong: text(32).nullable().default(null),
  field: Field.nullable().default(null),
  subTopic: text(64).nullable().default(null),
  /** 주호소: what the citizen needs. */
  need: text(2000).default(''),
  programmeIds: z.array(z.string().min(1).max(64)).max(20).default([]),
  action: CallAction.nullable().default(null),
  agency: text(100).nullable().default(null),
  crisis: z.boolean().default(false),
  callbackAt: Instant.nullable().default(null),
  callbackDoneAt: Instant.nullable().default(null),
  /** The record that fulfilled this record's callback. */
  callbackRecordId: Uuid.nullable().default(null),
  notes: text(4000).default(''),
  ctiCallId: text(128).nullable().default(null),
});
export type CallLogInput = z.infer<typeof CallLogInput>;

export const CallLog = CallLogInput.extend({
  id: Uuid,
  counsellorId: Uuid,
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
});
export type CallLog = z.infer<typeof CallLog>;

/** One entry of a record's edit history. */
export const CallLogRevision = z.object({
  callLogId: Uuid,
  version: Version,
  counsellorId: Uuid,
  changedAt: Instant,
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
});
export type CallLogRevision = z.infer<typeof CallLogRevision>;

/** A telephony event posted by the CTI integration. */
export const CtiEvent = z.object({
  type: z.enum(['newCall', 'answer', 'hangup']),
  callId: z.string().min(1).max(128),
  from: z.string().min(1).max(32),
  to: z.string().min(1).max(32),
  /** Username of the counsellor whose extension rang or answered. */
  counsellor: z.string().max(64).nullable().default(null),
  at: Instant.optional(),
});
export type CtiEvent = z.infer<typeof CtiEvent>;

/** A call as the CTI saw it; missed when it ended unanswered. */
export const CtiCall = z.object({
  callId: z.string(),
  from: z.string(),
  to: z.string(),
  counsellorId: Uuid.nullable(),
  ringingAt: Instant,
  answeredAt: Instant.nullable(),
  endedAt: Instant.nullable(),
  missed: z.boolean(),
  callLogId: Uuid.nullable(),
  updatedAt: Instant,
  version: Version,
});
export type CtiCall = z.infer<typeof CtiCall>;
