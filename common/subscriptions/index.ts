import { z } from 'zod';
import { Instant, Uuid } from '../domain/primitives.js';
import { LifeStage } from '../domain/vocabulary.js';

/**
 * 구독 소식 (issue 14): subscription topics, the consent ledger, notices (broadcasts) and their
 * recipients. Shared by the server (validation, OpenAPI) and any client of the REST routes.
 */

/** The ten 행정동 of 금천구; a subscription or a notice may narrow to some of them. */
export const GEUMCHEON_DONGS = [
  '가산동', '독산1동', '독산2동', '독산3동', '독산4동', '시흥1동', '시흥2동', '시흥3동', '시흥4동', '시흥5동',
] as const;
export const Dong = z.enum(GEUMCHEON_DONGS, { error: `동은 금천구의 행정동이어야 합니다: ${GEUMCHEON_DONGS.join(', ')}` });
export type Dong = z.infer<typeof Dong>;

export const TopicId = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, '주제 id는 영문 소문자, 숫자, - 로 2~40자입니다 (e.g. housing)');
export const SubscriptionTopic = z.object({
  id: TopicId,
  name: z.string().trim().min(1).max(40),
  description: z.string().trim().max(300),
});
export type SubscriptionTopic = z.infer<typeof SubscriptionTopic>;

/** The topics the demo seeds, in the order citizens see them (their numbers in the KakaoTalk dialog). */
export const DEMO_TOPICS: readonly SubscriptionTopic[] = [
  { id: 'housing', name: '임대주택', description: '공공임대·행복주택·매입임대 모집 공고와 주거급여 안내' },
  { id: 'jobs', name: '공공일자리', description: '노인·청년·공공근로 일자리 모집 안내' },
  { id: 'welfare', name: '복지 소식', description: '새 복지 제도, 신청 기간, 지원금 안내' },
  { id: 'district', name: '구정 소식', description: '금천구의 주요 구정 소식과 행사' },
];

/** How the consent was given: in the KakaoTalk dialog, read out by a counsellor, on the phone, at a visit. */
export const CONSENT_METHODS = ['chat', 'counsellor', 'phone', 'visit'] as const;
export const ConsentMethod = z.enum(CONSENT_METHODS);
export type ConsentMethod = z.infer<typeof ConsentMethod>;

export const CONSENT_ACTIONS = ['subscribe', 'change', 'unsubscribe', 'reconfirm-asked', 'reconfirm', 'lapse'] as const;
export const ConsentAction = z.enum(CONSENT_ACTIONS);
export type ConsentAction = z.infer<typeof ConsentAction>;

/**
 * The consent statement, versioned: the ledger keeps the version the citizen agreed to. Change
 * the text only together with a new version.
 */
export const CONSENT_STATEMENT_VERSION = 'consent-2026-12-v1';
export const CONSENT_STATEMENT =
  '[금천구 복지 데스크 구독 소식 안내]\n' +
  '· 보내는 내용: 선택하신 주제(임대주택, 공공일자리, 복지 소식, 구정 소식)의 모집 공고와 안내\n' +
  '· 보내는 횟수: 주제별로 많아야 주 2회, 밤 8시 50분~아침 8시에는 보내지 않습니다\n' +
  '· 보내는 곳: 금천구 복지 상담센터 (카카오톡 채널)\n' +
  '· 그만 받기: 언제든 "수신거부"를 보내시면 바로, 무료로 해지됩니다\n' +
  '· 보관: 카카오톡 사용자 식별값과 선택한 주제만 보관하며, 2년마다 계속 받으실지 다시 여쭙니다';

/** Consent is asked again after this long; no answer within RECONFIRM_ANSWER_DAYS lapses it. */
export const RECONFIRM_AFTER_DAYS = 730;
export const RECONFIRM_ANSWER_DAYS = 30;

export const SubscriberStatus = z.enum(['active', 'unsubscribed', 'lapsed', 'none']);
export type SubscriberStatus = z.infer<typeof SubscriberStatus>;

export const ConsentEntry = z.object({
  id: Uuid,
  at: Instant,
  channel: z.enum(['kakao', 'desk']),
  method: ConsentMethod,
  action: ConsentAction,
  /** CONSENT_STATEMENT_VERSION, or `custom:<hash>` when a counsellor read another text (kept in `statement`). */
  statementVersion: z.string(),
  statement: z.string().nullable(),
  topics: z.array(TopicId),
  dongs: z.array(Dong),
  lifeStages: z.array(LifeStage),
  actorId: Uuid.nullable(),
  actorName: z.string().nullable(),
});
export type ConsentEntry = z.infer<typeof ConsentEntry>;

