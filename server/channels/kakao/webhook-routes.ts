import type { FastifyError, FastifyPluginAsync } from 'fastify';
import { crisisAutoAnswer } from '../../../common/crisis/index.js';
import { afterHoursNoticeText, isOpenAt } from '../../../common/hours/index.js';
import { maskResidentNumbers } from '../../../common/privacy/index.js';
import { KakaoWebhookEvent, toInboundEvent } from './event.js';
import { KeyedQueue } from './keyed-queue.js';
import type { InboundCitizenEvent, InboundFiled, KakaoInboxPort, KakaoOutbound } from './port.js';
import { sendProblem } from './problem.js';
import { SIGNATURE_HEADER, verifyKakaoSignature } from './signature.js';

export const KAKAO_WEBHOOK_PATH = '/api/v1/channels/kakao/webhook';
/** A 상담톡 event is at most a few KiB; anything near this is not one. */
export const KAKAO_WEBHOOK_BODY_LIMIT = 64 * 1024;

export interface KakaoWebhookOptions {
  port: KakaoInboxPort;
  /** KAKAO_WEBHOOK_SECRET shared with the channel provider. */
  secret: string;
  outbound: KakaoOutbound;
  now?: () => Date;
  /** Text of the automatic 운영시간 안내; defaults to common/hours. */
  noticeText?: (now: Date) => string;
  /** Whether the centre is open; defaults to common/hours (weekdays 09–18 KST, not on holidays). */
  isOpen?: (now: Date) => boolean;
  bodyLimit?: number;
  /**
   * Runs after an event is filed (also for a redelivery, so that a failed first attempt is
   * completed): the channel's own answers (구독 / 수신거부). True when it wrote a reply to send.
   */
  afterFiled?: (event: InboundCitizenEvent, filed: InboundFiled) => Promise<boolean>;
  /** Route path; defaults to the contract's path, for a plugin registered without a prefix. */
  path?: string;
}

export interface KakaoWebhookResponse {
  result: 'ok';
  /** True when this serial_number had been filed before (a redelivery); nothing new was written. */
  duplicate: boolean;
}

/**
 * POST /api/v1/channels/kakao/webhook — inbound citizen events. Register it WITHOUT
 * fastify-plugin: its raw-body content-type parser and its error handler must stay scoped to it.
 *
 * Order of checks: the signature first (over the exact bytes received, before any parsing, so an
 * unsigned caller learns nothing), then JSON, then the shape. The event is filed before the 200,
 * so an acknowledged event is never lost; a redelivery is answered 200 as well so the provider
 * stops retrying.
 */
/** How far an event's `time` may be from the server clock. */
const MAX_FUTURE_MS = 10 * 60_000;
const MAX_PAST_MS = 7 * 24 * 3_600_000;

