import { z } from 'zod';
import { CallLog, CtiCall } from './call-log.js';
import { CannedReply, Conversation, Message } from './conversation.js';
import { Counsellor } from './counsellor.js';
import { Programme } from './programme.js';

/**
 * One entry of the change feed. `seq` is server-assigned, gap-free and increasing; the feed
 * carries the whole record so that a replica can apply it without another request.
 */
const base = { seq: z.number().int().positive() };
export const Change = z.discriminatedUnion('entity', [
  // null: destroyed at the end of its retention period (파기); a replica removes it.
  z.object({ ...base, entity: z.literal('conversation'), id: z.string(), data: Conversation.nullable() }),
  z.object({ ...base, entity: z.literal('message'), id: z.string(), data: Message.nullable() }),
  z.object({ ...base, entity: z.literal('callLog'), id: z.string(), data: CallLog.nullable() }),
  z.object({ ...base, entity: z.literal('programme'), id: z.string(), data: Programme }),
  z.object({ ...base, entity: z.literal('cannedReply'), id: z.string(), data: CannedReply.nullable() }),
  z.object({ ...base, entity: z.literal('counsellor'), id: z.string(), data: Counsellor }),
  z.object({ ...base, entity: z.literal('ctiCall'), id: z.string(), data: CtiCall }),
]);
export type Change = z.infer<typeof Change>;
export type ChangeEntity = Change['entity'];
export const CHANGE_ENTITIES = [
  'conversation', 'message', 'callLog', 'programme', 'cannedReply', 'counsellor', 'ctiCall',
] as const satisfies readonly ChangeEntity[];
