import type { CallLog, CallLogRevision } from '../../../common/domain/index.js';

/** Fields that are bookkeeping, not something a counsellor changed. */
const IGNORED = new Set(['updatedAt', 'version', 'createdAt', 'localState', 'localError']);

/** What changed between two versions of a record, field by field. */
export function diffCallLogs(before: CallLog | null, after: CallLog): CallLogRevision['changes'] {
  const changes: CallLogRevision['changes'] = {};
  for (const [k, to] of Object.entries(after)) {
    if (IGNORED.has(k)) continue;
    const from = before ? (before as Record<string, unknown>)[k] : null;
    if (JSON.stringify(from ?? null) !== JSON.stringify(to ?? null)) changes[k] = { from: from ?? null, to };
  }
  return changes;
}

/** The local history when the server cannot be asked: the unconfirmed edit on top of the replica's version. */
export function localRevisions(replica: CallLog | null, pending: CallLog | null): CallLogRevision[] {
  const revisions: CallLogRevision[] = [];
  if (replica) {
    revisions.push({
      callLogId: replica.id,
      version: replica.version,
      counsellorId: replica.counsellorId,
      changedAt: replica.updatedAt,
      changes: replica.version <= 1 ? diffCallLogs(null, replica) : {},
    });
  }
  if (pending) {
    revisions.push({
      callLogId: pending.id,
      version: (replica?.version ?? 0) + 1,
      counsellorId: pending.counsellorId,
      changedAt: pending.updatedAt,
      changes: diffCallLogs(replica, pending),
    });
  }
  return revisions;
}