export const kakaoWebhookRoutes: FastifyPluginAsync<KakaoWebhookOptions> = async (app, opts) => {
  const now = opts.now ?? (() => new Date());
  const isOpen = opts.isOpen ?? isOpenAt;
  const noticeText = opts.noticeText ?? afterHoursNoticeText;
  const bodyLimit = opts.bodyLimit ?? KAKAO_WEBHOOK_BODY_LIMIT;
  if (!opts.secret) throw new Error('kakaoWebhookRoutes: secret (KAKAO_WEBHOOK_SECRET) is required');
  const perCitizen = new KeyedQueue();

  // The HMAC is over the raw bytes: keep them, for every content type, in this plugin only.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_req, body, done) => done(null, body));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
      return sendProblem(reply, 413, 'body-too-large', '요청 본문이 너무 큽니다 (payload too large)',
        `웹훅 본문은 ${Math.floor(bodyLimit / 1024)} KiB 이하여야 합니다 (max ${bodyLimit} bytes).`);
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, error.statusCode, `http-${error.statusCode}`, '잘못된 요청입니다 (bad request)', error.message);
    }
    // The port (database) failed: the event is not filed. 503 + Retry-After makes the provider
    // redeliver it later; serial_number de-duplication makes that safe.
    request.log.error({ err: error }, 'kakao webhook: filing the event failed');
    return sendProblem(reply, 503, 'kakao-filing-failed', '잠시 후 다시 보내 주세요 (temporarily unavailable)',
      '이벤트를 저장하지 못했습니다. 잠시 후 같은 serial_number로 다시 보내 주세요 (retry the same event later).',
      { headers: { 'retry-after': '5' } });
  });

  app.post(opts.path ?? KAKAO_WEBHOOK_PATH, {
    // Documentation only: the body is raw bytes here (validated by hand after the signature check).
    schema: {
      tags: ['channels'],
      summary: '카카오톡 상담톡 웹훅 (KakaoTalk citizen events, HMAC-signed)',
      description:
        'Header X-Bokji-Signature: sha256=<hex HMAC-SHA256 of the raw body with KAKAO_WEBHOOK_SECRET>. ' +
        'JSON body {serial_number, event: message|chat_start|chat_end, user_key, sender_key?, message_type: TX|IM, ' +
        'message, image_url?, time (ISO 8601 or epoch ms)}. 200 {result:"ok", duplicate} (also for a redelivery); ' +
        '401 bad signature, 400 bad JSON/shape, 413 too large, 503 retry later.',
      security: [],
    },
  }, async (request, reply) => {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const signature = request.headers[SIGNATURE_HEADER];
    if (signature === undefined) {
      return sendProblem(reply, 401, 'kakao-signature-missing', '서명이 없습니다 (signature missing)',
        `${SIGNATURE_HEADER} 헤더에 sha256=<본문의 HMAC-SHA256 hex>를 보내세요 (send X-Bokji-Signature: sha256=<hex HMAC of the raw body>).`);
    }
    if (!verifyKakaoSignature(raw, signature, opts.secret)) {
      return sendProblem(reply, 401, 'kakao-signature-invalid', '서명이 맞지 않습니다 (bad signature)',
        '본문 바이트 그대로 KAKAO_WEBHOOK_SECRET으로 HMAC-SHA256을 계산했는지 확인하세요 (HMAC over the exact raw body with the shared secret).');
    }
    const contentType = String(request.headers['content-type'] ?? '');
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
      return sendProblem(reply, 415, 'unsupported-media-type', '지원하지 않는 형식 (unsupported media type)',
        'Content-Type: application/json 으로 보내세요.');
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch (err) {
      return sendProblem(reply, 400, 'bad-request', '잘못된 요청입니다 (bad request)',
        `본문이 올바른 JSON이 아닙니다 (malformed JSON): ${(err as Error).message}`);
    }
    const parsed = KakaoWebhookEvent.safeParse(json);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
      return sendProblem(reply, 400, 'validation', '입력값 오류 (validation failed)',
        errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
    }

    // An event dated far from now is a replay or a broken clock, not a citizen writing now.
    const skew = Date.parse(parsed.data.time) - now().getTime();
    if (skew > MAX_FUTURE_MS || skew < -MAX_PAST_MS) {
      return sendProblem(reply, 400, 'validation', '입력값 오류 (validation failed)',
        `time: 이벤트 시각 ${parsed.data.time} 이(가) 서버 시각과 너무 다릅니다. 10분 뒤 ~ 7일 전 사이여야 합니다 (time must be within 10 minutes ahead and 7 days back of the server clock).`,
        { errors: [{ path: 'time', message: '10분 뒤 ~ 7일 전 사이의 시각이어야 합니다 (out of the accepted window)' }] });
    }

    // Never store a 주민등록번호 (DESIGN.md §7): mask before the text reaches the data layer.
    const event = toInboundEvent(parsed.data, maskResidentNumbers);
    const filed = await perCitizen.run(event.userKey, async () => {
      const result = await opts.port.fileInbound(event);
      // The channel's own answer (구독 / 수신거부) is the whole answer: no 운영시간 안내 for it.
      const answered = result.channelAnswered || (opts.afterFiled ? await opts.afterFiled(event, result) : false);
      if (answered) opts.outbound.poke();
      const at = now();
      // Also on a redelivery: if the first attempt filed the event but failed before the notice,
      // the retry completes it (both records are once per conversation / per crisis signal).
      if (!answered && event.event !== 'chat_end' && !isOpen(at)) {
        // A citizen in crisis gets the 24-hour lines at once, not "we open at 9".
        const crisis = result.crisisToAnswer;
        const answerId = crisis
          ? await opts.port.recordCrisisAnswer(result.conversationId, crisis.messageId, crisisAutoAnswer(crisis.kind))
          : !result.afterHoursNoticeAlreadySent
            ? await opts.port.recordAfterHoursNotice(result.conversationId, noticeText(at))
            : null;
        if (answerId) opts.outbound.poke();
      }
      return result;
    });
    const body: KakaoWebhookResponse = { result: 'ok', duplicate: filed.duplicate };
    return reply.code(200).send(body);
  });
};
