import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { STORE_FILE_NAME } from '../../../electron/services/create-desk-services.js';

/** Reads a desk's local store from the side (read-only; WAL lets it run beside the services). */
export function queryDeskDb<T>(dataDir: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(join(dataDir, STORE_FILE_NAME), sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      db.all(sql, params, (e: Error | null, rows: T[]) => db.close(() => (e ? reject(e) : resolve(rows))));
    });
  });
}

export function outboxSummary(desk: { dataDir: string }) {
  return queryDeskDb(desk.dataDir, 'SELECT op, state, last_error, min(attempts) AS attempts, count(*) AS n FROM outbox GROUP BY op, state, last_error');
}
