import { randomBytes } from 'node:crypto';
import { type Kysely } from 'kysely';

/**
 * 개인정보 안전성 확보조치 (issue 12): the access log (a hash chain, append-only), its monthly
 * reviews, account safeguards (lockout, forced password change, password history, idle expiry),
 * the destruction register (파기 대장), and the server's secret that keys the citizen hashes in
 * the access log (generated here once, so every server instance on this database shares it).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_log')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('ip', 'text')
    .addColumn('desk_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text')
    .addColumn('subject_hash', 'text')
    .addColumn('subject_display', 'text')
    .addColumn('reason', 'text')
    .addColumn('rows', 'integer')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_log_at').on('access_log').columns(['at']).execute();
  await db.schema.createIndex('access_log_actor').on('access_log').columns(['actor_id', 'seq']).execute();
  await db.schema.createIndex('access_log_subject').on('access_log').columns(['subject_hash', 'seq']).execute();
  await db.schema.createIndex('access_log_record').on('access_log').columns(['record_id', 'seq']).execute();

  await db.schema
    .createTable('access_log_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('reviewer_id', 'text', (c) => c.notNull())
    .addColumn('reviewer_name', 'text', (c) => c.notNull())
    .addColumn('entries', 'integer', (c) => c.notNull())
    .addColumn('chain_ok', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('server_secrets').values({ name: 'subject_key', value: randomBytes(32).toString('base64url') }).execute();

  await db.schema.alterTable('counsellors').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('counsellors').addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('counsellors').addColumn('locked_until', 'text').execute();
  /** JSON array of the previous password hashes, newest first (not one of the last 3). */
  await db.schema.alterTable('counsellors').addColumn('password_history', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('auth_tokens').addColumn('last_used_at', 'text').execute();

  await db.schema
    .createTable('destructions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('class', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('period_from', 'text')
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('destructions').execute();
  await db.schema.alterTable('auth_tokens').dropColumn('last_used_at').execute();
  for (const c of ['password_history', 'locked_until', 'failed_logins', 'must_change_password']) {
    await db.schema.alterTable('counsellors').dropColumn(c).execute();
  }
  await db.schema.dropTable('server_secrets').execute();
  await db.schema.dropTable('access_log_reviews').execute();
  await db.schema.dropTable('access_log').execute();
}
