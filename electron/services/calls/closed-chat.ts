import { randomUUID } from 'node:crypto';
import { type CallAction, CallLog, type Conversation, type Counsellor, type Field } from '../../../common/domain/index.js';
import { normaliseKoreanPhone } from '../../../common/phone/index.js';
import type { StoreTx } from '../store/index.js';
import { pendingCopies } from '../outbox/pending-store.js';
import * as repo from './repo.js';

/**
 * The consultation record (상담 기록) of a chat that is being closed. One chat has one kakao record:
 * closing it again after a reopen updates that record (new summary, cards sent since, duration),
 * never adds a second one. What happened in the chat goes in: the programme cards sent become
 * 연계 프로그램 and make 조치 default to 정보제공, and the citizen's number, when the desk knows it
 * (from the chat, or a phone record/draft linked to it), fills 전화번호.
 */
export interface ClosedChat {
  conversation: Conversation;
  counsellor: Counsellor;
  field: Field | null;
  summary: string;
  now: string;
}

interface DataRow { data: string }

/** Programme ids of the cards this chat sent (delivered or still on their way), in sending order. */
export async function programmeCardsSent(tx: StoreTx, conversationId: string): Promise<string[]> {
  const sent = await tx.all<DataRow & { created_at: string }>(
    "SELECT data, created_at FROM messages WHERE conversation_id = ? AND direction = 'outbound'",
    [conversationId],
  );
  const unconfirmed = await pendingCopies(tx, 'message', { conversationIds: [conversationId] });
  const rows = [...sent, ...unconfirmed].sort((a, b) => a.created_at.localeCompare(b.created_at));
  const ids: string[] = [];
  for (const r of rows) {
    const m = JSON.parse(r.data) as { kind?: unknown; programmeId?: unknown; direction?: unknown };
    if (m.kind === 'programme_card' && m.direction === 'outbound' && typeof m.programmeId === 'string' && !ids.includes(m.programmeId)) ids.push(m.programmeId);
  }
  return ids.slice(0, 20);
}

/** The citizen's number as far as the desk knows it: the chat's own, else a phone record or draft made from this chat. */
async function knownPhone(tx: StoreTx, c: Conversation): Promise<string | null> {
  const own = c.citizenPhone ? normaliseKoreanPhone(c.citizenPhone) : null;
  if (own) return own;
  for (const p of await pendingCopies(tx, 'callLog', { conversationIds: [c.id] })) {
    const phone = (JSON.parse(p.data) as { callerPhone?: string | null }).callerPhone;
    if (phone) return phone;
  }
  const linked = await tx.get<{ phone: string }>('SELECT caller_phone AS phone FROM call_logs WHERE conversation_id = ? AND caller_phone IS NOT NULL LIMIT 1', [c.id]);
  if (linked) return linked.phone;
  const draft = (await repo.listDrafts(tx)).find((d) => d.conversationId === c.id && d.callerPhone);
  return draft?.callerPhone ?? null;
}

/** The kakao record already made for this chat (by an earlier close), as this desk sees it. */
async function existingRecord(tx: StoreTx, conversationId: string) {
  const pending = await pendingCopies(tx, 'callLog', { conversationIds: [conversationId] });
  const replica = await tx.all<{ id: string }>("SELECT id FROM call_logs WHERE conversation_id = ? AND channel = 'kakao' ORDER BY started_at", [conversationId]);
  for (const { id } of [...pending, ...replica]) {
    const view = await repo.getView(tx, id);
    if (view && view.channel === 'kakao') return view;
  }
  return null;
}

/** Writes (creates or updates) the chat's record with its outbox request in the caller's transaction; returns its id. */
export async function writeClosedChatRecord(tx: StoreTx, a: ClosedChat): Promise<{ id: string; created: boolean }> {
  const c = a.conversation;
  const cards = await programmeCardsSent(tx, c.id);
  const phone = await knownPhone(tx, c);
  const durationSec = Math.max(0, Math.min(86_400, Math.round((Date.parse(a.now) - Date.parse(c.createdAt)) / 1000)));
  const defaultAction: CallAction | null = cards.length > 0 ? 'info' : null;
  const before = await existingRecord(tx, c.id);
  if (!before) {
    const id = randomUUID();
    const log = CallLog.parse({
      id, counsellorId: a.counsellor.id, createdAt: a.now, updatedAt: a.now, version: 0,
      conversationId: c.id, channel: 'kakao', startedAt: c.createdAt, durationSec,
      callerName: c.citizenName, callerPhone: phone, field: a.field, need: a.summary, programmeIds: cards, action: defaultAction,
    });
    const { id: _id, counsellorId: _c, createdAt: _ca, updatedAt: _u, version: _v, ...input } = log;
    await repo.enqueueCallLog(tx, log, new Date(a.now), { op: 'callLog.put', recordId: id, lane: id, idempotencyKey: id, baseVersion: null, counsellorId: a.counsellor.id, payload: input });
    return { id, created: true };
  }
  // What the counsellor wrote into the record since stays; the chat's new outcome is laid over it.
  const { localState: _s, localError: _e, ...prev } = before;
  const log = CallLog.parse({
    ...prev,
    updatedAt: a.now,
    durationSec,
    field: a.field ?? prev.field,
    need: a.summary.trim() ? a.summary : prev.need,
    callerName: prev.callerName ?? c.citizenName,
    callerPhone: prev.callerPhone ?? phone,
    programmeIds: [...new Set([...prev.programmeIds, ...cards])].slice(0, 20),
    action: prev.action ?? defaultAction,
  });
  const { id, counsellorId: _c, createdAt: _ca, updatedAt: _u, version, ...input } = log;
  const replica = await repo.getReplica(tx, id);
  await repo.enqueueCallLog(tx, { ...log, version: replica?.version ?? version }, new Date(a.now), {
    // An edit: its own key; If-Match on the version this desk has (a still-unsent create is rebased when it lands).
    op: 'callLog.put', recordId: id, lane: id, idempotencyKey: randomUUID(), baseVersion: replica ? replica.version : null,
    counsellorId: a.counsellor.id, payload: input,
  });
  return { id, created: false };
}
