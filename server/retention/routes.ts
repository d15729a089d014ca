import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DestructionList } from '../../common/rest/access-log.js';
import type { ServerDeps } from '../deps.js';
import { listDestructions } from './register.js';

export const retentionRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, { store }) => {
  app.get('/retention/destructions', {
    schema: { tags: ['admin'], summary: '파기 대장 (destruction register: class, count, period, when, rule; admin)', response: { 200: DestructionList } },
    config: { admin: true },
  }, async () => ({ items: await listDestructions(store.db) }));
};
