import type { Change, Conversation, CtiCall, Message } from '../../../common/domain/index.js';
import { readConversation } from './read.js';
import { anyPendingMessage, confirmMessage } from '../outbox/pending-store.js';
import type { StoreTx } from '../store/index.js';
import {
  putCallLog, putCannedReply, putConversation, putCounsellor, putCtiCall, putMessage, putProgramme,
} from './write.js';

/** What a batch of changes touched, for the DeskApi events sent after the commit. */
export interface AppliedEffects {
  conversationIds: Set<string>;
  inboxEntities: Set<string>;
  programmes: Map<string, Change & { entity: 'programme' }>;
  callLogIds: Set<string>;
  ctiCalls: CtiCall[];
  /** Citizen messages this replica had not seen before. */
  newInbound: Message[];
  /** Conversations whose assignee changed to someone (not the first sync): who may need telling. */
  assignments: { conversationId: string; assigneeId: string }[];
  /** Conversations whose crisis signal is new to this replica (raised, or another message raised it). */
  newCrisis: Conversation[];
  counsellorsChanged: boolean;
  cannedChanged: boolean;
}

export function emptyEffects(): AppliedEffects {
  return {
    conversationIds: new Set(), inboxEntities: new Set(), programmes: new Map(), callLogIds: new Set(), ctiCalls: [],
    newInbound: [], assignments: [], newCrisis: [], counsellorsChanged: false, cannedChanged: false,
  };
}

/**
 * Applies feed entries inside the caller's transaction. `detectNew` looks up each citizen
 * message first (for notifications); the first sync skips it, as it notifies nothing.
 */
export async function applyChanges(
  tx: StoreTx,
  changes: readonly Change[],
  fx: AppliedEffects = emptyEffects(),
  opts: { detectNew?: boolean } = {},
): Promise<AppliedEffects> {
  const detectNew = opts.detectNew ?? true;
  const pendingMessages = await anyPendingMessage(tx);
  for (const ch of changes) {
    switch (ch.entity) {
      case 'conversation':
        // null: destroyed at the end of its retention period on the server; so here too.
        if (ch.data === null) {
          await tx.run('DELETE FROM conversations WHERE id = ?', [ch.id]);
        } else {
          if (detectNew && (ch.data.assigneeId !== null || ch.data.crisis)) {
            // What this replica knew before: a new assignee may need telling, a new crisis signal must.
            const before = await readConversation(tx, ch.id);
            if (ch.data.assigneeId !== null && before?.assigneeId !== ch.data.assigneeId) {
              fx.assignments.push({ conversationId: ch.id, assigneeId: ch.data.assigneeId });
            }
            if (ch.data.crisis && before?.crisis?.messageId !== ch.data.crisis.messageId) fx.newCrisis.push(ch.data);
          }
          await putConversation(tx, ch.data);
        }
        fx.conversationIds.add(ch.id);
        fx.inboxEntities.add('conversation');
        break;
      case 'message': {
        if (ch.data === null) {
          await tx.run('DELETE FROM messages WHERE id = ?', [ch.id]);
          fx.inboxEntities.add('message');
          break;
        }
        if (detectNew && ch.data.direction === 'inbound') {
          const seen = await tx.get('SELECT 1 AS x FROM messages WHERE id = ?', [ch.data.id]);
          if (!seen) fx.newInbound.push(ch.data);
        }
        await putMessage(tx, ch.data);
        // The server now holds it: the local 'sending' copy has done its job.
        if (pendingMessages) await confirmMessage(tx, ch.data.id);
        fx.conversationIds.add(ch.data.conversationId);
        fx.inboxEntities.add('message');
        break;
      }
      case 'callLog':
        if (ch.data === null) {
          await tx.run('DELETE FROM call_logs WHERE id = ?', [ch.id]);
          fx.callLogIds.add(ch.id);
          break;
        }
        await putCallLog(tx, ch.data);
        fx.callLogIds.add(ch.id);
        if (ch.data.conversationId) fx.conversationIds.add(ch.data.conversationId);
        break;
      case 'programme':
        await putProgramme(tx, ch.data);
        fx.programmes.set(ch.id, ch);
        break;
      case 'cannedReply':
        await putCannedReply(tx, ch.id, ch.data);
        fx.cannedChanged = true;
        fx.inboxEntities.add('cannedReply');
        break;
      case 'counsellor':
        await putCounsellor(tx, ch.data);
        fx.counsellorsChanged = true;
        fx.inboxEntities.add('counsellor');
        break;
      case 'ctiCall':
        await putCtiCall(tx, ch.data);
        fx.ctiCalls.push(ch.data);
        break;
    }
  }
  return fx;
}
