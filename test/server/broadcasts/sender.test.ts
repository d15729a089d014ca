import { randomUUID } from 'node:crypto';
import { CONSENT_STATEMENT } from '../../../common/subscriptions/index.js';
import { parseQuietHours } from '../../../server/broadcasts/quiet-hours.js';
import { createBroadcastSender, type BroadcastSender } from '../../../server/broadcasts/sender.js';
import { freezeAudience, getBroadcast, newRecord, saveRecord } from '../../../server/broadcasts/store.js';
import { httpPost } from '../../../server/channels/kakao/send.js';
import { openStore, type Store } from '../../../server/db/store.js';
import { startKakaoSink, type KakaoSink } from '../../../server/simulator/index.js';
import { applyConsent, seedDemoTopics } from '../../../server/subscriptions/store.js';
import { ENGINES, dropStoreLocation, newStoreLocation, testConfig, type TestStoreLocation } from '../helpers.js';
import { eventually } from '../subscriptions/support.js';

const silent = { info() {}, warn(o: object, m?: string) { if (process.env.DEBUG_BC) console.warn(m, o); }, error(o: object, m?: string) { if (process.env.DEBUG_BC) console.error(m, o); } };
const AUTHOR = { id: randomUUID(), username: 'admin', displayName: '관리자', role: 'admin' as const, active: true, presence: 'offline' as const, presenceSince: null };

