import { z } from 'zod';
import { Instant, MESSAGE_MAX_LENGTH, Uuid, Version, nonEmptyText, text } from './primitives.js';
import { ConversationStatus, Field } from './vocabulary.js';

/** What a crisis signal is about (common/crisis detects them); the desk shows the matching hotline. */
export const CRISIS_KINDS = ['self_harm', 'violence', 'child_abuse', 'basic_needs', 'housing_loss', 'isolation'] as const;
export const CrisisKind = z.enum(CRISIS_KINDS);
export type CrisisKind = z.infer<typeof CrisisKind>;

/**
 * A citizen message that reads as a crisis (자살·자해, 폭력, 아동학대, 생계 위기, 주거 상실, 고립):
 * set by the server on inbound messages, cleared only by a counsellor's dismissal with a reason.
 */
export const CrisisSignal = z.object({
  kind: CrisisKind,
  /** The words of the message that raised it, as the citizen wrote them (at most 100 characters). */
  phrase: z.string().max(100),
  /** The inbound message that raised it. */
  messageId: Uuid,
  /** When the server raised it. */
  at: Instant,
});
export type CrisisSignal = z.infer<typeof CrisisSignal>;

/** The citizen's answer to the satisfaction question sent when a chat closes (만족 / 보통 / 불만). */
export const SATISFACTION_ANSWERS = ['satisfied', 'neutral', 'dissatisfied'] as const;
export const SatisfactionAnswer = z.enum(SATISFACTION_ANSWERS);
export type SatisfactionAnswer = z.infer<typeof SatisfactionAnswer>;
export const SATISFACTION_LABELS: Record<SatisfactionAnswer, string> = { satisfied: '만족', neutral: '보통', dissatisfied: '불만' };

/** The question asked at 종료 (once per conversation) and the answer, if the citizen gave one. */
export const ConversationSatisfaction = z.object({
  askedAt: Instant,
  answer: SatisfactionAnswer.nullable(),
  answeredAt: Instant.nullable(),
});
export type ConversationSatisfaction = z.infer<typeof ConversationSatisfaction>;

/** One KakaoTalk consultation with one citizen, from first message to 종료. */
export const Conversation = z.object({
  id: Uuid,
  channel: z.literal('kakao'),
  /** The channel's opaque citizen id (Kakao user_key). */
  citizenKey: z.string().min(1).max(128),
  citizenName: z.string().max(64).nullable(),
  citizenPhone: z.string().max(32).nullable(),
  status: ConversationStatus,
  assigneeId: Uuid.nullable(),
  unreadCount: z.number().int().nonnegative(),
  lastMessageAt: Instant.nullable(),
  lastMessagePreview: z.string().max(200).nullable(),
  /** Time of the citizen's oldest message not yet answered; null when nothing waits. */
  waitingSince: Instant.nullable(),
  /** 보류 until this instant (or until the citizen's next message when null). */
  heldUntil: Instant.nullable(),
  /** When the automatic 운영시간 안내 went out for this conversation, if it did. */
  afterHoursNoticeAt: Instant.nullable(),
  field: Field.nullable(),
  summary: z.string().max(200).nullable(),
  /** The open crisis signal, if any (null: none, or dismissed). Older records without it read as null. */
  crisis: CrisisSignal.nullable().default(null),
  /** When the automatic crisis answer (24-hour lines, outside hours) went out for the current signal, if it did. */
  crisisAnsweredAt: Instant.nullable().default(null),
  /** The satisfaction question of the last 종료, if one was sent. Older records without it read as null. */
  satisfaction: ConversationSatisfaction.nullable().default(null),
  closedAt: Instant.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
});
export type Conversation = z.infer<typeof Conversation>;

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound', 'note', 'system'] as const;
export const MessageDirection = z.enum(MESSAGE_DIRECTIONS);
export type MessageDirection = z.infer<typeof MessageDirection>;

export const MESSAGE_KINDS = ['text', 'image', 'programme_card', 'event'] as const;
export const MessageKind = z.enum(MESSAGE_KINDS);
export type MessageKind = z.infer<typeof MessageKind>;

/** Delivery of an outbound message through the channel adapter. */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** Messages are append-only; only delivery fields change after creation. */
export const Message = z.object({
  id: Uuid,
  conversationId: Uuid,
  direction: MessageDirection,
  kind: MessageKind,
  body: z.string().max(4000),
  imageUrl: z.string().max(2048).nullable(),
  programmeId: z.string().max(64).nullable(),
  authorId: Uuid.nullable(),
  delivery: DeliveryStatus.nullable(),
  deliveryError: z.string().max(500).nullable(),
  createdAt: Instant,
});
export type Message = z.infer<typeof Message>;

/** Body of POST /conversations/{id}/messages: a reply (delivered to the citizen) or an internal note. */
export const NewMessage = z.object({
  id: Uuid,
  direction: z.enum(['outbound', 'note']),
  kind: z.enum(['text', 'programme_card']).default('text'),
  body: nonEmptyText(MESSAGE_MAX_LENGTH),
  programmeId: z.string().max(64).nullable().default(null),
});
export type NewMessage = z.infer<typeof NewMessage>;

/** Body of PATCH /conversations/{id} (with If-Match). */
export const ConversationPatch = z
  .object({
    status: ConversationStatus.optional(),
    assigneeId: Uuid.nullable().optional(),
    heldUntil: Instant.nullable().optional(),
    field: Field.nullable().optional(),
    summary: text(200).nullable().optional(),
    citizenName: text(64).nullable().optional(),
    citizenPhone: text(32).nullable().optional(),
    /** Why it was transferred or reopened; recorded as a system message. */
    comment: text(500).optional(),
    /** Set by the reader: everything up to now has been read. */
    markRead: z.boolean().optional(),
    /** A counsellor's dismissal of the crisis signal as a false alarm: the reason (logged). */
    dismissCrisis: nonEmptyText(500).optional(),
  })
  .strict();
export type ConversationPatch = z.infer<typeof ConversationPatch>;

export const CannedReply = z.object({
  id: Uuid,
  title: z.string().min(1).max(100),
  /** May contain {{citizenName}} and {{counsellorName}}. */
  body: z.string().min(1).max(MESSAGE_MAX_LENGTH),
  shortcut: z.string().max(32).nullable(),
  updatedAt: Instant,
  version: Version,
});
export type CannedReply = z.infer<typeof CannedReply>;

/**
 * What the citizen is told when a chat moves to the phone (전화 상담 전환): a call is promised only
 * when the desk has a number to call; otherwise the citizen is asked for one.
 */
export const CALL_NOTICE = '상담원이 곧 전화드리겠습니다. 잠시만 기다려 주세요. 📞';
export const PHONE_QUESTION = '전화로 자세히 안내해 드리려고 합니다. 연락받으실 전화번호를 알려 주시겠어요? (주민등록번호 같은 다른 개인정보는 보내지 마세요.)';
