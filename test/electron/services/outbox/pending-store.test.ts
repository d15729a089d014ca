import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pending from '../../../../electron/services/outbox/pending-store.js';
import type { OutboxItemInput } from '../../../../electron/services/outbox/outbox-payloads.js';
import { openStore, type Store } from '../../../../electron/services/store/index.js';

const ME = '11111111-1111-4111-8111-111111111111';
const CONV = '22222222-2222-4222-8222-222222222222';
const LOG = '33333333-3333-4333-8333-333333333333';
const now = new Date('2026-12-02T01:00:00Z');

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bokji-pending-'));
  store = await openStore(join(dir, 'desk.sqlite'));
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const patchItem = (summary: string): OutboxItemInput => ({
  op: 'conversation.patch', recordId: CONV, lane: CONV, idempotencyKey: crypto.randomUUID(), baseVersion: 1, counsellorId: ME,
  payload: { patch: { summary } },
});
const callLogItem = (): OutboxItemInput => ({
  op: 'callLog.put', recordId: LOG, lane: LOG, idempotencyKey: crypto.randomUUID(), baseVersion: null, counsellorId: ME,
  payload: { channel: 'phone', startedAt: now.toISOString(), durationSec: 60 },
});
const copies = (entity: pending.PendingEntity) => pending.pendingCopies(store, entity);
const items = () => store.all<pending.OutboxRow>('SELECT * FROM outbox ORDER BY seq');

