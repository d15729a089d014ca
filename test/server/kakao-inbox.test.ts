import { randomUUID } from 'node:crypto';
import { Conversation, Message } from '../../common/domain/index.js';
import { CITIZEN_ENDED_CHAT, createKakaoInbox } from '../../server/db/kakao-inbox.js';
import { parseStored } from '../../server/db/json.js';
import { ALL_TABLES } from '../../server/db/schema.js';
import { openStore, type Store } from '../../server/db/store.js';
import { ENGINES, dropStoreLocation, newStoreLocation, testConfig, type TestStoreLocation } from './helpers.js';

describe.each(ENGINES)('Kakao inbox port over the data layer (%s)', (engine) => {
  // A bare store, no server: no outbound loop races the deliveries this test schedules.
  let location: TestStoreLocation;
  let store: Store;
  const s = {
    app: { get store() { return store; } },
    async countRows() {
      const counts: Record<string, number> = {};
      for (const table of ALL_TABLES) {
        const row = await store.db.selectFrom(table as 'changes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
        counts[table] = Number(row.n);
      }
      return counts;
    },
  };
  beforeAll(async () => {
    location = await newStoreLocation(engine);
    store = await openStore(testConfig(location).database);
  });
  afterAll(async () => {
    await store?.close();
    await dropStoreLocation(location);
  });

  const event = (userKey: string, over: Partial<Parameters<ReturnType<typeof createKakaoInbox>['fileInbound']>[0]> = {}) => ({
    serialNumber: randomUUID(),
    event: 'message' as const,
    userKey,
    messageType: 'TX' as const,
    message: '안녕하세요',
    imageUrl: null,
    sentAt: '2026-11-28T01:00:00.000Z',
    ...over,
  });
  const conversation = async (id: string) =>
    parseStored(Conversation, (await s.app.store.db.selectFrom('conversations').select('data').where('id', '=', id).executeTakeFirstOrThrow()).data, 'conversations');

  it('files messages into the open conversation, opens a new one after 종료, and de-duplicates by serial number', async () => {
    const port = createKakaoInbox(s.app.store);
    const userKey = `u-${randomUUID()}`;
    const first = await port.fileInbound(event(userKey));
    expect(first).toMatchObject({ duplicate: false, afterHoursNoticeAlreadySent: false });
    expect(first.messageId).not.toBeNull();
    const second = await port.fileInbound(event(userKey, { messageType: 'IM', message: '', imageUrl: 'https://example.com/a.png' }));
    expect(second.conversationId).toBe(first.conversationId);
    const c = await conversation(first.conversationId);
    // Waiting counts from the server's receipt of the first message, not the provider's `time`.
    const received = parseStored(Message, (await s.app.store.db.selectFrom('messages').select('data').where('id', '=', first.messageId!).executeTakeFirstOrThrow()).data, 'messages').createdAt;
    expect(c).toMatchObject({ unreadCount: 2, waitingSince: received, lastMessagePreview: '(사진)', status: 'open' });
    const image = parseStored(Message, (await s.app.store.db.selectFrom('messages').select('data').where('id', '=', second.messageId!).executeTakeFirstOrThrow()).data, 'messages');
    expect(image).toMatchObject({ kind: 'image', imageUrl: 'https://example.com/a.png', direction: 'inbound' });

    const again = event(userKey);
    await port.fileInbound(again);
    const before = await s.countRows();
    expect(await port.fileInbound(again)).toMatchObject({ duplicate: true, conversationId: first.conversationId, messageId: null });
    expect(await s.countRows()).toEqual(before);

    await s.app.store.write(null, async (tx) => {
      const closed = { ...c, status: 'closed' as const, version: c.version + 10 };
      await tx.trx.updateTable('conversations').set({ status: 'closed', data: JSON.stringify(closed) }).where('id', '=', c.id).execute();
    });
    const fresh = await port.fileInbound(event(userKey, { message: '다시 문의드립니다' }));
    expect(fresh.conversationId).not.toBe(first.conversationId);

    const start = await port.fileInbound(event(`u-${randomUUID()}`, { event: 'chat_start', message: '' }));
    expect(start.messageId).toBeNull();
  });

  it('records a citizen\'s chat_end as a system message without closing anything; chat_start after 종료 opens a new conversation', async () => {
    const port = createKakaoInbox(s.app.store);
    const userKey = `u-${randomUUID()}`;
    const messagesOf = async (conversationId: string) =>
      (await s.app.store.db.selectFrom('messages').select('data').where('conversation_id', '=', conversationId).orderBy('created_at').orderBy('id').execute())
        .map((r) => parseStored(Message, r.data, 'messages'));
    const first = await port.fileInbound(event(userKey));
    const ended = await port.fileInbound(event(userKey, { event: 'chat_end', message: '' }));
    expect(ended).toMatchObject({ duplicate: false, conversationId: first.conversationId });
    const note = (await messagesOf(first.conversationId)).find((m) => m.id === ended.messageId);
    expect(note).toMatchObject({ direction: 'system', kind: 'event', body: CITIZEN_ENDED_CHAT, authorId: null, delivery: null });
    let c = await conversation(first.conversationId);
    const received = (await messagesOf(first.conversationId)).find((m) => m.id === first.messageId)!.createdAt;
    expect(c).toMatchObject({ status: 'open', closedAt: null, unreadCount: 2, lastMessagePreview: CITIZEN_ENDED_CHAT, waitingSince: received });
    const feed = await s.app.store.db.selectFrom('changes').select('data').where('record_id', '=', ended.messageId!).execute();
    expect(feed).toHaveLength(1);

    // A chat held "until the citizen's next message" comes back to the counsellor when the citizen leaves.
    await s.app.store.write(null, async (tx) => {
      const held = { ...c, status: 'held' as const, heldUntil: null, version: c.version + 1 };
      await tx.trx.updateTable('conversations').set({ status: 'held', version: held.version, data: JSON.stringify(held) }).where('id', '=', c.id).execute();
    });
    const withText = await port.fileInbound(event(userKey, { event: 'chat_end', message: '감사합니다' }));
    c = await conversation(first.conversationId);
    expect(c.status).toBe('open');
    const all = await messagesOf(first.conversationId);
    expect(all.find((m) => m.id === withText.messageId)).toMatchObject({ direction: 'system', body: `${CITIZEN_ENDED_CHAT}\n감사합니다` });
    expect(all.filter((m) => m.direction === 'inbound')).toHaveLength(1);

    // After the counsellor's 종료, a late chat_end is noted in that conversation and reopens nothing.
    await s.app.store.write(null, async (tx) => {
      const closed = { ...c, status: 'closed' as const, unreadCount: 0, version: c.version + 1 };
      await tx.trx.updateTable('conversations').set({ status: 'closed', version: closed.version, data: JSON.stringify(closed) }).where('id', '=', c.id).execute();
    });
    const late = await port.fileInbound(event(userKey, { event: 'chat_end', message: '' }));
    expect(late.conversationId).toBe(first.conversationId);
    expect(await conversation(first.conversationId)).toMatchObject({ status: 'closed', unreadCount: 0 });
    const rows = await s.app.store.db.selectFrom('conversations').select('id').where('citizen_key', '=', userKey).execute();
    expect(rows).toHaveLength(1);

    const started = await port.fileInbound(event(userKey, { event: 'chat_start', message: '' }));
    expect(started.conversationId).not.toBe(first.conversationId);
    expect(started.messageId).toBeNull();
    expect(await conversation(started.conversationId)).toMatchObject({ status: 'open', citizenKey: userKey, closedAt: null });
  });

  it('records the 운영시간 안내 once per conversation, and schedules, retries and fails deliveries visibly', async () => {
    const port = createKakaoInbox(s.app.store);
    const userKey = `u-${randomUUID()}`;
    const filed = await port.fileInbound(event(userKey));
    const noticeId = await port.recordAfterHoursNotice(filed.conversationId, '운영시간이 아닙니다.');
    expect(noticeId).not.toBeNull();
    expect(await port.recordAfterHoursNotice(filed.conversationId, '운영시간이 아닙니다.')).toBeNull();
    expect((await port.fileInbound(event(userKey))).afterHoursNoticeAlreadySent).toBe(true);
    expect((await conversation(filed.conversationId)).afterHoursNoticeAt).not.toBeNull();
    // The list keeps showing what the citizen asked, not the automatic reply.
    expect((await conversation(filed.conversationId)).lastMessagePreview).not.toBe('운영시간이 아닙니다.');

    const now = new Date();
    const due = (await port.claimDeliveries(1000, now)).filter((d) => d.userKey === userKey);
    expect(due.map((d) => d.messageId)).toEqual([noticeId]);
    expect(due[0]).toMatchObject({ conversationId: filed.conversationId, userKey, kind: 'text', body: '운영시간이 아닙니다.', attempts: 0 });
    // Claimed: nobody else (another instance) gets it while the lease holds.
    expect((await port.claimDeliveries(1000, now)).filter((d) => d.userKey === userKey)).toEqual([]);
    expect(await port.setDelivery(due[0]!, { status: 'pending', error: 'HTTP 503', nextAttemptAt: new Date(now.getTime() + 60_000) })).toBe(true);
    expect((await port.claimDeliveries(1000, now)).filter((d) => d.userKey === userKey)).toEqual([]);
    const later = (await port.claimDeliveries(1000, new Date(now.getTime() + 61_000))).filter((d) => d.userKey === userKey);
    expect(later).toMatchObject([{ messageId: noticeId, attempts: 1 }]);
    // The first claim's token no longer holds.
    expect(await port.setDelivery(due[0]!, { status: 'delivered' })).toBe(false);
    await port.setDelivery(later[0]!, { status: 'failed', error: '카카오 발송 실패 HTTP 400: invalid user' });
    const failed = parseStored(Message, (await s.app.store.db.selectFrom('messages').select('data').where('id', '=', noticeId!).executeTakeFirstOrThrow()).data, 'messages');
    expect(failed).toMatchObject({ delivery: 'failed', deliveryError: '카카오 발송 실패 HTTP 400: invalid user', direction: 'outbound', authorId: null });
    const feed = await s.app.store.db.selectFrom('changes').select('data').where('record_id', '=', noticeId!).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(parseStored(Message, feed.data, 'messages').delivery).toBe('failed');
  });
});
