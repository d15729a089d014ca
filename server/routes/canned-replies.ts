import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CannedReply, Uuid } from '../../common/domain/index.js';
import { CannedReplyInput } from '../../common/rest/contract.js';
import { deleteCannedReply, getCannedReply, insertCannedReply, listCannedReplies, updateCannedReply } from '../db/canned-replies.js';
import type { ServerDeps } from '../deps.js';
import { actor } from '../http/auth.js';
import { etag, idempotencyKeyOf, idempotentWrite, requireIfMatch } from '../http/idempotency.js';
import { problems } from '../http/problem.js';

const IdParams = z.object({ id: Uuid });
const CannedReplyCreate = CannedReplyInput.extend({ id: Uuid.optional() });

export const cannedReplyRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, { store }) => {
  app.get('/canned-replies', {
    schema: { tags: ['canned-replies'], summary: '상용구 목록 (canned replies)', response: { 200: z.object({ items: z.array(CannedReply) }) } },
  }, async () => ({ items: await listCannedReplies(store.db) }));

  app.post('/canned-replies', {
    schema: {
      tags: ['canned-replies'],
      summary: '상용구 추가 (admin; {{citizenName}} / {{counsellorName}} variables)',
      body: CannedReplyCreate,
      response: { 201: CannedReply },
    },
    config: { admin: true },
  }, async (request, reply) => {
    const me = actor(request);
    const { id: givenId, ...input } = request.body;
    const id = givenId ?? randomUUID();
    const outcome = await idempotentWrite(store, request, reply, { key: idempotencyKeyOf(request) ?? givenId ?? null, counsellorId: me.id }, async (tx) => {
      if (await getCannedReply(tx.trx, id)) throw problems.conflict(`상용구 id '${id}' 가 이미 있습니다 (id already used).`);
      return { status: 201, body: await insertCannedReply(tx, id, input) };
    });
    reply.header('etag', etag(outcome.body.version));
    return reply.code(outcome.status as 201).send(outcome.body);
  });

  app.put('/canned-replies/:id', {
    schema: {
      tags: ['canned-replies'],
      summary: '상용구 수정 (admin; If-Match)',
      params: IdParams,
      body: CannedReplyInput,
      response: { 200: CannedReply },
    },
    config: { admin: true },
  }, async (request, reply) => {
    const me = actor(request);
    const updated = await store.write(me.id, async (tx) => {
      const previous = await getCannedReply(tx.trx, request.params.id);
      if (!previous) throw problems.notFound('상용구 (canned reply)', request.params.id);
      requireIfMatch(request, previous.version);
      return updateCannedReply(tx, previous, request.body);
    });
    reply.header('etag', etag(updated.version));
    return updated;
  });

  app.delete('/canned-replies/:id', {
    schema: { tags: ['canned-replies'], summary: '상용구 삭제 (admin; If-Match)', params: IdParams, response: { 204: z.null() } },
    config: { admin: true },
  }, async (request, reply) => {
    const me = actor(request);
    await store.write(me.id, async (tx) => {
      const previous = await getCannedReply(tx.trx, request.params.id);
      if (!previous) throw problems.notFound('상용구 (canned reply)', request.params.id);
      requireIfMatch(request, previous.version);
      await deleteCannedReply(tx, previous);
    });
    return reply.code(204).send(null);
  });
};
