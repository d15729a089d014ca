import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DestructionList } from '../../common/rest/access-log.js';
import { num } from '../db/json.js';
import type { ServerDeps } from '../deps.js';

export const retentionRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, { store }) => {
  app.get('/retention/destructions', {
    schema: { tags: ['admin'], summary: '파기 대장 (destruction register: class, count, period, when, rule; admin)', response: { 200: DestructionList } },
    config: { admin: true },
  }, async () => {
    const rows = await store.db.selectFrom('destructions').selectAll().orderBy('at', 'desc').limit(1000).execute();
    return {
      items: rows.map((r) => ({ id: r.id, at: r.at, class: r.class, count: num(r.count), periodFrom: r.period_from, periodTo: r.period_to, rule: r.rule })),
    };
  });
};
