import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CONSENT_STATEMENT, CONSENT_STATEMENT_VERSION, CitizenKeyParams, Subscriber, SubscriberListItem, SubscriberListQuery,
  SubscriberPut, SubscriptionTopic, TopicId,
} from '../../common/subscriptions/index.js';
import type { ServerDeps } from '../deps.js';
import { actor } from '../http/auth.js';
import { applyConsent, getSubscriber, listSubscribers, listTopics, putTopic, requireKnownTopics } from './store.js';

export const subscriptionRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, { store, accessLog }) => {
  app.get('/subscription-topics', {
    schema: { tags: ['subscriptions'], summary: '구독 주제 목록 (subscription topics)', response: { 200: z.array(SubscriptionTopic) } },
  }, async () => listTopics(store.db));

  app.put('/subscription-topics/:id', {
    schema: {
      tags: ['subscriptions'], summary: '구독 주제 추가·수정 (admin)', params: z.object({ id: TopicId }),
      body: SubscriptionTopic.omit({ id: true }), response: { 200: SubscriptionTopic },
    },
    config: { admin: true },
  }, async (request) => {
    const me = actor(request);
    return store.write(me.id, (tx) => putTopic(tx, { id: request.params.id, ...request.body }), { lockFeedFirst: false });
  });

  app.get('/subscriptions/consent-statement', {
    schema: {
      tags: ['subscriptions'], summary: '상담사가 읽어 줄 동의 문구 (the current consent statement)',
      response: { 200: z.object({ version: z.string(), statement: z.string() }) },
    },
  }, async () => ({ version: CONSENT_STATEMENT_VERSION, statement: CONSENT_STATEMENT }));

  app.get('/subscribers/:citizenKey', {
    schema: {
      tags: ['subscriptions'], summary: '시민의 구독과 동의 이력 (subscriptions and consent history)', params: CitizenKeyParams,
      response: { 200: Subscriber },
    },
  }, async (request) => {
    // Server reads of citizen data are access-logged by the access log (issue 12), not the audit log of writes.
    const subscriber = await getSubscriber(store.db, request.params.citizenKey);
    await accessLog.record(request, { action: 'view', entity: 'subscriber', subject: { citizenKey: subscriber.citizenKey } });
    return subscriber;
  });

  app.put('/subscribers/:citizenKey', {
    schema: {
      tags: ['subscriptions'],
      summary: '상담사 도움 구독·변경·해지 (counsellor-assisted subscription; topics [] unsubscribes)',
      description: 'consent.statement is the text read to the citizen (GET /subscriptions/consent-statement); the ledger keeps its version.',
      params: CitizenKeyParams, body: SubscriberPut, response: { 200: Subscriber },
    },
  }, async (request) => {
    const me = actor(request);
    const key = request.params.citizenKey;
    const { topics, dongs, lifeStages, consent } = request.body;
    const subscriber = await store.write(me.id, async (tx) => {
      await requireKnownTopics(tx.trx, topics);
      const { subscriber } = await applyConsent(tx, key, {
        topics, dongs, lifeStages, method: consent.method, channel: 'desk', statement: consent.statement, actor: { id: me.id, name: me.displayName },
      });
      return subscriber;
    }, { lockFeedFirst: false });
    await accessLog.record(request, { action: 'update', entity: 'subscriber', subject: { citizenKey: key }, reason: `consent ${consent.method}` });
    return subscriber;
  });

  app.get('/subscribers', {
    schema: {
      tags: ['subscriptions'], summary: '구독자 목록 (supervisor/admin; masked, paged)', querystring: SubscriberListQuery,
      response: { 200: z.object({ items: z.array(SubscriberListItem), nextCursor: z.string().nullable(), total: z.number().int() }) },
    },
    config: { roles: ['supervisor', 'admin'] },
  }, async (request) => {
    const list = await listSubscribers(store.db, request.query);
    await accessLog.record(request, { action: 'list', entity: 'subscriber', rows: list.items.length });
    return list;
  });
};
