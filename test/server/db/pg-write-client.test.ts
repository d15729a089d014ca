import { randomBytes } from 'node:crypto';
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { heldBack, INLINE_COMMIT, inlineParameters, PgWriteClient } from '../../../server/db/pg-write-client.js';
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

  it('a parameterised first statement travels with its BEGIN, its parameters written in; a plain COMMIT is still sent', async () => {
    await db.transaction().execute(async (trx) => {
      await sql`insert into ${sql.table(table)} values (${2})`.execute(trx);
    });
    expect(Recording.sent).toEqual([`begin; insert into "${table}" values ('2')`, 'commit']);
    expect(await count()).toBe(2);
  });

  it('sends a held statement in front of the next one, in order, and the ones left with the COMMIT', async () => {
    const seen = await db.transaction().execute(async (trx) => {
      await trx.executeQuery(heldBack(CompiledQuery.raw(`insert into "${table}" values ($1)`, [10])));
      await trx.executeQuery(heldBack(CompiledQuery.raw(`insert into "${table}" values ($1)`, [11])));
      // The read after them sees both: they went first, in the same round trip.
      const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where id >= ${10}`.execute(trx);
      await trx.executeQuery(heldBack(CompiledQuery.raw(`insert into "${table}" values ($1)`, [12])));
      return r.rows[0]?.n;
    });
    expect(seen).toBe(2);
    expect(Recording.sent).toEqual([
      `begin; insert into "${table}" values ('10'); insert into "${table}" values ('11'); select count(*)::int as n from "${table}" where id >= '10'`,
      `insert into "${table}" values ('12'); commit`,
    ]);
    expect(await count()).toBe(5);
    await plain.query(`delete from ${table} where id >= 10`);
  });

  it('a held statement that fails rolls the whole transaction back at the statement it travelled with', async () => {
    await expect(db.transaction().execute(async (trx) => {
      await sql`insert into ${sql.table(table)} values (${20})`.execute(trx);
      await trx.executeQuery(heldBack(CompiledQuery.raw(`insert into "${table}" values ($1)`, [1])));
    })).rejects.toThrow(/duplicate key/);
    expect(Recording.sent.at(-1)).toBe('rollback');
    expect(await count()).toBe(2);
  });

  it('a transaction of held statements only, rolled back by its own code, sends nothing', async () => {
    await expect(db.transaction().execute(async (trx) => {
      await trx.executeQuery(heldBack(CompiledQuery.raw(`insert into "${table}" values ($1)`, [30])));
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    expect(Recording.sent).toEqual([]);
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

describe('inlineParameters (pg-write-client.ts)', () => {
  it('writes each $n in as the literal node-postgres would have sent, $10 after $1', () => {
    const values = [1, 'a', null, true, "it's", 6, 7, 8, 9, 'ten'];
    expect(inlineParameters('select $1, $2, $3, $4, $5, $10', values)).toBe(`select '1', 'a', null, 'true', 'it''s', 'ten'`);
  });

  it('writes arrays, objects and bytes as node-postgres prepares them', () => {
    expect(inlineParameters('select $1, $2, $3', [['a', 'b"c'], { k: 'v' }, Buffer.from([0xde, 0xad])])).toBe(
      `select ${pg.escapeLiteral('{"a","b\\"c"}')}, '{"k":"v"}', ${pg.escapeLiteral('\\xdead')}`,
    );
  });

  it('leaves $n inside quoted strings and identifiers alone', () => {
    expect(inlineParameters(`select '$1', "col$1", $1`, ['x'])).toBe(`select '$1', "col$1", 'x'`);
  });

  it('refuses a parameter that is not there', () => {
    expect(() => inlineParameters('select $2', ['x'])).toThrow(/\$2/);
  });

  it('round-trips through PostgreSQL as the parameters would', async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const values = ["o'neil \\ back", 42, null, ['x', 'y'], { a: [1, 2] }];
      const text = 'select $1::text as s, $2::int as n, $3::text as z, $4::text[] as arr, $5::jsonb as j';
      const viaParameters = (await client.query(text, values)).rows[0];
      const viaLiterals = (await client.query(inlineParameters(text, values))).rows[0];
      expect(viaLiterals).toEqual(viaParameters);
      expect(viaLiterals).toEqual({ s: "o'neil \\ back", n: 42, z: null, arr: ['x', 'y'], j: { a: [1, 2] } });
    } finally {
      await client.end();
    }
  });
});
