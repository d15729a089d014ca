import { randomUUID } from 'node:crypto';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { CHANGE_FEED_LOCK } from '../feed-lock.js';

/** The unique partial index that keeps one citizen to one conversation not yet 종료. */
export const ONE_OPEN_CONVERSATION_INDEX = 'conversations_one_open_per_citizen';

const CLOSED_SUMMARY = (survivor: string) =>
  `중복 상담 자동 정리: 같은 시민의 상담 ${survivor} 에 이어집니다 (duplicate closed by migration 003)`.slice(0, 200);

interface OpenRow {
  id: string;
  citizen_key: string;
  version: number;
  data: string;
}

/**
 * Two first messages arriving together could open two conversations for one citizen (a
 * read-then-insert race). Before the database forbids it, close all but the newest of each
 * citizen's open conversations: the newest is the one later messages were filed into. Each
 * closed record gets a change-feed entry so that desktop replicas hear of it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // Other server instances may still be writing the feed: take its lock before reading max(seq).
  if (isPostgres) await sql`select pg_advisory_xact_lock(${CHANGE_FEED_LOCK})`.execute(db);
  const rows = (await db
    .selectFrom('conversations')
    .select(['id', 'citizen_key', 'version', 'data'])
    .where('status', '<>', 'closed')
    .orderBy('citizen_key')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute()) as OpenRow[];
  const survivorOf = new Map<string, string>();
  const duplicates: { row: OpenRow; survivor: string }[] = [];
  for (const row of rows) {
    const survivor = survivorOf.get(row.citizen_key);
    if (survivor === undefined) survivorOf.set(row.citizen_key, row.id);
    else duplicates.push({ row, survivor });
  }
  if (duplicates.length > 0) {
    const now = new Date().toISOString();
    const max = (await db.selectFrom('changes').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst()) as { m: number | string | null } | undefined;
    let seq = max?.m == null ? 0 : Number(max.m);
    for (const { row, survivor } of duplicates) {
      const record = JSON.parse(row.data) as Record<string, unknown>;
      const next = {
        ...record,
        status: 'closed',
        closedAt: now,
        heldUntil: null,
        waitingSince: null,
        summary: CLOSED_SUMMARY(survivor),
        updatedAt: now,
        version: row.version + 1,
      };
      const data = JSON.stringify(next);
      await db
        .updateTable('conversations')
        .set({ status: 'closed', held_until: null, updated_at: now, version: row.version + 1, data })
        .where('id', '=', row.id)
        .execute();
      seq += 1;
      await db.insertInto('changes').values({ seq, entity: 'conversation', record_id: row.id, data, created_at: now }).execute();
      await db
        .insertInto('audit_log')
        .values({ id: randomUUID(), at: now, counsellor_id: null, action: 'close-duplicate', entity: 'conversation', record_id: row.id, summary: `migration 003: kept ${survivor}` })
        .execute();
    }
  }
  await sql`create unique index ${sql.id(ONE_OPEN_CONVERSATION_INDEX)} on conversations (citizen_key) where status <> 'closed'`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex(ONE_OPEN_CONVERSATION_INDEX).execute();
}
