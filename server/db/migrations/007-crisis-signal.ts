import type { Kysely } from 'kysely';

/**
 * Conversations carry `crisis` (common/domain CrisisSignal, null when none) and `crisisAnsweredAt`
 * (the automatic outside-hours answer to it). Records written
 * before it existed get both as null, so that every reader of the stored JSON (the REST
 * responses, the inbound path, the board) sees the field; the value itself means "no signal",
 * hence no new version and no feed entry (replicas read a missing field as null too).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  const rows = (await db.selectFrom('conversations').select(['id', 'data']).where('data', 'not like', '%"crisis":%').execute()) as { id: string; data: string }[];
  for (const row of rows) {
    const record = JSON.parse(row.data) as Record<string, unknown>;
    await db.updateTable('conversations').set({ data: JSON.stringify({ ...record, crisis: null, crisisAnsweredAt: null }) }).where('id', '=', row.id).execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(_db: Kysely<any>): Promise<void> {
  // A `crisis: null` left in the JSON is harmless to older code, which ignores unknown fields.
}
