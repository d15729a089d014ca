import type { Migration } from './migration.js';

/**
 * Per-counsellor reading (issue 10): when each counsellor last read each conversation on this
 * desk. The server's unread count is the team's "needs answer" state, cleared only by the
 * assignee; what a counsellor who merely looked has read is theirs alone.
 *
 * Version 2 as released on main (before the encrypted replica): a plain desk.sqlite at version 2
 * is adopted into the encrypted file as it is and only gains the access events (version 3).
 */
export const m002ReadMarks: Migration = {
  version: 2,
  name: 'read-marks',
  async up(tx) {
    await tx.exec(`
CREATE TABLE read_marks (
  counsellor_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  read_at TEXT NOT NULL,
  PRIMARY KEY (counsellor_id, conversation_id)
);`);
  },
};
