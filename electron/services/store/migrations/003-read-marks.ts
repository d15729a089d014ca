import type { Migration } from './migration.js';

/**
 * Per-counsellor reading (issue 10): when each counsellor last read each conversation on this
 * desk. The server's unread count is the team's "needs answer" state, cleared only by the
 * assignee; what a counsellor who merely looked has read is theirs alone.
 *
 * Planned as desk migration 4; numbered 2 on this branch so that versions stay contiguous
 * (the lead renumbers at merge).
 */
export const m003ReadMarks: Migration = {
  version: 3,
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