export const Subscriber = z.object({
  citizenKey: z.string(),
  status: SubscriberStatus,
  topics: z.array(TopicId),
  dongs: z.array(Dong),
  lifeStages: z.array(LifeStage),
  consentedAt: Instant.nullable(),
  /** When the 2-year re-confirmation is due (or was asked). */
  reconfirmDueAt: Instant.nullable(),
  history: z.array(ConsentEntry),
});
export type Subscriber = z.infer<typeof Subscriber>;

const citizenKeyText = z.string().trim().min(1, '시민 식별값(citizenKey)이 비어 있습니다').max(128);
export const CitizenKeyParams = z.object({ citizenKey: citizenKeyText });

export const SubscriberPut = z.object({
  /** The whole new set; [] unsubscribes from everything. */
  topics: z.array(TopicId).max(20),
  dongs: z.array(Dong).max(GEUMCHEON_DONGS.length).optional(),
  lifeStages: z.array(LifeStage).max(10).optional(),
  consent: z.object({
    method: ConsentMethod,
    /** The statement as read to the citizen (normally CONSENT_STATEMENT). */
    statement: z.string().trim().min(1, '읽어 준 동의 문구(statement)가 필요합니다').max(4000),
  }),
});
export type SubscriberPut = z.infer<typeof SubscriberPut>;

