import type { z } from 'zod';
import type { CannedReply } from '../../common/domain/index.js';
import type { CannedReplyInput } from '../../common/rest/contract.js';
import { toJson } from './json.js';
import type { WriteTx } from './store.js';

export async function insertCannedReply(tx: WriteTx, id: string, input: z.infer<typeof CannedReplyInput>): Promise<CannedReply> {
  const reply: CannedReply = { id, ...input, updatedAt: tx.now, version: 1 };
  await tx.trx.insertInto('canned_replies').values({ id, updated_at: tx.now, version: 1, data: toJson(reply) }).execute();
  await tx.change('cannedReply', id, reply);
  await tx.audit('create', 'cannedReply', id, reply.title);
  return reply;
}

