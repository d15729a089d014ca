import type { Migration } from './migration.js';

/**
 * Everything the desktop keeps. Replica tables hold the server's record as JSON (`data`) plus
 * the columns the queries filter and sort on; they carry no foreign keys because the change feed
 * may deliver a message before its conversation after a reset.
 */
const SQL = `
CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  assignee_id TEXT,
  last_message_at TEXT,
  citizen_key TEXT NOT NULL,
  citizen_name TEXT,
  citizen_phone TEXT,
  unread_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX conversations_status ON conversations(status, last_message_at);
CREATE INDEX conversations_assignee ON conversations(assignee_id, status);
CREATE INDEX conversations_last_message ON conversations(last_message_at);
CREATE INDEX conversations_citizen_key ON conversations(citizen_key);
CREATE INDEX conversations_citizen_phone ON conversations(citizen_phone);

CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  conversation_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  direction TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX messages_conversation ON messages(conversation_id, created_at);

CREATE TABLE call_logs (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  version INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  caller_phone TEXT,
  counsellor_id TEXT NOT NULL,
  field TEXT,
  channel TEXT NOT NULL,
  action TEXT,
  callback_at TEXT,
  callback_done_at TEXT,
  conversation_id TEXT
);
CREATE INDEX call_logs_started ON call_logs(started_at);
CREATE INDEX call_logs_phone ON call_logs(caller_phone);
CREATE INDEX call_logs_counsellor ON call_logs(counsellor_id, started_at);
CREATE INDEX call_logs_field ON call_logs(field);
CREATE INDEX call_logs_channel ON call_logs(channel);
CREATE INDEX call_logs_action ON call_logs(action);
CREATE INDEX call_logs_callback ON call_logs(callback_at);
CREATE INDEX call_logs_conversation ON call_logs(conversation_id);

CREATE TABLE programmes (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  version INTEGER NOT NULL,
  field TEXT NOT NULL,
  name TEXT NOT NULL
);

CREATE TABLE canned_replies (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  version INTEGER NOT NULL
);

CREATE TABLE counsellors (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  username TEXT NOT NULL
);

CREATE TABLE cti_calls (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  version INTEGER NOT NULL,
  counsellor_id TEXT,
  caller_phone TEXT NOT NULL,
  ringing_at TEXT NOT NULL,
  missed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cti_calls_counsellor ON cti_calls(counsellor_id, missed, ringing_at);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Composer drafts per conversation ('reply', key = conversation id) and call-log form drafts
-- ('callLog', key = call-log id).
CREATE TABLE drafts (
  kind TEXT NOT NULL CHECK (kind IN ('reply', 'callLog')),
  key TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kind, key)
);

CREATE TABLE favourites (
  programme_id TEXT PRIMARY KEY,
  added_at TEXT NOT NULL
);

CREATE TABLE recents (
  programme_id TEXT PRIMARY KEY,
  used_at TEXT NOT NULL
);
CREATE INDEX recents_used ON recents(used_at);

-- Writes waiting for the server, in order. lane orders delivery per record (a conversation's
-- replies and status changes share one lane); idempotency_key is the client UUID of a create.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  op TEXT NOT NULL,
  record_id TEXT NOT NULL,
  lane TEXT NOT NULL,
  payload TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  base_version INTEGER,
  counsellor_id TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'failed', 'conflict')),
  last_error TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX outbox_lane ON outbox(lane, seq);
CREATE INDEX outbox_record ON outbox(record_id);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);

-- What the counsellor wrote but the server has not confirmed, shown at once ('sending'/'failed').
CREATE TABLE local_pending (
  entity TEXT NOT NULL CHECK (entity IN ('message', 'callLog', 'conversation')),
  id TEXT NOT NULL,
  conversation_id TEXT,
  data TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'sending' CHECK (state IN ('sending', 'failed')),
  error TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (entity, id)
);
CREATE INDEX local_pending_conversation ON local_pending(conversation_id);

CREATE TABLE conflicts (
  id TEXT PRIMARY KEY,
  entity TEXT NOT NULL CHECK (entity IN ('conversation', 'callLog')),
  record_id TEXT NOT NULL,
  outbox_seq INTEGER NOT NULL,
  mine TEXT NOT NULL,
  theirs TEXT NOT NULL,
  detected_at TEXT NOT NULL
);

-- One row: where the replica stands in the server's change feed, and whose feed it is.
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  server_url TEXT,
  counsellor_id TEXT,
  cursor TEXT NOT NULL DEFAULT '0',
  initial_done INTEGER NOT NULL DEFAULT 0,
  last_success_at TEXT,
  last_error TEXT
);
INSERT INTO sync_state (id) VALUES (1);

-- One row: the signed-in counsellor; token_enc is encrypted by the host's SecretStore.
CREATE TABLE session (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  server_url TEXT,
  counsellor TEXT,
  token_enc TEXT,
  expires_at TEXT,
  reason TEXT
);
INSERT INTO session (id) VALUES (1);
`;

export const m001Initial: Migration = {
  version: 1,
  name: 'initial',
  async up(tx) {
    await tx.exec(SQL);
  },
};
