import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CompiledQuery, Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sqlite3Dialect } from '../../../server/db/sqlite-dialect.js';

interface Db { items: { id: string; n: number } }

describe('the SQLite dialect keeps prepared statements per SQL text', () => {
  let dir: string;
  let db: Kysely<Db>;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bokji-dialect-'));
    db = new Kysely<Db>({ dialect: new Sqlite3Dialect({ file: path.join(dir, 'test.sqlite') }) });
    await sql`create table items (id text primary key, n integer not null)`.execute(db);
  });

  afterEach(async () => {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('a statement used again binds the new values, never the last ones', async () => {
    for (let i = 0; i < 50; i++) await db.insertInto('items').values({ id: `id-${i}`, n: i }).execute();
    for (let i = 0; i < 50; i++) {
      const row = await db.selectFrom('items').select('n').where('id', '=', `id-${i}`).executeTakeFirst();
      expect(row?.n).toBe(i);
    }
    const updated = await db.updateTable('items').set({ n: 0 }).where('n', '<', 10).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(10n);
    const again = await db.updateTable('items').set({ n: 0 }).where('n', '<', 20).executeTakeFirst();
    expect(again.numUpdatedRows).toBe(20n);
  });

  it('the same statement asked for at once answers each caller with its own rows', async () => {
    for (let i = 0; i < 20; i++) await db.insertInto('items').values({ id: `id-${i}`, n: i * 10 }).execute();
    const rows = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      db.selectFrom('items').select('n').where('id', '=', `id-${i}`).executeTakeFirstOrThrow()));
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 20 }, (_, i) => i * 10));
  });

  it('more distinct statements than it keeps still run, and the database still closes', async () => {
    // 300 texts: the oldest are finalized as newer ones arrive (the cache keeps 256).
    for (let i = 0; i < 300; i++) {
      const row = await db.executeQuery<{ v: number }>(CompiledQuery.raw(`select ${i} as v`));
      expect(row.rows[0]?.v).toBe(i);
    }
    const first = await db.executeQuery<{ v: number }>(CompiledQuery.raw('select 0 as v'));
    expect(first.rows[0]?.v).toBe(0);
    await db.destroy();
    // destroy() ran on the connection with statements kept: a second one is harmless.
    db = new Kysely<Db>({ dialect: new Sqlite3Dialect({ file: path.join(dir, 'test.sqlite') }) });
    expect(await db.selectFrom('items').selectAll().execute()).toEqual([]);
  });

  it('a statement that does not prepare reports its error every time and is not kept', async () => {
    await expect(db.executeQuery(CompiledQuery.raw('select from nowhere'))).rejects.toThrow(/syntax error/);
    await expect(db.executeQuery(CompiledQuery.raw('select from nowhere'))).rejects.toThrow(/syntax error/);
    await expect(db.executeQuery(CompiledQuery.raw('select * from missing_table'))).rejects.toThrow(/no such table/);
    await sql`create table missing_table (x integer)`.execute(db);
    expect((await db.executeQuery(CompiledQuery.raw('select * from missing_table'))).rows).toEqual([]);
  });
});
