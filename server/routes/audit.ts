import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Instant, Uuid } from '../../common/domain/index.js';
import { listAuditLog } from '../db/audit-log.js';
import type { ServerDeps } from '../deps.js';

const AuditEntry = z.object({
  id: z.string(),
  at: Instant,
  counsellorId: Uuid.nullable(),
  action: z.string(),
  entity: z.string(),
  recordId: z.string(),
  summary: z.string(),
});

export const auditRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, { store }) => {
  app.get('/audit-log', {
    schema: {
      tags: ['admin'],
      summary: '감사 기록 (audit log of every write, newest first; admin)',
      querystring: z.object({
        entity: z.string().max(32).optional(),
        recordId: z.string().max(128).optional(),
        before: Instant.optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: z.object({ items: z.array(AuditEntry) }) },
    },
    config: { admin: true },
  }, async (request) => {
    const { entity, recordId, before, limit } = request.query;
    const items = await listAuditLog(store.db, { entity, recordId, before: before ? new Date(before).toISOString() : undefined }, limit);
    return { items };
  });
};
