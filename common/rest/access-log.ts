import { z } from 'zod';
import { Instant, Uuid } from '../domain/primitives.js';

/**
 * 접속기록 (개인정보의 안전성 확보조치 기준 제8조): who processed whose personal data, when, from
 * where and how. The server logs what it serves itself; a desk reports the reads it serves from
 * its local replica through POST /access-log (DESIGN.md §3, §7).
 */
export const ACCESS_ACTIONS = [
  'view', 'search', 'list', 'export', 'print', 'reveal', 'create', 'update', 'delete',
  'login', 'login_failed', 'logout', 'permission_change',
] as const;
export const AccessAction = z.enum(ACCESS_ACTIONS);
export type AccessAction = z.infer<typeof AccessAction>;

/** Desk installation id, also sent as the X-Bokji-Desk-Id header on every request. */
export const DeskId = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'deskId: 1–64자의 영문, 숫자, . _ : - (desk installation id)');
export const DESK_ID_HEADER = 'x-bokji-desk-id';

/** Whose data: the raw citizen key or phone as the desk knows it; the server keeps only a keyed hash and a masked form. */
export const AccessSubjectInput = z.union([
  z.object({ citizenKey: z.string().min(1).max(128) }).strict(),
  z.object({ phone: z.string().min(1).max(32) }).strict(),
]);
export type AccessSubjectInput = z.infer<typeof AccessSubjectInput>;

const needsReason = (action: AccessAction) => action === 'export' || action === 'print';

export const AccessLogEventInput = z
  .object({
    id: Uuid,
    at: Instant,
    deskId: DeskId,
    action: AccessAction,
    entity: z.string().regex(/^[a-z_]{1,32}$/, 'entity: 1–32자의 영문 소문자와 _ (e.g. conversation, call_log)'),
    recordId: z.string().min(1).max(128).nullable().default(null),
    subject: AccessSubjectInput.nullable().default(null),
    reason: z.string().trim().max(500).nullable().default(null),
    rows: z.number().int().nonnegative().max(10_000_000).nullable().default(null),
  })
  .superRefine((e, ctx) => {
    if (needsReason(e.action) && !e.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '내려받기·인쇄에는 사유(reason)가 필요합니다 (export and print need a reason)' });
    }
  });
export type AccessLogEventInput = z.input<typeof AccessLogEventInput>;

export const AccessLogBatch = z.object({ events: z.array(AccessLogEventInput).min(1).max(500) });
export type AccessLogBatch = z.input<typeof AccessLogBatch>;
export const AccessLogBatchResponse = z.object({
  /** Events newly appended to the log. */
  recorded: z.number().int().nonnegative(),
  /** Events whose id was already in the log (a retry): nothing changed for them. */
  duplicates: z.number().int().nonnegative(),
});
export type AccessLogBatchResponse = z.infer<typeof AccessLogBatchResponse>;

export const AccessSubject = z.object({ hash: z.string(), display: z.string() });

export const AccessLogEntry = z.object({
  id: z.string(),
  at: Instant,
  actorId: Uuid.nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  deskId: z.string().nullable(),
  action: AccessAction,
  entity: z.string(),
  recordId: z.string().nullable(),
  subject: AccessSubject.nullable(),
  reason: z.string().nullable(),
  rows: z.number().int().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;

export const AccessLogQuery = z.object({
  actor: Uuid.optional(),
  /** A raw citizen key or phone number, or the 64-hex subject hash. */
  subject: z.string().min(1).max(128).optional(),
  recordId: z.string().min(1).max(128).optional(),
  action: AccessAction.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  cursor: z.string().regex(/^\d+$/, 'cursor: 이전 응답의 nextCursor').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const AccessLogPage = z.object({ items: z.array(AccessLogEntry), nextCursor: z.string().nullable() });

export const AccessLogVerifyResponse = z.object({
  ok: z.boolean(),
  entries: z.number().int().nonnegative(),
  /** Id of the first entry whose hash or link does not verify. */
  brokenAt: z.string().optional(),
});

export const AccessLogReviewInput = z.object({
  /** The month reviewed, YYYY-MM. */
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'period: 점검한 달, 예: 2026-11 (YYYY-MM)'),
  note: z.string().trim().min(1).max(2000),
});
export const AccessLogReview = z.object({
  id: Uuid,
  period: z.string(),
  note: z.string(),
  reviewerId: Uuid,
  reviewerName: z.string(),
  /** Entries of that month and whether the whole chain verified when the review was recorded. */
  entries: z.number().int().nonnegative(),
  chainOk: z.boolean(),
  createdAt: Instant,
});
export const AccessLogReviewList = z.object({ items: z.array(AccessLogReview) });

/** 파기 대장: one run of a retention rule. */
export const Destruction = z.object({
  id: Uuid,
  at: Instant,
  class: z.string(),
  count: z.number().int().nonnegative(),
  periodFrom: Instant.nullable(),
  periodTo: Instant,
  rule: z.string(),
});
export const DestructionList = z.object({ items: z.array(Destruction) });
