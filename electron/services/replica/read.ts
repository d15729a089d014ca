import type { z } from 'zod';
import {
  CallLog, CannedReply, Conversation, Counsellor, CtiCall, Message, Programme,
} from '../../../common/domain/index.js';
import type { StoreTx } from '../store/index.js';

/** Parses the JSON of replica rows; a row that no longer matches the schema is skipped, not fatal. */
export function parseRows<S extends z.ZodType>(schema: S, rows: readonly { data: string }[]): z.output<S>[] {
  const out: z.output<S>[] = [];
  for (const r of rows) {
    try {
      const parsed = schema.safeParse(JSON.parse(r.data));
      if (parsed.success) out.push(parsed.data);
    } catch {
      // Unreadable JSON in a replica row: the next full sync replaces it.
    }
  }
  return out;
}

export async function readConversation(db: StoreTx, id: string): Promise<Conversation | null> {
  const row = await db.get<{ data: string }>('SELECT data FROM conversations WHERE id = ?', [id]);
  return row ? (parseRows(Conversation, [row])[0] ?? null) : null;
}

export async function readCallLog(db: StoreTx, id: string): Promise<CallLog | null> {
  const row = await db.get<{ data: string }>('SELECT data FROM call_logs WHERE id = ?', [id]);
  return row ? (parseRows(CallLog, [row])[0] ?? null) : null;
}

export async function readMessages(db: StoreTx, conversationId: string): Promise<Message[]> {
  return parseRows(Message, await db.all<{ data: string }>('SELECT data FROM messages WHERE conversation_id = ? ORDER BY created_at, id', [conversationId]));
}

export async function readProgrammes(db: StoreTx): Promise<Programme[]> {
  return parseRows(Programme, await db.all<{ data: string }>('SELECT data FROM programmes'));
}

export async function readProgramme(db: StoreTx, id: string): Promise<Programme | null> {
  const row = await db.get<{ data: string }>('SELECT data FROM programmes WHERE id = ?', [id]);
  return row ? (parseRows(Programme, [row])[0] ?? null) : null;
}

export async function readCannedReplies(db: StoreTx): Promise<CannedReply[]> {
  const replies = parseRows(CannedReply, await db.all<{ data: string }>('SELECT data FROM canned_replies'));
  return replies.sort((a, b) => a.title.localeCompare(b.title, 'ko'));
}

export async function readCounsellors(db: StoreTx): Promise<Counsellor[]> {
  const list = parseRows(Counsellor, await db.all<{ data: string }>('SELECT data FROM counsellors'));
  return list.sort((a, b) => a.displayName.localeCompare(b.displayName, 'ko'));
}

export async function readCtiCall(db: StoreTx, id: string): Promise<CtiCall | null> {
  const row = await db.get<{ data: string }>('SELECT data FROM cti_calls WHERE id = ?', [id]);
  return row ? (parseRows(CtiCall, [row])[0] ?? null) : null;
}
