import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

type Q = Kysely<Database> | Transaction<Database>;

/** One row of the audit log, as the admin route shows it. */
export interface AuditEntry {
  id: string;
  at: string;
  counsellorId: string | null;
  action: string;
  entity: string;
  recordId: string;
  summary: string;
}

export interface AuditFilter {
  entity?: string | undefined;
  recordId?: string | undefined;
  /** ISO instant: only entries written before it. */
  before?: string | undefined;
}

/** The audit log, newest first. */
export async function listAuditLog(q: Q, filter: AuditFilter, limit: number): Promise<AuditEntry[]> {
  let query = q.selectFrom('audit_log').selectAll();
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.recordId) query = query.where('record_id', '=', filter.recordId);
  if (filter.before) query = query.where('at', '<', filter.before);
  const rows = await query.orderBy('at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id, at: r.at, counsellorId: r.counsellor_id, action: r.action, entity: r.entity, recordId: r.record_id, summary: r.summary,
  }));
}
