import type { Migration } from './migration.js';

/**
 * The inbox list is cut in SQL (issue 17): what it orders on becomes columns of `conversations`,
 * generated from the row's JSON (so every writer, and every test that inserts a row by hand,
 * keeps them right), with indexes in the order of each sort, so that the first page of 10,000
 * conversations reads the index, not every row's JSON.
 */
export const m004InboxOrder: Migration = {
  version: 4,
  name: 'inbox-order',
  async up(tx) {
    await tx.exec(`
ALTER TABLE conversations ADD COLUMN crisis INTEGER GENERATED ALWAYS AS (coalesce(json_type(data, '$.crisis'), 'null') <> 'null') VIRTUAL;
ALTER TABLE conversations ADD COLUMN waiting_since TEXT GENERATED ALWAYS AS (json_extract(data, '$.waitingSince')) VIRTUAL;
ALTER TABLE conversations ADD COLUMN at TEXT GENERATED ALWAYS AS (coalesce(last_message_at, json_extract(data, '$.createdAt'))) VIRTUAL;
CREATE INDEX conversations_recent ON conversations(crisis DESC, at DESC, id);
CREATE INDEX conversations_waiting ON conversations(waiting_since IS NULL, coalesce(waiting_since, at), id);`);
  },
};
