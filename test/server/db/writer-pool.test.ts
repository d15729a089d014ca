import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_FEED_LOCK } from '../../../server/db/feed-lock.js';
import { openStore, PG_POOL_SIZE, type Store } from '../../../server/db/store.js';
import { TEST_DATABASE_URL } from '../helpers.js';

/**
 * PostgreSQL: writers have a pool of their own, so that readers and writers never wait for each
 * other's connections; the feed is numbered in one call under the feed lock (migration 009).
 */
const schema = `t_${randomBytes(6).toString('hex')}`;
let store: Store;

beforeAll(async () => {
  store = await openStore({ engine: 'postgres', url: TEST_DATABASE_URL, schema });
});

afterAll(async () => {
  await store?.close();
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
});

const writeOne = (id: string) => store.write(null, async (tx) => {
  await tx.change('conversation', id, { id });
}, { lockFeedFirst: false });

const within = <T>(ms: number, p: Promise<T>): Promise<T | 'timeout'> =>
  Promise.race([p, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms))]);

describe('writers pool (PostgreSQL)', () => {
  it('runs write() on its own pool, not the readers\' one', () => {
    expect(store.writer).not.toBe(store.db);
  });

  it('a write goes through while every reader connection is busy', async () => {
    // Occupy every connection of the readers' pool for 1.5 s.
    const readers = Array.from({ length: PG_POOL_SIZE }, () => sql`select pg_sleep(1.5)`.execute(store.db));
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    const outcome = await within(1000, writeOne('w-while-readers-busy'));
    expect(outcome).not.toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1000);
    await Promise.all(readers);
  });

  it('a read goes through while every writer waits for the feed lock', async () => {
    const holder = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select pg_advisory_xact_lock($1)', [CHANGE_FEED_LOCK]);
      // More writers than the writers' pool: all of them queue behind the lock.
      const before = await store.latestSeq();
      const writes = Array.from({ length: PG_POOL_SIZE + 2 }, (_, i) => writeOne(`w-blocked-${i}`));
      await new Promise((r) => setTimeout(r, 300));
      const read = await within(1000, store.db.selectFrom('changes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst());
      expect(read).not.toBe('timeout');
      expect(await store.latestSeq()).toBe(before);
      await holder.query('commit');
      await Promise.all(writes);
      expect(await store.latestSeq()).toBe(before + PG_POOL_SIZE + 2);
    } finally {
      await holder.end();
    }
  });

  it('numbers concurrent writers gap-free, in commit order, and pokes up to the last seq', async () => {
    const heard: number[] = [];
    const unsubscribe = store.notifier.subscribe((seq) => heard.push(seq));
    const before = await store.latestSeq();
    const lastSeqs = await Promise.all(Array.from({ length: 40 }, (_, i) => store.write(null, async (tx) => {
      await tx.change('conversation', `c-${i}`, { i });
      await tx.change('message', `m-${i}`, { i });
      return i;
    }, { lockFeedFirst: false })));
    expect(lastSeqs).toHaveLength(40);
    // Pokes are coalesced (events/notifier.ts): the last one names the last seq.
    await new Promise((r) => setTimeout(r, 150));
    unsubscribe();
    const rows = await store.db.selectFrom('changes').select(['seq', 'entity', 'record_id']).where('seq', '>', before).orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 80 }, (_, i) => before + 1 + i));
    // A transaction's rows are adjacent and in the order it queued them.
    for (let k = 0; k < rows.length; k += 2) {
      expect(rows[k]!.entity).toBe('conversation');
      expect(rows[k + 1]!.entity).toBe('message');
      expect(rows[k]!.record_id.slice(2)).toBe(rows[k + 1]!.record_id.slice(2));
    }
    expect(Math.max(...heard)).toBe(before + 80);
  });

  it('carries any text into the feed unchanged (the critical section sends escaped literals)', async () => {
    const nasty = { body: "it's \\ a 'quote' \"and\" \\'); drop table changes; -- 한글 🙂 \n\t $fn$ E'x'", n: 1 };
    const id = "id-with-'quote'-and-\\";
    const before = await store.latestSeq();
    const last = await store.write(null, async (tx) => {
      await tx.change('message', id, nasty);
      return 'ok';
    }, { lockFeedFirst: false });
    expect(last).toBe('ok');
    const rows = await store.db.selectFrom('changes').select(['seq', 'entity', 'record_id', 'data']).where('seq', '>', before).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.record_id).toBe(id);
    expect(JSON.parse(rows[0]!.data)).toEqual(nasty);
    expect(store.notifier.latest).toBe(before + 1);
  });
});
