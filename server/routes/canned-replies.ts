import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CannedReply, Uuid } from '../../common/domain/index.js';
import { CannedReplyInput } from '../../common/rest/contract.js';
import { insertCannedReply } from '../db/canned-replies.js';
import { parseStored, toJson } from '../db/json.js';
import type { WriteTx } from '../db/store.js';
import type { ServerDeps } from '../deps.js';
import { actor } from '../http/auth.js';
import { etag, idempotencyKeyOf, idempotentWrite, requireIfMatch } from '../http/idempotency.js';
import { problems } from '../http/problem.js';

const IdParams = z.object({ id: Uuid });
const CannedReplyCreate = CannedReplyInput.extend({ id: Uuid.optional() });

async function getReply(tx: WriteTx, id: string): Promise<CannedReply | null> {
  const row = await tx.trx.selectFrom('canned_replies').select('data').where('id', '=', id).executeTakeFirst();
  return row ? parseStored(CannedReply, row.data, 'canned_replies', id) : null;
}

export const cannedReplyRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, { store }) => {
  app.get('/canned-replies', {
    schema: { tags: ['canned-replies'], summary: '상용구 목록 (canned replies)', response: { 200: z.object({ items: z.array(CannedReply) }) } },
  }, async () => {
    const rows = await store.db.selectFrom('canned_replies').select('data').orderBy('id').execute();
    const items = rows.map((r) => parseStored(CannedReply, r.data, 'canned_replies')).sort((a, b) => a.title.localeCompare(b.title, 'ko'));
    return { items };
  });

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
      if (await getReply(tx, id)) throw problems.conflict(`상용구 id '${id}' 가 이미 있습니다 (id already used).`);
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
      const previous = await getReply(tx, request.params.id);
      if (!previous) throw problems.notFound('상용구 (canned reply)', request.params.id);
      requireIfMatch(request, previous.version);
      const next: CannedReply = { ...previous, ...request.body, updatedAt: tx.now, version: previous.version + 1 };
      await tx.trx
        .updateTable('canned_replies')
        .set({ updated_at: tx.now, version: next.version, data: toJson(next) })
        .where('id', '=', next.id)
        .execute();
      await tx.change('cannedReply', next.id, next);
      await tx.audit('update', 'cannedReply', next.id, next.title);
      return next;
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
      const previous = await getReply(tx, request.params.id);
      if (!previous) throw problems.notFound('상용구 (canned reply)', request.params.id);
      requireIfMatch(request, previous.version);
      await tx.trx.deleteFrom('canned_replies').where('id', '=', previous.id).execute();
      // The feed says "gone" with data null.
      await tx.change('cannedReply', previous.id, null);
      await tx.audit('delete', 'cannedReply', previous.id, previous.title);
    });
    return reply.code(204).send(null);
  });
};
