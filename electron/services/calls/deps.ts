import type { Counsellor } from '../../../common/domain/index.js';
import type { CallLogRevision } from '../../../common/domain/index.js';
import type { DeskEventSink } from '../../../common/desk-api/index.js';
import type { WindowControl } from '../host.js';

/** The replica's promise API as the calls services use it (sqlite3 underneath). */
export interface CallsDb {
  run(sql: string, params?: unknown[]): Promise<{ changes: number }>;
  get<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T | undefined>;
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` in one transaction on the single connection. */
  transaction<T>(fn: (db: CallsDb) => Promise<T>): Promise<T>;
}

/** One request for the outbox: delivered in order per record, retried with backoff. */
export interface CallLogOutboxItem {
  method: 'PUT';
  path: string;
  body: unknown;
  idempotencyKey: string;
  ifMatch: number | null;
  recordId: string;
}

export interface CallsDeps {
  db: CallsDb;
  /** Adds a request to the outbox inside the caller's transaction (so the write and its delivery commit together). */
  enqueue(item: CallLogOutboxItem, tx: CallsDb): Promise<void>;
  /** The signed-in counsellor, or null when signed out. */
  counsellor(): Counsellor | null;
  now(): Date;
  emit: DeskEventSink['emit'];
  notify: WindowControl['notify'];
  /** GET /call-logs/{id}/history when online; null when the server cannot be reached. */
  fetchRevisions?(id: string): Promise<CallLogRevision[] | null>;
}
