import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Outbound work (replies, automatic notices, broadcasts) claimed in the database with a lease, so
 * that several server instances never send one item twice and a citizen's items go in order
 * (server/delivery/outbound-claims.ts). `ord` is the queue order: a sequence on PostgreSQL, the
 * rowid on SQLite. Replies still pending from before this step are queued in message order.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('outbound_work')
    .addColumn('ord', isPostgres ? 'bigserial' : 'integer', (c) => (isPostgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('order_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('claim_token', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The claim's "an earlier item of this citizen is not settled yet" probe, and its due scan.
  await db.schema.createIndex('outbound_work_order').on('outbound_work').columns(['order_key', 'status', 'ord']).execute();
  await db.schema.createIndex('outbound_work_due').on('outbound_work').columns(['status', 'ord']).execute();

  const pending = (await db
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .select(['messages.id as id', 'messages.attempts as attempts', 'messages.next_attempt_at as next', 'messages.created_at as at', 'conversations.citizen_key as key'])
    .where('messages.delivery', '=', 'pending')
    .orderBy('messages.created_at')
    .orderBy('messages.id')
    .execute()) as { id: string; attempts: number; next: string | null; at: string; key: string }[];
  const now = new Date().toISOString();
  for (const m of pending) {
    await db
      .insertInto('outbound_work')
      .values({
        id: m.id, kind: 'reply', ref_id: m.id, order_key: m.key, status: 'pending', attempts: m.attempts,
        next_attempt_at: m.next, claimed_until: null, claim_token: null, last_error: null, created_at: m.at, updated_at: now,
      })
      .execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbound_work').ifExists().execute();
}