describe.each(ENGINES)('notice sender with delivery claims (%s)', (engine) => {
  let loc: TestStoreLocation;
  let store: Store;
  let sink: KakaoSink;
  const senders: BroadcastSender[] = [];
  const extraStores: Store[] = [];

  beforeAll(async () => {
    loc = await newStoreLocation(engine);
    store = await openStore(testConfig(loc).database);
    await seedDemoTopics(store);
    sink = await startKakaoSink();
  });
  afterEach(async () => {
    await Promise.all(senders.splice(0).map((x) => x.close()));
  });
  afterAll(async () => {
    for (const x of extraStores) await x.close();
    await store?.close();
    await sink?.close();
    if (loc) await dropStoreLocation(loc);
  });

  /** n subscribers of one fresh topic-sharing tag, and an approved notice to them (status sending). */
  async function notice(n: number): Promise<{ id: string; keys: string[] }> {
    const tag = randomUUID().slice(0, 8);
    const keys = Array.from({ length: n }, (_, i) => `s-${tag}-${String(i).padStart(5, '0')}`);
    const id = randomUUID();
    // Only this notice's citizens subscribe to the topic now.
    await store.db.deleteFrom('subscriber_topics').execute();
    await store.write(null, async (tx) => {
      for (const k of keys) await applyConsent(tx, k, { topics: ['jobs'], method: 'counsellor', channel: 'desk', statement: CONSENT_STATEMENT, actor: null });
    });
    await store.write(null, async (tx) => {
      const r = { ...newRecord({ id, title: `공공일자리 ${tag}`, body: '모집합니다', topics: ['jobs'], dongs: [], lifeStages: [], buttons: [], programmeId: null, scheduledAt: null }, AUTHOR, tx.now), status: 'sending' as const };
      await saveRecord(tx, r, true);
      await freezeAudience(tx, r);
    });
    const rows = await store.db.selectFrom('broadcast_recipients').select('citizen_key').where('broadcast_id', '=', id).execute();
    expect(rows.map((r) => r.citizen_key).sort()).toEqual(keys);
    return { id, keys };
  }
  const received = (id: string) => sink.received.filter((r) => r.message.broadcast_id === id);
  const sender = (opts: Partial<Parameters<typeof createBroadcastSender>[0]> = {}, on: Store = store) => {
    const x = createBroadcastSender({ store: on, sendUrl: sink.url, senderKey: 'test', logger: silent, ratePerSecond: 0, quietHours: null, pollIntervalMs: 50, baseDelayMs: 10, maxDelayMs: 50, ...opts });
    senders.push(x);
    return x;
  };

  it('quiet hours (fake clock): stops at 20:50 KST, sends nothing at night, resumes at 08:00', async () => {
    const { id, keys } = await notice(30);
    let clock = new Date('2026-12-01T11:49:30.000Z'); // 20:49:30 KST
    let sent = 0;
    const x = sender({
      autoStart: false, concurrency: 1, now: () => clock, quietHours: parseQuietHours('20:50-08:00'),
      post: async (url, body, timeoutMs) => {
        sent++;
        if (sent === 10) clock = new Date('2026-12-01T11:50:00.000Z'); // 20:50 KST: the rest must wait
        return httpPost(url, body, timeoutMs);
      },
    });
    await x.runOnce();
    expect(received(id)).toHaveLength(10);
    clock = new Date('2026-12-01T18:00:00.000Z'); // 03:00 KST
    expect(await x.runOnce()).toBe(0);
    expect((await getBroadcast(store.db, id))!.pausedReason).toBe('quiet-hours');
    expect(received(id)).toHaveLength(10);
    clock = new Date('2026-12-01T23:00:00.000Z'); // 08:00 KST
    while ((await x.runOnce()) > 0);
    await x.runOnce();
    const b = (await getBroadcast(store.db, id))!;
    expect(b.status).toBe('sent');
    expect(b.pausedReason).toBeNull();
    expect(new Set(received(id).map((r) => r.message.user_key))).toEqual(new Set(keys));
    expect(received(id)).toHaveLength(keys.length);
  });

  it('two instances send one notice: every recipient exactly once, both took part', async () => {
    const { id, keys } = await notice(400);
    // PostgreSQL: a second pool is a second server instance on the same database.
    const other = engine === 'postgres' ? await openStore(testConfig(loc).database) : store;
    if (other !== store) extraStores.push(other);
    const a = sender({ concurrency: 4, batchSize: 20 });
    const b = sender({ concurrency: 4, batchSize: 20 }, other);
    const t0 = Date.now();
    await eventually(async () => (await getBroadcast(store.db, id))!.status === 'sent', 'the notice sent', 100_000);
    if (process.env.DEBUG_BC) console.log('two instances took', Date.now() - t0, 'ms');
    const got = received(id);
    expect(got).toHaveLength(keys.length);
    expect(new Set(got.map((r) => r.message.user_key)).size).toBe(keys.length);
    expect(a.stats().delivered).toBeGreaterThan(0);
    expect(b.stats().delivered).toBeGreaterThan(0);
    expect(a.stats().delivered + b.stats().delivered).toBe(keys.length);
  }, 120_000);

  it('unsubscribing mid-send: skipped and counted as optedOut, never sent', async () => {
    const { id, keys } = await notice(40);
    // Ten not sent yet when they leave (PostgreSQL feeds the queue in no particular order of keys).
    let leavers: string[] = [];
    let left = false;
    sender({
      ratePerSecond: 40, concurrency: 1,
      post: async (url, body, timeoutMs) => {
        const res = await httpPost(url, body, timeoutMs);
        if (!left && received(id).length === 5) {
          left = true;
          const sent = new Set(received(id).map((r) => r.message.user_key));
          leavers = keys.filter((k) => !sent.has(k)).slice(-10);
          await store.write(null, async (tx) => {
            for (const k of leavers) await applyConsent(tx, k, { topics: [], method: 'chat', channel: 'kakao', statement: '수신거부', actor: null });
          });
        }
        return res;
      },
    });
    const b = await eventually(async () => {
      const x = (await getBroadcast(store.db, id))!;
      return x.status === 'sent' ? x : null;
    }, 'the notice sent', 30_000);
    expect(b.counts).toMatchObject({ targeted: keys.length, optedOut: 10, delivered: keys.length - 10 });
    const to = received(id).map((r) => r.message.user_key);
    for (const k of leavers) expect(to).not.toContain(k);
  });

  it('retries 503 like replies; a 400 fails with the provider message', async () => {
    const { id, keys } = await notice(3);
    sink.failNext(3, { status: 503 });
    const x = sender({ concurrency: 1 });
    await eventually(async () => (await getBroadcast(store.db, id))!.status === 'sent', 'the notice sent', 30_000);
    expect(received(id)).toHaveLength(keys.length);
    expect(x.stats().retried).toBe(3);

    const second = await notice(2);
    sink.failAlways({ status: 400, body: { message: 'unknown user_key' } });
    try {
      await eventually(async () => (await getBroadcast(store.db, second.id))!.status === 'sent', 'the notice done', 30_000);
    } finally {
      sink.failAlways(null);
    }
    const b = (await getBroadcast(store.db, second.id))!;
    expect(b.counts.failed).toBe(second.keys.length);
    const row = await store.db.selectFrom('broadcast_recipients').select('error').where('broadcast_id', '=', second.id).executeTakeFirstOrThrow();
    expect(row.error).toContain('unknown user_key');
  });
});
