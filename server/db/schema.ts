import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them, identical on SQLite and PostgreSQL. Portable types only:
 * text ids, ISO-8601 UTC text timestamps (they sort as text), 0/1 integers for flags, and the
 * full domain record as JSON text in `data` beside the columns that are filtered on.
 * PostgreSQL returns bigint columns as strings, hence `number | string` for seq.
 */
export interface CounsellorsTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  active: number;
  password_hash: string;
  created_at: string;
  updated_at: string;
  /** 1 for an account created or reset by an admin until its owner sets a password (migration 005). */
  must_change_password: number;
  /** Consecutive failed logins since the last success. */
  failed_logins: number;
  locked_until: string | null;
  /** JSON array of previous password hashes, newest first. */
  password_history: string;
}

export interface AuthTokensTable {
  token_hash: string;
  counsellor_id: string;
  created_at: string;
  expires_at: string;
  /** Last request made with the token (idle expiry, migration 005); null until first use. */
  last_used_at: string | null;
}

export interface ChangesTable {
  seq: number | string;
  entity: string;
  record_id: string;
  data: string;
  created_at: string;
}

export interface ConversationsTable {
  id: string;
  citizen_key: string;
  status: string;
  assignee_id: string | null;
  /** heldUntil while status is held, else null (migration 002). */
  held_until: string | null;
  search_text: string;
  updated_at: string;
  created_at: string;
  version: number;
  data: string;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  direction: string;
  delivery: string | null;
  attempts: number;
  next_attempt_at: string | null;
  serial_number: string | null;
  created_at: string;
  data: string;
}

export interface ProgrammesTable {
  id: string;
  field: string;
  updated_at: string;
  version: number;
  data: string;
}

export interface CallLogsTable {
  id: string;
  counsellor_id: string;
  started_at: string;
  field: string | null;
  channel: string;
  action: string | null;
  caller_phone: string | null;
  search_text: string;
  updated_at: string;
  version: number;
  data: string;
}

export interface CallLogRevisionsTable {
  id: string;
  call_log_id: string;
  version: number;
  counsellor_id: string;
  changed_at: string;
  changes: string;
}

export interface CannedRepliesTable {
  id: string;
  updated_at: string;
  version: number;
  data: string;
}

export interface CtiCallsTable {
  call_id: string;
  counsellor_id: string | null;
  missed: number;
  ringing_at: string;
  version: number;
  data: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  counsellor_id: string | null;
  action: string;
  entity: string;
  record_id: string;
  summary: string;
}

export interface IdempotencyKeysTable {
  key: string;
  route: string;
  counsellor_id: string;
  body_hash: string;
  state: string;
  status_code: number | null;
  response_body: string | null;
  created_at: string;
}

export interface InboundEventsTable {
  serial_number: string;
  conversation_id: string;
  message_id: string | null;
  received_at: string;
}

/** 접속기록: one processing of personal data; a hash chain in seq order (migration 005). */
export interface AccessLogTable {
  seq: number | string;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  ip: string | null;
  desk_id: string | null;
  action: string;
  entity: string;
  record_id: string | null;
  subject_hash: string | null;
  subject_display: string | null;
  reason: string | null;
  rows: number | null;
  prev_hash: string;
  hash: string;
}

export interface AccessLogReviewsTable {
  id: string;
  period: string;
  note: string;
  reviewer_id: string;
  reviewer_name: string;
  entries: number;
  chain_ok: number;
  created_at: string;
}

export interface ServerSecretsTable {
  name: string;
  value: string;
}

/** 파기 대장: one run of one retention rule. */
export interface DestructionsTable {
  id: string;
  at: string;
  class: string;
  count: number;
  period_from: string | null;
  period_to: string;
  rule: string;
}

export interface Database {
  counsellors: CounsellorsTable;
  auth_tokens: AuthTokensTable;
  changes: ChangesTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  programmes: ProgrammesTable;
  call_logs: CallLogsTable;
  call_log_revisions: CallLogRevisionsTable;
  canned_replies: CannedRepliesTable;
  cti_calls: CtiCallsTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  inbound_events: InboundEventsTable;
  access_log: AccessLogTable;
  access_log_reviews: AccessLogReviewsTable;
  server_secrets: ServerSecretsTable;
  destructions: DestructionsTable;
}

/** Tables the write-free checks (fuzz test) count. */
export const ALL_TABLES = [
  'counsellors', 'auth_tokens', 'changes', 'conversations', 'messages', 'programmes', 'call_logs',
  'call_log_revisions', 'canned_replies', 'cti_calls', 'audit_log', 'idempotency_keys', 'inbound_events',
  'access_log', 'access_log_reviews', 'server_secrets', 'destructions',
] as const satisfies readonly (keyof Database)[];

export type { Generated };