/** One row of the supervisor's subscriber list: the key is masked. */
export const SubscriberListItem = Subscriber.omit({ citizenKey: true }).extend({
  citizenKeyMasked: z.string(),
  citizenName: z.string().nullable(),
});
export const SubscriberListQuery = z.object({
  topic: TopicId.optional(),
  dong: Dong.optional(),
  status: SubscriberStatus.optional(),
  cursor: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Masks a channel user key: enough to tell rows apart, not enough to address the citizen. */
export function maskCitizenKey(key: string): string {
  if (key.length <= 4) return `${key.slice(0, 1)}***`;
  const keep = Math.min(4, Math.floor(key.length / 3));
  return `${key.slice(0, keep)}${'*'.repeat(Math.max(3, key.length - keep - 2))}${key.slice(-2)}`;
}

/* ---------- notices (broadcasts) ---------- */

/**
 * Longest notice: Kakao's channel (friend-talk / brand) text message holds 1,000 characters; the
 * title goes on the first line.
 */
export const BROADCAST_MAX_LENGTH = 1000;

const httpsUrl = z
  .string()
  .trim()
  .max(1000)
  .refine((u) => {
    try {
      return new URL(u).protocol === 'https:';
    } catch {
      return false;
    }
  }, '링크는 https:// 주소만 쓸 수 있습니다 (https links only)');

export const BroadcastButton = z.object({ name: z.string().trim().min(1).max(14, '버튼 이름은 14자까지입니다'), url: httpsUrl });
export type BroadcastButton = z.infer<typeof BroadcastButton>;

/** A plain http:// (or other non-https) link inside a notice text. */
export const INSECURE_LINK = /\b(?:http|ftp):\/\/\S+/i;

const noticeFields = {
  title: z.string().trim().min(1, '제목을 입력하세요').max(60, '제목은 60자까지입니다'),
  body: z.string().trim().min(1, '내용을 입력하세요').max(BROADCAST_MAX_LENGTH, `내용은 ${BROADCAST_MAX_LENGTH}자까지입니다`),
  topics: z.array(TopicId).min(1, '주제를 하나 이상 고르세요').max(10),
  dongs: z.array(Dong).max(GEUMCHEON_DONGS.length).default([]),
  lifeStages: z.array(LifeStage).max(10).default([]),
  buttons: z.array(BroadcastButton).max(2, '버튼은 2개까지입니다').default([]),
  programmeId: z.string().min(1).max(64).nullable().default(null),
  scheduledAt: Instant.nullable().default(null),
};

function checkText(v: { title?: string; body?: string }, ctx: z.RefinementCtx): void {
  for (const key of ['title', 'body'] as const) {
    const value = v[key];
    if (value !== undefined && INSECURE_LINK.test(value)) {
      ctx.addIssue({ code: 'custom', path: [key], message: '링크는 https:// 주소만 쓸 수 있습니다 (https links only)' });
    }
  }
  if (v.title !== undefined && v.body !== undefined && noticeText(v.title, v.body).length > BROADCAST_MAX_LENGTH) {
    ctx.addIssue({ code: 'custom', path: ['body'], message: `제목과 내용을 합쳐 ${BROADCAST_MAX_LENGTH}자까지 보낼 수 있습니다` });
  }
}

export const BroadcastCreate = z.object({ id: Uuid, ...noticeFields }).superRefine(checkText);
export type BroadcastCreate = z.infer<typeof BroadcastCreate>;
export const BroadcastPatch = z
  .object({
    title: noticeFields.title.optional(),
    body: noticeFields.body.optional(),
    topics: noticeFields.topics.optional(),
    dongs: z.array(Dong).max(GEUMCHEON_DONGS.length).optional(),
    lifeStages: z.array(LifeStage).max(10).optional(),
    buttons: z.array(BroadcastButton).max(2).optional(),
    programmeId: z.string().min(1).max(64).nullable().optional(),
    scheduledAt: Instant.nullable().optional(),
  })
  .superRefine(checkText);
export type BroadcastPatch = z.infer<typeof BroadcastPatch>;

/** The text as the citizen reads it: the title in brackets on the first line. */
export function noticeText(title: string, body: string): string {
  return `[${title}]\n${body}`;
}

export const BROADCAST_STATUSES = ['draft', 'submitted', 'scheduled', 'sending', 'paused', 'sent', 'cancelled'] as const;
export const BroadcastStatus = z.enum(BROADCAST_STATUSES);
export type BroadcastStatus = z.infer<typeof BroadcastStatus>;
export const BROADCAST_STATUS_LABELS: Record<BroadcastStatus, string> = {
  draft: '작성 중', submitted: '승인 대기', scheduled: '예약됨', sending: '발송 중', paused: '일시 정지', sent: '발송 완료', cancelled: '취소됨',
};

export const BroadcastCounts = z.object({
  targeted: z.number().int(),
  pending: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
  optedOut: z.number().int(),
  /** Left unsent because the notice was cancelled. */
  cancelled: z.number().int(),
});
export type BroadcastCounts = z.infer<typeof BroadcastCounts>;

export const Broadcast = z.object({
  id: Uuid,
  title: z.string(),
  body: z.string(),
  topics: z.array(TopicId),
  dongs: z.array(Dong),
  lifeStages: z.array(LifeStage),
  buttons: z.array(BroadcastButton),
  programmeId: z.string().nullable(),
  scheduledAt: Instant.nullable(),
  status: BroadcastStatus,
  /** Why a send waits: a supervisor paused it, or it is night (20:50–08:00 KST). */
  pausedReason: z.enum(['manual', 'quiet-hours']).nullable(),
  authorId: Uuid,
  authorName: z.string(),
  submittedAt: Instant.nullable(),
  approvedById: Uuid.nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: Instant.nullable(),
  cancelledAt: Instant.nullable(),
  completedAt: Instant.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int(),
  counts: BroadcastCounts,
});
export type Broadcast = z.infer<typeof Broadcast>;

export const RECIPIENT_STATUSES = ['pending', 'delivered', 'failed', 'opted_out', 'cancelled'] as const;
export const RecipientStatus = z.enum(RECIPIENT_STATUSES);
export type RecipientStatus = z.infer<typeof RecipientStatus>;

export const BroadcastRecipient = z.object({
  id: Uuid,
  citizenKeyMasked: z.string(),
  status: RecipientStatus,
  attempts: z.number().int(),
  error: z.string().nullable(),
  sentAt: Instant.nullable(),
  updatedAt: Instant,
  repliedAt: Instant.nullable(),
});
export type BroadcastRecipient = z.infer<typeof BroadcastRecipient>;

/** GET /broadcasts/{id}/report: counts, deliveries per minute, failures by reason, opt-outs after it. */
export const BroadcastReport = z.object({
  broadcast: Broadcast,
  timeline: z.array(z.object({ minute: z.string(), delivered: z.number().int(), failed: z.number().int() })),
  failures: z.array(z.object({ error: z.string(), count: z.number().int() })),
  /** Recipients who unsubscribed after the notice reached them. */
  optOutsAfter: z.number().int(),
  replies: z.number().int(),
});
export type BroadcastReport = z.infer<typeof BroadcastReport>;

export const BroadcastListQuery = z.object({
  status: BroadcastStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const RecipientListQuery = z.object({
  status: RecipientStatus.optional(),
  cursor: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** The live audience of a draft: how many active subscribers it would reach now. */
export const AudienceQuery = z.object({
  topics: z.union([TopicId, z.array(TopicId)]).transform((t) => (Array.isArray(t) ? t : [t])),
  dongs: z.union([Dong, z.array(Dong)]).optional().transform((t) => (t === undefined ? [] : Array.isArray(t) ? t : [t])),
  lifeStages: z.union([LifeStage, z.array(LifeStage)]).optional().transform((t) => (t === undefined ? [] : Array.isArray(t) ? t : [t])),
});

/**
 * Whether a subscriber's narrowing (동, 생애주기) lets a notice through: an empty list on either
 * side means "all".
 */
export function narrowingMatches(subscriber: readonly string[], notice: readonly string[]): boolean {
  return subscriber.length === 0 || notice.length === 0 || subscriber.some((s) => notice.includes(s));
}
export { Instant };
