import type { Kysely } from 'kysely';

/**
 * Team operations (issue 15): counsellor presence and the liveness of their desks, the
 * round-robin marker of automatic assignment, and one table of team settings (assignment,
 * service-level targets, satisfaction question) edited by admins.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('counsellors').addColumn('presence', 'text', (c) => c.notNull().defaultTo('offline')).execute();
  await db.schema.alterTable('counsellors').addColumn('presence_since', 'text').execute();
  /** Who set the presence: manual, lock, cti, liveness, logout, desk. */
  await db.schema.alterTable('counsellors').addColumn('presence_source', 'text').execute();
  /** What presence to return to when a CTI call ends. */
  await db.schema.alterTable('counsellors').addColumn('presence_before_call', 'text').execute();
  /** Last time a desk of this counsellor held an SSE stream (or set presence): 60 s without one is 오프라인. */
  await db.schema.alterTable('counsellors').addColumn('last_seen_at', 'text').execute();
  /** Ties between equally loaded counsellors go to whoever was assigned least recently. */
  await db.schema.alterTable('counsellors').addColumn('last_assigned_at', 'text').execute();
  await db.schema.createIndex('counsellors_presence').on('counsellors').columns(['presence', 'last_seen_at']).execute();
  await db.schema.createIndex('conversations_assignee_status').on('conversations').columns(['assignee_id', 'status']).execute();

  await db.schema
    .createTable('team_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('team_settings').ifExists().execute();
  await db.schema.dropIndex('conversations_assignee_status').execute();
  await db.schema.dropIndex('counsellors_presence').execute();
  for (const column of ['last_assigned_at', 'last_seen_at', 'presence_before_call', 'presence_source', 'presence_since', 'presence']) {
    await db.schema.alterTable('counsellors').dropColumn(column).execute();
  }
}
