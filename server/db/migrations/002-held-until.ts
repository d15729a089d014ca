import type { Kysely } from 'kysely';

/** 보류 until a time: the expiry job finds due conversations by this column. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('conversations').addColumn('held_until', 'text').execute();
  await db.schema.createIndex('conversations_held_until').on('conversations').columns(['status', 'held_until']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('conversations_held_until').execute();
  await db.schema.alterTable('conversations').dropColumn('held_until').execute();
}
