import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store, type WriteTx } from '../../../server/db/store.js';

/** SQLite: concurrent store.write() calls share one transaction (one fsync), each in a savepoint. */
let dir: string;
let file: string;
let store: Store;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bokji-group-commit-'));
  file = path.join(dir, 'bokji.sqlite');
  store = await openStore({ engine: 'sqlite', file });
});

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

const record = async (tx: WriteTx, id: string) => {
  await tx.audit('test', 'conversation', id, id);
  await tx.change('conversation', id, { id });
  await tx.change('conversation', id, { id, again: true });
};

const auditIds = async (prefix: string) =>
  (await store.db.selectFrom('audit_log').select('record_id').where('record_id', 'like', `${prefix}%`).execute()).map((r) => r.record_id).sort();

const feedSince = async (after: number) =>
  store.db.selectFrom('changes').select(['seq', 'record_id']).where('seq', '>', after).orderBy('seq').execute();

describe('group commit (SQLite)', () => {
  it('concurrent writes share commits; every row is there and the feed has no gap', async () => {
    const before = await store.latestSeq();
    const commitsBefore = store.commits();
    const ids = Array.from({ length: 20 }, (_, i) => `many-${String(i).padStart(2, '0')}`);
    const results = await Promise.all(ids.map((id) => store.write(null, async (tx) => {
      await record(tx, id);
      return id;
    })));
    expect(results).toEqual(ids);
    expect(store.commits() - commitsBefore).toBeLessThan(ids.length);
    expect(await auditIds('many-')).toEqual(ids);
    const feed = await feedSince(before);
    expect(feed.map((r) => Number(r.seq))).toEqual(Array.from({ length: 40 }, (_, i) => before + 1 + i));
    // Numbered in the order the writes were queued.
    expect(feed.map((r) => r.record_id)).toEqual(ids.flatMap((id) => [id, id]));
  });

  it('a write that throws rejects alone; its rows are gone, the others committed, the feed has no gap', async () => {
    const before = await store.latestSeq();
    const commitsBefore = store.commits();
    const boom = new Error('boom');
    const outcomes = await Promise.allSettled(['fail-a', 'fail-b', 'fail-c'].map((id) => store.write(null, async (tx) => {
      await record(tx, id);
      if (id === 'fail-b') throw boom;
      return id;
    })));
    expect(store.commits() - commitsBefore).toBe(1);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 'fail-a' });
    expect(outcomes[1]).toEqual({ status: 'rejected', reason: boom });
    expect(outcomes[2]).toEqual({ status: 'fulfilled', value: 'fail-c' });
    expect(await auditIds('fail-')).toEqual(['fail-a', 'fail-c']);
    const feed = await feedSince(before);
    expect(feed.map((r) => Number(r.seq))).toEqual([before + 1, before + 2, before + 3, before + 4]);
    expect(feed.map((r) => r.record_id)).toEqual(['fail-a', 'fail-a', 'fail-c', 'fail-c']);
  });

  it('a write alone in its batch commits by itself, and one that throws leaves nothing behind', async () => {
    const before = await store.latestSeq();
    const commitsBefore = store.commits();
    expect(await store.write(null, async (tx) => {
      await record(tx, 'alone-ok');
      return 'alone-ok';
    })).toBe('alone-ok');
    const boom = new Error('alone');
    await expect(store.write(null, async (tx) => {
      await record(tx, 'alone-fail');
      throw boom;
    })).rejects.toBe(boom);
    expect(store.commits() - commitsBefore).toBe(1);
    expect(await auditIds('alone-')).toEqual(['alone-ok']);
    // The next batch numbers on from the head the failed write did not move.
    await Promise.all(['alone-next-a', 'alone-next-b'].map((id) => store.write(null, (tx) => record(tx, id))));
    const feed = await feedSince(before);
    expect(feed.map((r) => Number(r.seq))).toEqual(Array.from({ length: 6 }, (_, i) => before + 1 + i));
    expect(feed.map((r) => r.record_id)).toEqual(['alone-ok', 'alone-ok', 'alone-next-a', 'alone-next-a', 'alone-next-b', 'alone-next-b']);
  });

  it('a caught unique violation inside a write leaves its companions intact', async () => {
    const outcomes = await Promise.all(['dup-a', 'dup-b'].map((id) => store.write(null, async (tx) => {
      await tx.trx.insertInto('idempotency_keys').values({ key: `k-${id}`, route: 'r', counsellor_id: 'c', body_hash: 'h', state: 'pending', status_code: null, response_body: null, created_at: tx.now }).execute();
      const again = await tx.trx.insertInto('idempotency_keys').values({ key: `k-${id}`, route: 'r', counsellor_id: 'c', body_hash: 'h', state: 'pending', status_code: null, response_body: null, created_at: tx.now }).execute().then(() => 'inserted', () => 'refused');
      await record(tx, id);
      return again;
    })));
    expect(outcomes).toEqual(['refused', 'refused']);
    expect(await auditIds('dup-')).toEqual(['dup-a', 'dup-b']);
  });

  it('a result is delivered only after COMMIT: another connection already sees the row', async () => {
    const other = new sqlite3.Database(file);
    try {
      const seen = (id: string) => new Promise<number>((resolve, reject) =>
        other.get('select count(*) as n from audit_log where record_id = ?', [id], (err: Error | null, row: { n: number }) => (err ? reject(err) : resolve(row.n))));
      // The slow companion keeps the batch's transaction open long after the fast write's own work is done.
      const fast = store.write(null, (tx) => record(tx, 'durable-fast')).then(() => seen('durable-fast'));
      const slow = store.write(null, async (tx) => {
        await new Promise((r) => setTimeout(r, 300));
        await record(tx, 'durable-slow');
      });
      await slow;
      expect(await fast).toBe(1);
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('still refuses the database outside tx.trx inside a write, and a write inside a write', async () => {
    await expect(store.write(null, () => store.db.selectFrom('changes').select('seq').execute())).rejects.toThrow(/use tx\.trx/);
    await expect(store.write(null, () => store.write(null, async () => 1))).rejects.toThrow(/use tx\.trx/);
  });
});
