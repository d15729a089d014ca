import { z } from 'zod';
import { HttpUrl } from '../../../common/domain/index.js';
import type { InboundCitizenEvent } from './port.js';

/**
 * One citizen event as the channel provider posts it (DESIGN.md §3), modelled on the Kakao 상담톡
 * partner API. Unknown extra fields are ignored ("at least" these fields): a provider that adds a
 * field must not make us drop citizens' messages.
 */
export const KAKAO_MESSAGE_MAX_LENGTH = 4000;

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'image_url은 http(s) 주소여야 합니다 (must be an http or https URL)' })
  .max(2048, 'image_url이 너무 깁니다 (max 2048 characters)');

/** ISO 8601 with offset, or epoch milliseconds as Kakao sends them; normalised to ISO UTC. */
const TIME_HINT = 'time은 ISO 8601 시각 또는 epoch 밀리초여야 합니다, 예: 2026-11-28T09:00:00+09:00 (ISO 8601 or epoch ms)';
const EventTime = z
  .union([z.iso.datetime({ offset: true, error: TIME_HINT }), z.number({ error: TIME_HINT }).int(TIME_HINT).min(0, TIME_HINT).max(8.64e15, TIME_HINT)], { error: TIME_HINT })
  .transform((t) => new Date(t).toISOString());

const noNul = (s: string) => !s.includes('\u0000');
const NUL_HINT = 'NUL 문자(\\u0000)는 쓸 수 없습니다 (NUL characters are not allowed)';

export const KakaoWebhookEvent = z
  .object({
    serial_number: z
      .union([z.string().trim().min(1).max(128).refine(noNul, NUL_HINT), z.number().int().nonnegative()], {
        error: 'serial_number는 비어 있지 않은 문자열 또는 정수여야 합니다 (non-empty string or integer)',
      })
      .transform(String),
    event: z.enum(['message', 'chat_start', 'chat_end'], {
      error: 'event는 "message", "chat_start", "chat_end" 중 하나여야 합니다',
    }),
    user_key: z.string({ error: 'user_key(시민 식별자)가 필요합니다 (string)' }).trim().min(1, 'user_key가 비어 있습니다').max(128).refine(noNul, NUL_HINT),
    sender_key: z.string().max(128).optional(),
    message_type: z.enum(['TX', 'IM'], { error: 'message_type은 "TX"(텍스트) 또는 "IM"(이미지)이어야 합니다' }),
    message: z
      .string({ error: 'message는 문자열이어야 합니다 (string; empty for chat_start/chat_end)' })
      .max(KAKAO_MESSAGE_MAX_LENGTH, `message가 너무 깁니다 (max ${KAKAO_MESSAGE_MAX_LENGTH} characters)`)
      // A stray NUL must not cost the citizen their message (PostgreSQL cannot store it in text).
      .transform((m) => m.replaceAll('\u0000', '')),
    image_url: httpUrl.nullish(),
    time: EventTime,
  }, { error: '본문은 JSON 객체여야 합니다: {serial_number, event, user_key, message_type, message, time} (body must be a JSON object)' })
  .superRefine((e, ctx) => {
    if (e.event === 'message' && e.message_type === 'TX' && e.message.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['message'], message: '텍스트 메시지(TX)의 message가 비어 있습니다' });
    }
    if (e.event === 'message' && e.message_type === 'IM' && !e.image_url) {
      ctx.addIssue({ code: 'custom', path: ['image_url'], message: '이미지 메시지(IM)에는 image_url이 필요합니다' });
    }
  });
export type KakaoWebhookEvent = z.output<typeof KakaoWebhookEvent>;
export type KakaoWebhookEventInput = z.input<typeof KakaoWebhookEvent>;

/** The port's view of a validated event; `maskText` removes what must never be stored. */
export function toInboundEvent(e: KakaoWebhookEvent, maskText: (text: string) => string): InboundCitizenEvent {
  return {
    serialNumber: e.serial_number,
    event: e.event,
    userKey: e.user_key,
    messageType: e.message_type,
    message: maskText(e.message),
    imageUrl: e.image_url ?? null,
    sentAt: e.time,
  };
}

/** An outbound reply on the wire to KAKAO_SEND_URL. */
export const KakaoButton = z.object({
  name: z.string().min(1).max(28),
  type: z.literal('WL'),
  url_mobile: HttpUrl,
  url_pc: HttpUrl.optional(),
});
export type KakaoButton = z.infer<typeof KakaoButton>;

export const KakaoOutboundMessage = z.object({
  serial_number: z.string().min(1),
  sender_key: z.string().min(1),
  user_key: z.string().min(1),
  message_type: z.literal('TX'),
  message: z.string().min(1).max(KAKAO_MESSAGE_MAX_LENGTH),
  buttons: z.array(KakaoButton).max(5).optional(),
  /** Set on a 구독 소식 (notice) message: the notice it belongs to (issue 14). */
  broadcast_id: z.string().min(1).optional(),
});
export type KakaoOutboundMessage = z.infer<typeof KakaoOutboundMessage>;