describe('the outbox and its local copies (pending-store)', () => {
  it('enqueue validates the payload and keeps one local copy per record, replaced by the newer edit', async () => {
    await expect(store.transaction((tx) => pending.enqueue(tx, { ...patchItem('x'), payload: { patch: { status: 'gone' } } }, now))).rejects.toThrow();
    await store.transaction(async (tx) => {
      await pending.enqueue(tx, patchItem('첫 요약'), now, { entity: 'conversation', id: CONV, conversationId: CONV, data: { summary: '첫 요약' } });
      await pending.enqueue(tx, patchItem('둘째 요약'), now, { entity: 'conversation', id: CONV, conversationId: CONV, data: { summary: '둘째 요약' } });
    });
    expect(await items()).toHaveLength(2);
    const [copy] = await copies('conversation');
    expect(JSON.parse(copy!.data)).toEqual({ summary: '둘째 요약' });
    expect(copy!.state).toBe('sending');
  });

  it('settle drops the local copy only once nothing of the record is still queued', async () => {
    await store.transaction(async (tx) => {
      await pending.enqueue(tx, patchItem('a'), now, { entity: 'conversation', id: CONV, conversationId: CONV, data: {} });
      await pending.enqueue(tx, patchItem('b'), now, { entity: 'conversation', id: CONV, conversationId: CONV, data: {} });
    });
    const [first, second] = await items();
    await store.transaction((tx) => pending.settle(tx, first!));
    expect(await copies('conversation')).toHaveLength(1);
    await store.transaction((tx) => pending.settle(tx, second!));
    expect(await copies('conversation')).toHaveLength(0);
    expect(await items()).toHaveLength(0);
  });

  it('a refused conversation change shows the server state again; a refused record keeps its copy, marked failed', async () => {
    await store.transaction(async (tx) => {
      await pending.enqueue(tx, patchItem('a'), now, { entity: 'conversation', id: CONV, conversationId: CONV, data: {} });
      await pending.enqueue(tx, callLogItem(), now, { entity: 'callLog', id: LOG, conversationId: null, data: { id: LOG } });
    });
    const [patch, put] = await items();
    await store.transaction(async (tx) => {
      await pending.markFailed(tx, patch!, '거절');
      await pending.markFailed(tx, put!, '거절');
    });
    expect(await copies('conversation')).toEqual([]);
    expect(await copies('callLog')).toMatchObject([{ id: LOG, state: 'failed', error: '거절' }]);
    expect((await items()).map((i) => i.state)).toEqual(['failed', 'failed']);
    expect(await pending.countOutbox(store, ME)).toBe(0);
    expect(await pending.countAllOutbox(store)).toBe(2);
  });

  it('a record saved again after a refusal is settled for good when the new save lands (not left "sending")', async () => {
    await store.transaction((tx) => pending.enqueue(tx, callLogItem(), now, { entity: 'callLog', id: LOG, conversationId: null, data: { v: 1 } }));
    const [refused] = await items();
    await store.transaction((tx) => pending.markFailed(tx, refused!, '거절'));
    await store.transaction((tx) => pending.enqueue(tx, callLogItem(), now, { entity: 'callLog', id: LOG, conversationId: null, data: { v: 2 } }));
    const [, again] = await items();
    await store.transaction((tx) => pending.settle(tx, again!));
    expect(await copies('callLog')).toEqual([]);
    expect(await items()).toEqual([]);
  });

  it('a conflict keeps both versions and waits; requeue sends it again on the server version, settle gives it up', async () => {
    await store.transaction((tx) => pending.enqueue(tx, patchItem('mine'), now, { entity: 'conversation', id: CONV, conversationId: CONV, data: {} }));
    const [item] = await items();
    await store.transaction((tx) => pending.markConflict(tx, item!, '충돌', { mine: { summary: 'mine' }, theirs: { version: 5 }, detectedAt: now }));
    expect(await pending.nextDueItem(store, ME, now)).toBeUndefined();
    expect(await pending.countOutbox(store, ME)).toBe(1);
    expect((await store.all('SELECT * FROM conflicts')).length).toBe(1);
    expect(await copies('conversation')).toMatchObject([{ state: 'failed', error: '충돌' }]);

    await store.transaction((tx) => pending.requeue(tx, item!, now, 5));
    expect(await pending.nextDueItem(store, ME, now)).toMatchObject({ seq: item!.seq, base_version: 5, state: 'queued', attempts: 0 });
    expect(await copies('conversation')).toMatchObject([{ state: 'sending', error: null }]);

    await store.transaction((tx) => pending.settle(tx, item!));
    expect(await copies('conversation')).toEqual([]);
  });

  it('a lane waits for its earlier item; a postponed item is due at its time, or at once after dueNow', async () => {
    await store.transaction(async (tx) => {
      await pending.enqueue(tx, patchItem('a'), now);
      await pending.enqueue(tx, patchItem('b'), now);
    });
    const [first] = await items();
    const later = new Date(now.getTime() + 60_000);
    await store.transaction((tx) => pending.postpone(tx, first!.seq, later, 'offline'));
    // The second of the lane may not overtake the first.
    expect(await pending.nextDueItem(store, ME, now)).toBeUndefined();
    expect(await pending.nextDueAt(store, ME)).toBe(now.toISOString());
    expect((await pending.nextDueItem(store, ME, later))?.seq).toBe(first!.seq);
    await store.transaction((tx) => pending.dueNow(tx, ME, now));
    expect((await pending.nextDueItem(store, ME, now))?.seq).toBe(first!.seq);
  });

  it('a message copy goes when a pull brings the message, unless it is still queued', async () => {
    const msg = '44444444-4444-4444-8444-444444444444';
    await store.transaction((tx) => pending.enqueue(tx, {
      op: 'message.create', recordId: msg, lane: CONV, idempotencyKey: msg, baseVersion: null, counsellorId: ME,
      payload: { conversationId: CONV, message: { id: msg, direction: 'outbound', kind: 'text', body: '안녕하세요', programmeId: null } },
    }, now, { entity: 'message', id: msg, conversationId: CONV, data: { id: msg } }));
    expect(await pending.anyPendingMessage(store)).toBe(true);
    await store.transaction((tx) => pending.confirmMessage(tx, msg));
    expect(await copies('message')).toHaveLength(1);
    const [item] = await items();
    await store.transaction((tx) => pending.markFailed(tx, item!, '거절'));
    await store.transaction((tx) => pending.confirmMessage(tx, msg));
    expect(await pending.anyPendingMessage(store)).toBe(false);
  });
});
