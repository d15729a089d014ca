import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * PostgreSQL: the change feed's critical section as one function, so that a writer holds the
 * feed lock for one round trip (this call) and its COMMIT instead of four (lock, read the
 * latest seq, insert, notify). The function is VOLATILE, so its SELECT after the lock takes a
 * fresh snapshot and sees every change committed by the writer that held the lock before.
 * SQLite needs nothing: its one writer already numbers the feed alone.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`
    create or replace function bokji_append_changes(
      p_lock bigint, p_channel text, p_at text, p_entities text[], p_ids text[], p_data text[]
    ) returns bigint language plpgsql volatile as $fn$
    declare
      first_seq bigint;
      last_seq bigint;
    begin
      perform pg_advisory_xact_lock(p_lock);
      select coalesce(max(seq), 0) + 1 into first_seq from changes;
      insert into changes (seq, entity, record_id, data, created_at)
        select first_seq + v.i - 1, v.entity, v.record_id, v.data, p_at
        from unnest(p_entities, p_ids, p_data) with ordinality as v(entity, record_id, data, i);
      last_seq := first_seq + coalesce(array_length(p_entities, 1), 0) - 1;
      perform pg_notify(p_channel, last_seq::text);
      return last_seq;
    end
    $fn$`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`drop function if exists bokji_append_changes(bigint, text, text, text[], text[], text[])`.execute(db);
}
