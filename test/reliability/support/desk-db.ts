import { queryReplica, type DeskFixture } from '../../electron/services/fixtures.js';

/** Reads a desk's encrypted replica from the side (with the counsellor's password; WAL lets it run beside the services). */
export function queryDeskDb<T>(desk: Pick<DeskFixture, 'dataDir' | 'credentials'>, sql: string, params: unknown[] = []): Promise<T[]> {
  return queryReplica<T>(desk, sql, params);
}

export function outboxSummary(desk: Pick<DeskFixture, 'dataDir' | 'credentials'>) {
  return queryDeskDb(desk, 'SELECT op, state, last_error, min(attempts) AS attempts, count(*) AS n FROM outbox GROUP BY op, state, last_error');
}
