import { type Kysely } from 'kysely';

/**
 * 구독 소식 (issue 14): topics, subscribers and their consent ledger, the KakaoTalk consent
 * dialog, notices (broadcasts) and their recipients. Each recipient's delivery is an item of
 * outbound_work (migration 004, kind 'broadcast'), claimed with a lease so that several server
 * instances send it once.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('subscription_topics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('subscribers')
    .addColumn('citizen_key', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('dongs', 'text', (c) => c.notNull())
    .addColumn('life_stages', 'text', (c) => c.notNull())
    .addColumn('consented_at', 'text')
    .addColumn('reconfirm_due_at', 'text')
    .addColumn('reconfirm_asked_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subscribers_reconfirm').on('subscribers').columns(['status', 'reconfirm_due_at']).execute();

  // One row per (citizen, topic) of an active subscription: the audience query of a notice.
  await db.schema
    .createTable('subscriber_topics')
    .addColumn('topic_id', 'text', (c) => c.notNull())
    .addColumn('citizen_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscriber_topics_pk', ['topic_id', 'citizen_key'])
    .execute();
  await db.schema.createIndex('subscriber_topics_citizen').on('subscriber_topics').columns(['citizen_key']).execute();

  await db.schema
    .createTable('consent_ledger')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('citizen_key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consent_ledger_citizen').on('consent_ledger').columns(['citizen_key', 'at']).execute();

  // The KakaoTalk consent dialog in progress (topic choice, then an explicit yes).
  await db.schema
    .createTable('subscription_dialogs')
    .addColumn('citizen_key', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Webhook events the channel has answered itself (a redelivery is answered once).
  await db.schema
    .createTable('subscription_inbound')
    .addColumn('serial_number', 'text', (c) => c.primaryKey())
    .addColumn('handled_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('broadcasts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('scheduled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('broadcasts_status').on('broadcasts').columns(['status', 'scheduled_at']).execute();

  await db.schema
    .createTable('broadcast_recipients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('broadcast_id', 'text', (c) => c.notNull().references('broadcasts.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('citizen_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // 1 while its outbound_work item is pending: items are fed in small windows while the
    // notice is sending, so that a paused or night-held notice never holds a citizen's replies back.
    .addColumn('queued', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('broadcast_recipients_once', ['broadcast_id', 'citizen_key'])
    .execute();
  await db.schema.createIndex('broadcast_recipients_due').on('broadcast_recipients').columns(['broadcast_id', 'status', 'queued', 'seq']).execute();
  await db.schema.createIndex('broadcast_recipients_citizen').on('broadcast_recipients').columns(['citizen_key', 'sent_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['broadcast_recipients', 'broadcasts', 'subscription_inbound', 'subscription_dialogs', 'consent_ledger', 'subscriber_topics', 'subscribers', 'subscription_topics']) {
    await db.schema.dropTable(t).execute();
  }
}
