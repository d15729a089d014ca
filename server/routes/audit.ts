import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Instant, Uuid } from '../../common/domain/index.js';
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
    let q = store.db.selectFrom('audit_log').selectAll();
    if (entity) q = q.where('entity', '=', entity);
    if (recordId) q = q.where('record_id', '=', recordId);
    if (before) q = q.where('at', '<', new Date(before).toISOString());
    const rows = await q.orderBy('at', 'desc').orderBy('id').limit(limit).execute();
    return {
      items: rows.map((r) => ({
        id: r.id, at: r.at, counsellorId: r.counsellor_id, action: r.action, entity: r.entity, recordId: r.record_id, summary: r.summary,
      })),
    };
  });
};
