import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CtiCall, CtiEvent } from '../../common/domain/index.js';
import { applyCtiEvent, findCtiCall, listCtiCalls } from '../db/cti.js';
import { presenceOnAnswer, presenceOnHangup } from '../team/presence.js';
import type { ServerDeps } from '../deps.js';
import { bearerToken } from '../http/auth.js';
import { problems } from '../http/problem.js';

const sha = (s: string) => createHash('sha256').update(s).digest();

export const ctiRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, { store, config, authFailures, accessLog, team }) => {
  app.post('/cti/events', {
    schema: {
      tags: ['cti'],
      summary: '전화 시스템 이벤트 (telephony: newCall / answer / hangup; bearer BOKJI_CTI_TOKEN)',
      body: CtiEvent,
      response: { 200: CtiCall },
    },
    // Not a counsellor token: checked here against BOKJI_CTI_TOKEN.
    config: { public: true },
    onRequest: async (request) => {
      const token = bearerToken(request);
      if (!config.ctiToken) throw problems.unauthorized('이 서버에는 BOKJI_CTI_TOKEN 이 설정되지 않아 CTI 이벤트를 받지 않습니다 (CTI disabled).');
      const wait = authFailures.blockedFor(request.ip);
      if (wait > 0) throw problems.tooManyFailures(wait);
      if (!token || !timingSafeEqual(sha(token), sha(config.ctiToken))) {
        authFailures.fail(request.ip);
        throw problems.unauthorized('CTI 토큰이 올바르지 않습니다 (Authorization: Bearer <BOKJI_CTI_TOKEN>).');
      }
    },
  }, async (request) => {
    const event = request.body;
    const call = await store.write(null, async (tx) => {
      const previous = await findCtiCall(tx.trx, event.callId);
      const next = await applyCtiEvent(tx, event);
      // 통화 중 from the answer to the hang-up (team/presence.ts); repeats change nothing.
      if (next.counsellorId && next.answeredAt && !previous?.answeredAt && !next.endedAt) await presenceOnAnswer(tx, next.counsellorId);
      if (next.counsellorId && next.endedAt && !previous?.endedAt && next.answeredAt) await presenceOnHangup(tx, next.counsellorId);
      return next;
    });
    // A counsellor back from a call may take a waiting chat.
    if (call.endedAt) team.kickAssignment();
    return call;
  });

  app.get('/cti/calls', {
    schema: {
      tags: ['cti'],
      summary: '전화 목록 (CTI calls; missed=true for unanswered)',
      querystring: z.object({
        missed: z.enum(['true', 'false']).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: z.object({ items: z.array(CtiCall) }) },
    },
  }, async (request) => {
    const items = await listCtiCalls(store.db, {
      ...(request.query.missed ? { missed: request.query.missed === 'true' } : {}),
      limit: request.query.limit,
    });
    await accessLog.record(request, { action: 'list', entity: 'cti_call', rows: items.length });
    return { items };
  });
};
