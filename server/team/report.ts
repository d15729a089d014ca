import type { Kysely, Transaction } from 'kysely';
import { Conversation, CtiCall, Message } from '../../common/domain/index.js';
import type { SlaConversation } from '../../common/team/service-levels.js';
import { parseStored } from '../db/json.js';
import type { Database } from '../db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

/** What the service-level report of [from, to) is computed from (common/team/service-levels.ts). */
export interface ServiceLevelInputs {
  conversations: SlaConversation[];
  messages: Message[];
  calls: CtiCall[];
}

/** Reads the conversations active in [fromIso, toIso), their citizen and counsellor messages, and the calls that rang. */
export async function serviceLevelInputs(q: Q, fromIso: string, toIso: string): Promise<ServiceLevelInputs> {
  // A first response may answer a message from before `from`; a week of slack covers long waits.
  const lookback = new Date(Date.parse(fromIso) - 7 * 86_400_000).toISOString();
  const conversationRows = await q
    .selectFrom('conversations')
    .select('data')
    .where('updated_at', '>=', fromIso)
    .where('created_at', '<', toIso)
    .execute();
  const conversations = conversationRows.map((r) => parseStored(Conversation, r.data, 'conversations'));
  const ids = conversations.map((c) => c.id);
  const messages: Message[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await q
      .selectFrom('messages')
      .select('data')
      .where('conversation_id', 'in', ids.slice(i, i + 500))
      .where('direction', 'in', ['inbound', 'outbound'])
      .where('created_at', '>=', lookback)
      .execute();
    messages.push(...rows.map((r) => parseStored(Message, r.data, 'messages')));
  }
  const callRows = await q.selectFrom('cti_calls').select('data').where('ringing_at', '>=', fromIso).where('ringing_at', '<', toIso).execute();
  return {
    conversations: conversations.map((c) => ({ id: c.id, assigneeId: c.assigneeId, createdAt: c.createdAt, closedAt: c.closedAt, satisfaction: c.satisfaction ?? null })),
    messages,
    calls: callRows.map((r) => parseStored(CtiCall, r.data, 'cti_calls')),
  };
}
