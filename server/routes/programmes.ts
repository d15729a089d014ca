import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Programme, ProgrammeInput } from '../../common/domain/index.js';
import { ProgrammeQuery, ProgrammeSearchResponse } from '../../common/rest/contract.js';
import { getProgramme, saveProgramme } from '../db/programmes.js';
import type { ServerDeps } from '../deps.js';
import { actor } from '../http/auth.js';
import { etag, ifMatchOf, requireIfMatch } from '../http/idempotency.js';
import { problems } from '../http/problem.js';

const IdParams = z.object({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'programme id: letters, digits, . _ -') });

export const programmeRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, { store, catalogue }) => {
  app.get('/programmes', {
    schema: {
      tags: ['programmes'],
      summary: '복지 프로그램 검색 (ranked search with filters)',
      querystring: ProgrammeQuery,
      response: { 200: ProgrammeSearchResponse },
    },
  }, async (request) => {
    const { q, limit, ...filters } = request.query;
    const { hits, total } = catalogue.search(q, filters, limit);
    return { items: hits, total };
  });

  app.get('/programmes/:id', {
    schema: { tags: ['programmes'], summary: '복지 프로그램 한 건 (one programme)', params: IdParams, response: { 200: Programme } },
  }, async (request, reply) => {
    const p = catalogue.get(request.params.id) ?? (await getProgramme(store.db, request.params.id));
    if (!p) throw problems.notFound('복지 프로그램 (programme)', request.params.id);
    reply.header('etag', etag(p.version));
    return p;
  });

  app.put('/programmes/:id', {
    schema: {
      tags: ['programmes'],
      summary: '복지 프로그램 수정 (admin; If-Match to update, none to create)',
      params: IdParams,
      body: ProgrammeInput,
      response: { 200: Programme, 201: Programme },
    },
    config: { admin: true },
  }, async (request, reply) => {
    const me = actor(request);
    const { programme, created } = await store.write(me.id, async (tx) => {
      const previous = await getProgramme(tx.trx, request.params.id);
      if (previous) requireIfMatch(request, previous.version);
      else if (ifMatchOf(request) !== null) throw problems.notFound('복지 프로그램 (programme)', request.params.id);
      return { programme: await saveProgramme(tx, request.params.id, request.body, previous), created: !previous };
    });
    catalogue.upsert(programme);
    reply.header('etag', etag(programme.version));
    return reply.code(created ? 201 : 200).send(programme);
  });
};
