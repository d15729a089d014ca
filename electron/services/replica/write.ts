import type {
  CallLog, CannedReply, Conversation, Counsellor, CtiCall, Message, Programme,
} from '../../../common/domain/index.js';
import type { StoreTx } from '../store/index.js';

/**
 * Upserts of server records into the replica tables. A versioned record only replaces an equal
 * or older copy, so a late page of the feed cannot undo what a write's response already stored.
 */

export async function putConversation(tx: StoreTx, c: Conversation): Promise<void> {
  await tx.run(
    `INSERT INTO conversations (id, data, version, status, assignee_id, last_message_at, citizen_key, citizen_name, citizen_phone, unread_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET data = excluded.data, version = excluded.version, status = excluded.status,
       assignee_id = excluded.assignee_id, last_message_at = excluded.last_message_at, citizen_key = excluded.citizen_key,
       citizen_name = excluded.citizen_name, citizen_phone = excluded.citizen_phone, unread_count = excluded.unread_count
     WHERE excluded.version >= conversations.version`,
    [c.id, JSON.stringify(c), c.version, c.status, c.assigneeId, c.lastMessageAt, c.citizenKey, c.citizenName, c.citizenPhone, c.unreadCount],
  );
}

/** Messages are append-only apart from delivery fields, so the newest copy always wins. */
export async function putMessage(tx: StoreTx, m: Message): Promise<void> {
  await tx.run(
    `INSERT INTO messages (id, data, conversation_id, created_at, direction, body) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET data = excluded.data, conversation_id = excluded.conversation_id,
       created_at = excluded.created_at, direction = excluded.direction, body = excluded.body`,
    [m.id, JSON.stringify(m), m.conversationId, m.createdAt, m.direction, m.body],
  );
}

export async function putCallLog(tx: StoreTx, l: CallLog): Promise<void> {
  await tx.run(
    `INSERT INTO call_logs (id, data, version, started_at, caller_phone, counsellor_id, field, channel, action, callback_at, callback_done_at, conversation_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET data = excluded.data, version = excluded.version, started_at = excluded.started_at,
       caller_phone = excluded.caller_phone, counsellor_id = excluded.counsellor_id, field = excluded.field,
       channel = excluded.channel, action = excluded.action, callback_at = excluded.callback_at,
       callback_done_at = excluded.callback_done_at, conversation_id = excluded.conversation_id
     WHERE excluded.version >= call_logs.version`,
    [l.id, JSON.stringify(l), l.version, l.startedAt, l.callerPhone, l.counsellorId, l.field, l.channel, l.action, l.callbackAt, l.callbackDoneAt, l.conversationId],
  );
}

export async function putProgramme(tx: StoreTx, p: Programme): Promise<void> {
  await tx.run(
    `INSERT INTO programmes (id, data, version, field, name) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET data = excluded.data, version = excluded.version, field = excluded.field, name = excluded.name
     WHERE excluded.version >= programmes.version`,
    [p.id, JSON.stringify(p), p.version, p.field, p.name],
  );
}

export async function putCannedReply(tx: StoreTx, id: string, r: CannedReply | null): Promise<void> {
  if (!r) {
    await tx.run('DELETE FROM canned_replies WHERE id = ?', [id]);
    return;
  }
  await tx.run(
    `INSERT INTO canned_replies (id, data, version) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET data = excluded.data, version = excluded.version WHERE excluded.version >= canned_replies.version`,
    [r.id, JSON.stringify(r), r.version],
  );
}

export async function putCounsellor(tx: StoreTx, c: Counsellor): Promise<void> {
  await tx.run(
    `INSERT INTO counsellors (id, data, username) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET data = excluded.data, username = excluded.username`,
    [c.id, JSON.stringify(c), c.username],
  );
}

export async function putCtiCall(tx: StoreTx, c: CtiCall): Promise<void> {
  await tx.run(
    `INSERT INTO cti_calls (id, data, version, counsellor_id, caller_phone, ringing_at, missed) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET data = excluded.data, version = excluded.version, counsellor_id = excluded.counsellor_id,
       caller_phone = excluded.caller_phone, ringing_at = excluded.ringing_at, missed = excluded.missed
     WHERE excluded.version >= cti_calls.version`,
    [c.callId, JSON.stringify(c), c.version, c.counsellorId, c.from, c.ringingAt, c.missed ? 1 : 0],
  );
}

export const REPLICA_TABLES = ['conversations', 'messages', 'call_logs', 'programmes', 'canned_replies', 'counsellors', 'cti_calls'] as const;

/** Empties the replica (another counsellor or server signed in); outbox, drafts and settings stay. */
export async function clearReplica(tx: StoreTx): Promise<void> {
  for (const t of REPLICA_TABLES) await tx.run(`DELETE FROM ${t}`);
  await tx.run("UPDATE sync_state SET cursor = '0', initial_done = 0, last_error = NULL WHERE id = 1");
}
