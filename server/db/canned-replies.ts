import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { CannedReply } from '../../common/domain/index.js';
import type { CannedReplyInput } from '../../common/rest/contract.js';
import { parseStored, toJson } from './json.js';
import type { Database } from './schema.js';
import type { WriteTx } from './store.js';

type Q = Kysely<Database> | Transaction<Database>;

/** Every canned reply, in Korean title order (the desk's picker order). */
export async function listCannedReplies(q: Q): Promise<CannedReply[]> {
  const rows = await q.selectFrom('canned_replies').select(['id', 'data']).orderBy('id').execute();
  return rows.map((r) => parseStored(CannedReply, r.data, 'canned_replies', r.id)).sort((a, b) => a.title.localeCompare(b.title, 'ko'));
}

export async function getCannedReply(q: Q, id: string): Promise<CannedReply | null> {
  const row = await q.selectFrom('canned_replies').select('data').where('id', '=', id).executeTakeFirst();
  return row ? parseStored(CannedReply, row.data, 'canned_replies', id) : null;
}

export async function insertCannedReply(tx: WriteTx, id: string, input: z.infer<typeof CannedReplyInput>): Promise<CannedReply> {
  const reply: CannedReply = { id, ...input, updatedAt: tx.now, version: 1 };
  await tx.trx.insertInto('canned_replies').values({ id, updated_at: tx.now, version: 1, data: toJson(reply) }).execute();
  await tx.change('cannedReply', id, reply);
  await tx.audit('create', 'cannedReply', id, reply.title);
  return reply;
}

/** Rewrites a canned reply with the input, one version on; with its feed entry and audit line. */
export async function updateCannedReply(tx: WriteTx, previous: CannedReply, input: z.infer<typeof CannedReplyInput>): Promise<CannedReply> {
  const next: CannedReply = { ...previous, ...input, updatedAt: tx.now, version: previous.version + 1 };
  await tx.trx
    .updateTable('canned_replies')
    .set({ updated_at: tx.now, version: next.version, data: toJson(next) })
    .where('id', '=', next.id)
    .execute();
  await tx.change('cannedReply', next.id, next);
  await tx.audit('update', 'cannedReply', next.id, next.title);
  return next;
}

export async function deleteCannedReply(tx: WriteTx, previous: CannedReply): Promise<void> {
  await tx.trx.deleteFrom('canned_replies').where('id', '=', previous.id).execute();
  // The feed says "gone" with data null.
  await tx.change('cannedReply', previous.id, null);
  await tx.audit('delete', 'cannedReply', previous.id, previous.title);
}
