import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundClaims, enqueueOutbound, type ClaimedWork, type KindSettle } from '../../../server/delivery/outbound-claims.js';
import { openStore, type Store } from '../../../server/db/store.js';
import { ENGINES, dropStoreLocation, newStoreLocation, testConfig, type TestStoreLocation } from '../helpers.js';

describe.each(ENGINES)('outbound claims: settles (%s)', (engine) => {
  let loc: TestStoreLocation;
  let store: Store;

  beforeAll(async () => {
    loc = await newStoreLocation(engine);
    store = await openStore(testConfig(loc).database);
  });
  afterAll(async () => {
    await store?.close();
    if (loc) await dropStoreLocation(loc);
  });

  /** n items of kind `kind`, each for its own citizen (so one claim can take them all). */
  async function queued(kind: string, n: number): Promise<void> {
    await store.write(null, async (tx) => {
      for (let i = 0; i < n; i++) await enqueueOutbound(tx, { id: randomUUID(), kind, refId: `ref-${i}`, orderKey: `${kind}-citizen-${i}` });
    });
  }
  const statusOf = async (ids: readonly string[]) =>
    new Map((await store.db.selectFrom('outbound_work').select(['id', 'status', 'last_error', 'claim_token']).where('id', 'in', [...ids]).execute()).map((r) => [r.id, r]));

  it('settles made at once share a transaction; each kind settle hears its items together', async () => {
    const kind = `k-${randomUUID().slice(0, 8)}`;
    await queued(kind, 12);
    const claims = createOutboundClaims(store);
    const items = await claims.claim({ limit: 50, now: new Date(), kinds: [kind] });
    expect(items).toHaveLength(12);
    const calls: string[][] = [];
    const kindSettle: KindSettle = async (_tx, settled) => void calls.push(settled.map((s) => s.item.id));
    const before = store.commits();
    const results = await Promise.all(items.map((item, i) =>
      claims.settle(item, i === 3 ? { status: 'retry', error: '잠시 후 다시', nextAttemptAt: new Date(Date.now() + 60_000) } : { status: 'delivered' }, kindSettle)));
    expect(results.every(Boolean)).toBe(true);
    // The first settle goes alone; the eleven made while it was written share the next one.
    expect(store.commits() - before).toBe(2);
    expect(calls.flat().sort()).toEqual(items.map((i) => i.id).sort());
    expect(calls).toHaveLength(2);
    const rows = await statusOf(items.map((i) => i.id));
    expect([...rows.values()].filter((r) => r.status === 'delivered')).toHaveLength(11);
    expect(rows.get(items[3]!.id)).toMatchObject({ status: 'pending', last_error: '잠시 후 다시', claim_token: null });
  });

  it('in a shared transaction, an item taken over by another claimant is left alone and reported false', async () => {
    const kind = `k-${randomUUID().slice(0, 8)}`;
    await queued(kind, 4);
    const claims = createOutboundClaims(store);
    const items = await claims.claim({ limit: 50, now: new Date(), kinds: [kind] });
    // Its lease ran out and someone else holds it now.
    const lost: ClaimedWork = { ...items[1]!, claimToken: randomUUID() };
    const settled: string[] = [];
    const kindSettle: KindSettle = async (_tx, s) => void settled.push(...s.map((x) => x.item.id));
    const results = await Promise.all([items[0]!, lost, items[2]!, items[3]!].map((item) => claims.settle(item, { status: 'delivered' }, kindSettle)));
    expect(results).toEqual([true, false, true, true]);
    expect(settled).not.toContain(lost.id);
    expect((await statusOf([lost.id])).get(lost.id)).toMatchObject({ status: 'pending', claim_token: items[1]!.claimToken });
  });

  it('one item whose record cannot be written does not keep the others of its transaction from being recorded', async () => {
    const kind = `k-${randomUUID().slice(0, 8)}`;
    await queued(kind, 6);
    const claims = createOutboundClaims(store);
    const items = await claims.claim({ limit: 50, now: new Date(), kinds: [kind] });
    const bad = items[4]!.id;
    const kindSettle: KindSettle = async (_tx, s) => {
      if (s.some((x) => x.item.id === bad)) throw new Error('record broken');
    };
    const results = await Promise.allSettled(items.map((item) => claims.settle(item, { status: 'delivered' }, kindSettle)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const rows = await statusOf(items.map((i) => i.id));
    for (const item of items) expect(rows.get(item.id)!.status).toBe(item.id === bad ? 'pending' : 'delivered');
  });

  it('settles one after another, each awaited before the next (as a claim does for records gone), all complete', async () => {
    const kind = `k-${randomUUID().slice(0, 8)}`;
    await queued(kind, 5);
    const claims = createOutboundClaims(store);
    const items = await claims.claim({ limit: 50, now: new Date(), kinds: [kind] });
    const results: boolean[] = [];
    for (const item of items) results.push(await claims.settle(item, { status: 'failed', error: '보낼 기록을 찾을 수 없습니다' }));
    expect(results).toEqual([true, true, true, true, true]);
    const rows = await statusOf(items.map((i) => i.id));
    expect([...rows.values()].every((r) => r.status === 'failed')).toBe(true);
  }, 10_000);
});
