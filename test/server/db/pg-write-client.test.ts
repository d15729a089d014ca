import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { INLINE_COMMIT, PgWriteClient } from '../../../server/db/pg-write-client.js';
import { TEST_DATABASE_URL } from '../helpers.js';

/** What the server sends: every statement node-postgres puts on the wire, in order. */
class Recording extends PgWriteClient {
  static sent: string[] = [];
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const connection = (this as unknown as { connection: { query(text: string): void } }).connection;
    const send = connection.query.bind(connection);
    connection.query = (text: string) => {
      Recording.sent.push(text);
      send(text);
    };
  }
}

describe('the writers\' PostgreSQL connection (pg-write-client.ts)', () => {
  const table = `wc_${randomBytes(4).toString('hex')}`;
  let db: Kysely<Record<string, { id: number }>>;
  let plain: pg.Client;
  beforeAll(async () => {
    plain = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await plain.connect();
    await plain.query(`create table ${table} (id int primary key)`);
    db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1, Client: Recording }) }) });
  });
  afterAll(async () => {
    await db?.destroy();
    await plain?.query(`drop table if exists ${table}`);
    await plain?.end();
  });
  beforeEach(() => {
    Recording.sent = [];
  });
  const count = async () => Number((await plain.query(`select count(*)::int as n from ${table}`)).rows[0].n);

  it('sends BEGIN with the first statement and answers the COMMIT after an inline commit itself', async () => {
    const last = await db.transaction().execute(async (trx) => {
      await sql.raw('select 1').execute(trx);
      await sql`insert into ${sql.table(table)} values (${1})`.execute(trx);
      return (await sql.raw<{ last: number }>(`select 41 + 1 as last${INLINE_COMMIT}`).execute(trx)).rows[0]?.last;
    });
    expect(last).toBe(42);
    expect(await count()).toBe(1);
    // begin travelled with "select 1"; no COMMIT of its own after the inline one.
    expect(Recording.sent.filter((t) => /^(begin|commit)$/i.test(t.trim()))).toEqual([]);
    expect(Recording.sent[0]).toBe('begin; select 1');
  });

  it('a parameterised first statement gets its BEGIN sent alone; a plain COMMIT is still sent', async () => {
    await db.transaction().execute(async (trx) => {
      await sql`insert into ${sql.table(table)} values (${2})`.execute(trx);
    });
    expect(Recording.sent.map((t) => t.trim().toLowerCase()).filter((t) => t === 'begin' || t === 'commit')).toEqual(['begin', 'commit']);
    expect(await count()).toBe(2);
  });

  it('a failing transaction is rolled back for real, also when it failed in the inline commit', async () => {
    await expect(db.transaction().execute(async (trx) => {
      await sql.raw('select 1').execute(trx);
      await sql`insert into ${sql.table(table)} values (${3})`.execute(trx);
      await sql.raw(`select 1/0${INLINE_COMMIT}`).execute(trx);
    })).rejects.toThrow(/division by zero/);
    expect(Recording.sent.at(-1)?.trim().toLowerCase()).toBe('rollback');
    expect(await count()).toBe(2);
    // The connection is usable afterwards, outside any transaction.
    await db.transaction().execute(async (trx) => {
      await sql`insert into ${sql.table(table)} values (${4})`.execute(trx);
    });
    expect(await count()).toBe(3);
  });

  it('a transaction that throws before any statement sends nothing at all', async () => {
    await expect(db.transaction().execute(async () => {
      throw new Error('refused');
    })).rejects.toThrow('refused');
    expect(Recording.sent).toEqual([]);
  });
});
