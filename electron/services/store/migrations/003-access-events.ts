import type { Migration } from './migration.js';

/**
 * Reads of citizens' data served from the replica (개인정보 접근기록). Each event is kept here
 * and queued in the outbox (op 'accessLog.post', idempotency key = event id), so an offline
 * desk loses none and a retry duplicates none (the server dedupes by id).
 */
const SQL = `
CREATE TABLE access_events (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  counsellor_id TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  record_id TEXT,
  subject TEXT,
  reason TEXT,
  rows INTEGER,
  sent_at TEXT
);
CREATE INDEX access_events_at ON access_events(at);
`;

export const m003AccessEvents: Migration = {
  version: 3,
  name: 'access-events',
  async up(tx) {
    await tx.exec(SQL);
  },
};
