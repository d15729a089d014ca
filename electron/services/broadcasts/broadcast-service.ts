import { z } from 'zod';
import { DeskError, type DeskHandlers } from '../../../common/desk-api/index.js';
import { BroadcastRecipientsPage, SubscriberPage } from '../../../common/desk-api/spec.js';
import { Broadcast, BroadcastReport, Subscriber, SubscriptionTopic } from '../../../common/subscriptions/index.js';
import type { RestClient } from '../rest/index.js';
import { onlineCall } from '../rest/online-call.js';
import type { SessionService } from '../session/session-service.js';

export interface BroadcastServiceDeps {
  rest: RestClient;
  session: SessionService;
}

/** The roles that may write, approve and follow notices and see the subscriber list (server/broadcasts/routes.ts). */
export const BROADCAST_ROLES = ['supervisor', 'admin'] as const;

/**
 * 구독 소식 on the desk (issue 14). Every call goes to the server at once, like the team's: a
 * notice is approved, sent and counted centrally, and a refusal (the four-eyes rule) must reach
 * the screen while the supervisor is looking at it. Citizen data (subscribers, recipients) is
 * never kept in the desk's store; the server access-logs each read.
 */
export function createBroadcastService({ rest, session }: BroadcastServiceDeps): { handlers: DeskHandlers['broadcasts'] } {
  // A refusal carries the server's own reason (the four-eyes rule), which the screen shows.
  const online = <T>(what: string, call: () => Promise<T>) => onlineCall(session, what, call, { forbidden: (reason) => reason });
  const lead = (what: string) => {
    const role = session.requireCounsellor().role;
    if (!(BROADCAST_ROLES as readonly string[]).includes(role)) throw new DeskError('forbidden', `${what}은(는) 팀장·관리자만 할 수 있습니다.`);
  };
  const signedIn = () => void session.requireCounsellor();
  const enc = encodeURIComponent;
  const get = <S extends z.ZodType>(path: string, schema: S, query?: Record<string, string | readonly string[] | undefined>) =>
    rest.request({ method: 'GET', path, schema, ...(query ? { query } : {}) }).then((r) => r.data);
  const post = (path: string, what: string) => online(what, () => rest.request({ method: 'POST', path, schema: Broadcast }).then((r) => r.data));

  return {
    handlers: {
      topics: async () => {
        signedIn();
        return online('구독 주제를 불러오', () => get('/subscription-topics', z.array(SubscriptionTopic)));
      },
      consentStatement: async () => {
        signedIn();
        return online('동의 문구를 불러오', () => get('/subscriptions/consent-statement', z.object({ version: z.string(), statement: z.string() })));
      },
      audience: async ({ topics, dongs, lifeStages }) => {
        lead('소식 발송');
        return online('받는 사람 수를 세', () => get('/broadcasts/audience', z.object({ count: z.number().int() }), { topics, dongs, lifeStages }));
      },
      list: async ({ status, limit }) => {
        lead('소식 발송');
        return online('소식 목록을 불러오', () => get('/broadcasts', z.object({ items: z.array(Broadcast) }), { status, limit: String(limit) })).then((r) => r.items);
      },
      get: async ({ id }) => {
        lead('소식 발송');
        return online('소식을 불러오', () => get(`/broadcasts/${enc(id)}`, Broadcast));
      },
      create: async (input) => {
        lead('소식 작성');
        return online('소식을 저장', () =>
          rest.request({ method: 'POST', path: '/broadcasts', body: input, idempotencyKey: input.id, schema: Broadcast }).then((r) => r.data));
      },
      update: async ({ id, patch, baseVersion }) => {
        lead('소식 작성');
        return online('소식을 저장', () =>
          rest.request({ method: 'PATCH', path: `/broadcasts/${enc(id)}`, body: patch, ifMatch: baseVersion, schema: Broadcast }).then((r) => r.data));
      },
      submit: async ({ id }) => {
        lead('승인 요청');
        return post(`/broadcasts/${enc(id)}/submit`, '승인을 요청');
      },
      approve: async ({ id }) => {
        lead('소식 승인');
        return post(`/broadcasts/${enc(id)}/approve`, '승인');
      },
      cancel: async ({ id }) => {
        lead('발송 취소');
        return post(`/broadcasts/${enc(id)}/cancel`, '취소');
      },
      pause: async ({ id }) => {
        lead('발송 일시 정지');
        return post(`/broadcasts/${enc(id)}/pause`, '일시 정지');
      },
      resume: async ({ id }) => {
        lead('발송 재개');
        return post(`/broadcasts/${enc(id)}/resume`, '재개');
      },
      recipients: async ({ id, status, cursor, limit }) => {
        lead('받는 사람 목록');
        return online('받는 사람 목록을 불러오', () => get(`/broadcasts/${enc(id)}/recipients`, BroadcastRecipientsPage, { status, cursor, limit: String(limit) }));
      },
      report: async ({ id }) => {
        lead('발송 결과');
        return online('발송 결과를 불러오', () => get(`/broadcasts/${enc(id)}/report`, BroadcastReport));
      },
      subscribers: async ({ topic, dong, status, cursor, limit }) => {
        lead('구독자 목록');
        return online('구독자 목록을 불러오', () => get('/subscribers', SubscriberPage, { topic, dong, status, cursor, limit: String(limit) }));
      },
      subscriber: async ({ citizenKey }) => {
        signedIn();
        return online('구독 정보를 불러오', () => get(`/subscribers/${enc(citizenKey)}`, Subscriber));
      },
      saveSubscriber: async ({ citizenKey, ...body }) => {
        signedIn();
        return online('구독을 저장', () => rest.request({ method: 'PUT', path: `/subscribers/${enc(citizenKey)}`, body, schema: Subscriber }).then((r) => r.data));
      },
    },
  };
}
