import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Conversation, Message } from '../../../../common/domain/index.js';
import { listConversations, messagePage, openChatCounts, pageConversations } from '../../../../electron/services/inbox/inbox-queries.js';
import { putConversation, putMessage } from '../../../../electron/services/replica/write.js';
import { openStore, type Store, type StoreTx } from '../../../../electron/services/store/index.js';

const ME = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const uuid = (prefix: number, i: number) => `${String(prefix).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const at = (minutes: number) => new Date(Date.parse('2026-11-20T00:00:00Z') + minutes * 60_000).toISOString();

function conv(i: number, over: Partial<Conversation> = {}): Conversation {
  return {
    id: uuid(20000000, i), channel: 'kakao', citizenKey: `key-${i}`, citizenName: i % 10 === 0 ? null : `시민 ${i}`, citizenPhone: `010-1234-${String(i).padStart(4, '0')}`,
    status: (['open', 'waiting', 'held', 'closed'] as const)[i % 4]!, assigneeId: i % 3 === 0 ? ME : i % 3 === 1 ? OTHER : null, unreadCount: 0,
    lastMessageAt: at(i), lastMessagePreview: `문의 ${i}`, waitingSince: i % 2 ? at(1000 - i) : null, heldUntil: null, afterHoursNoticeAt: null,
    field: null, summary: null, crisis: i % 97 === 5 ? { kind: 'self_harm', phrase: '죽고 싶어요', messageId: uuid(30000000, i), at: at(i) } : null,
    crisisAnsweredAt: null, satisfaction: null, closedAt: null, createdAt: at(i), updatedAt: at(i), version: 1, ...over,
  };
}

function msg(conversationId: string, i: number, over: Partial<Message> = {}): Message {
  return {
    id: uuid(30000000, i), conversationId, direction: i % 2 ? 'outbound' : 'inbound', kind: 'text', body: `메시지 ${i}`, imageUrl: null, programmeId: null,
    authorId: i % 2 ? ME : null, delivery: i % 2 ? 'delivered' : null, deliveryError: null, createdAt: at(i), ...over,
  };
}

/** The store, recording how many rows each read returned: the window must not read the whole table. */
function counting(store: Store): { db: StoreTx; largest: () => number; reset: () => void } {
  let largest = 0;
  const db: StoreTx = {
    run: (sql, params) => store.run(sql, params),
    get: (sql, params) => store.get(sql, params),
    exec: (sql) => store.exec(sql),
    all: async <T,>(sql: string, params?: Parameters<StoreTx['all']>[1]) => {
      const rows = await store.all<T>(sql, params);
      largest = Math.max(largest, rows.length);
      return rows;
    },
  };
  return { db, largest: () => largest, reset: () => (largest = 0) };
}

let dir: string;
let store: Store;
const N = 1_000;
const rows = Array.from({ length: N }, (_, i) => conv(i));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bokji-inbox-queries-'));
  store = await openStore(join(dir, 'desk.sqlite'));
  await store.transaction(async (tx) => {
    for (const c of rows) await putConversation(tx, c);
    // Nameless rows show their first question; every row has one citizen message.
    for (const [i, c] of rows.entries()) await putMessage(tx, msg(c.id, 2 * i, { body: `첫 질문 ${i}` }));
  });
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const ids = (cs: Array<{ id: string }>) => cs.map((c) => c.id);

describe('the inbox list window', () => {
  it('reads only the window, counts the view by SQL, and cuts the same order as the whole list', async () => {
    const { db, largest } = counting(store);
    const page = await pageConversations(db, { view: 'all', q: '', offset: 100, limit: 50 }, ME);
    const open = rows.filter((c) => c.status !== 'closed');
    expect(page.total).toBe(open.length);
    expect(page.items).toHaveLength(50);
    // No statement handed back more rows than the window.
    expect(largest()).toBeLessThanOrEqual(50);
    const all = await listConversations(store, 'all', '', ME);
    expect(all).toHaveLength(open.length);
    expect(ids(page.items)).toEqual(ids(all.slice(100, 150)));
    // 최근 순: flagged conversations first, then the newest activity.
    const flagged = all.filter((c) => c.crisis);
    expect(flagged.length).toBeGreaterThan(0);
    expect(ids(all.slice(0, flagged.length))).toEqual(ids(flagged));
    const rest = all.slice(flagged.length).map((c) => c.lastMessageAt!);
    expect(rest).toEqual([...rest].sort().reverse());
    // A nameless row of the window still says who it is.
    const nameless = page.items.find((c) => !c.citizenName)!;
    expect(nameless.firstQuestion).toMatch(/^첫 질문 \d+$/);
  });

  it('orders 오래 기다린 순 by waiting time, then the rest by oldest activity, and filters each view', async () => {
    const page = await pageConversations(store, { view: 'unassigned', q: '', sort: 'waiting', offset: 0, limit: 200 }, ME);
    const expected = rows
      .filter((c) => c.assigneeId === null && c.status !== 'closed')
      .sort((a, b) => {
        if (a.waitingSince && b.waitingSince) return a.waitingSince.localeCompare(b.waitingSince);
        if (a.waitingSince || b.waitingSince) return a.waitingSince ? -1 : 1;
        return a.lastMessageAt!.localeCompare(b.lastMessageAt!);
      });
    expect(page.total).toBe(expected.length);
    expect(ids(page.items)).toEqual(ids(expected.slice(0, 200)));
    const mine = await pageConversations(store, { view: 'mine', q: '', offset: 0, limit: 200 }, ME);
    expect(mine.total).toBe(rows.filter((c) => c.assigneeId === ME && c.status !== 'closed').length);
    expect(mine.items.every((c) => c.assigneeId === ME && c.status !== 'closed')).toBe(true);
    const closed = await pageConversations(store, { view: 'closed', q: '', offset: 0, limit: 10 }, ME);
    expect(closed.total).toBe(rows.filter((c) => c.status === 'closed').length);
  });

  it('searches by name, phone digits and message text, with the total of the matches', async () => {
    const byName = await pageConversations(store, { view: 'all', q: '시민 12', offset: 0, limit: 50 }, ME);
    expect(byName.items.every((c) => c.citizenName?.includes('시민 12'))).toBe(true);
    expect(byName.total).toBe(rows.filter((c) => c.status !== 'closed' && c.citizenName?.includes('시민 12')).length);
    const byPhone = await pageConversations(store, { view: 'all', q: '1234-0201', offset: 0, limit: 50 }, ME);
    expect(ids(byPhone.items)).toEqual([rows[201]!.id]);
    const byText = await pageConversations(store, { view: 'all', q: '첫 질문 777', offset: 0, limit: 50 }, ME);
    expect(ids(byText.items)).toEqual([rows[777]!.id]);
    expect((await pageConversations(store, { view: 'all', q: '%_없는검색어_%', offset: 0, limit: 50 }, ME)).total).toBe(0);
  });

  it('lays this desk\'s unconfirmed changes over the rows it filters, orders and counts', async () => {
    const before = await pageConversations(store, { view: 'all', q: '', offset: 0, limit: 5 }, ME);
    const top = before.items[0]!;
    expect(top.crisis).not.toBeNull();
    const open = rows.find((c) => c.status === 'open' && !c.crisis)!;
    await store.run("INSERT INTO local_pending (entity, id, conversation_id, data, state, created_at) VALUES ('conversation', ?, ?, ?, 'sending', ?)", [
      top.id, top.id, JSON.stringify({ crisis: null }), at(0),
    ]);
    await store.run("INSERT INTO local_pending (entity, id, conversation_id, data, state, created_at) VALUES ('conversation', ?, ?, ?, 'sending', ?)", [
      open.id, open.id, JSON.stringify({ status: 'closed', closedAt: at(2000), waitingSince: null }), at(0),
    ]);
    try {
      const after = await pageConversations(store, { view: 'all', q: '', offset: 0, limit: 1000 }, ME);
      expect(after.total).toBe(before.total - 1);
      expect(ids(after.items)).not.toContain(open.id);
      // The dismissed signal no longer lifts the row above the others.
      const moved = after.items.find((c) => c.id === top.id)!;
      expect(moved.crisis).toBeNull();
      expect(after.items.indexOf(moved)).toBeGreaterThan(after.items.filter((c) => c.crisis).length - 1);
      const closed = await pageConversations(store, { view: 'closed', q: '', offset: 0, limit: 1000 }, ME);
      expect(closed.items.find((c) => c.id === open.id)?.status).toBe('closed');
      expect(await openChatCounts(store)).toContainEqual({ assigneeId: open.assigneeId ?? OTHER, count: expect.any(Number) });
    } finally {
      await store.run("DELETE FROM local_pending WHERE entity = 'conversation'");
    }
  });

  it('counts open chats per assignee by SQL', async () => {
    const counts = new Map((await openChatCounts(store)).map((r) => [r.assigneeId, r.count]));
    expect(counts.get(ME)).toBe(rows.filter((c) => c.assigneeId === ME && c.status !== 'closed').length);
    expect(counts.get(OTHER)).toBe(rows.filter((c) => c.assigneeId === OTHER && c.status !== 'closed').length);
  });
});

describe('a conversation\'s pages of messages', () => {
  const c = conv(5_000, { status: 'open' });
  const history = Array.from({ length: 120 }, (_, i) => msg(c.id, 10_000 + i));
  beforeAll(async () => {
    await store.transaction(async (tx) => {
      await putConversation(tx, c);
      for (const m of history) await putMessage(tx, m);
    });
  });

  it('reads the newest page first and older pages before a cursor, each in time order', async () => {
    const { db, largest } = counting(store);
    const newest = await messagePage(db, c.id, null, 50);
    expect(ids(newest.messages)).toEqual(ids(history.slice(70)));
    expect(largest()).toBeLessThanOrEqual(51);
    expect(newest.olderCursor).toEqual({ createdAt: history[70]!.createdAt, id: history[70]!.id });
    const older = await messagePage(store, c.id, newest.olderCursor, 50);
    expect(ids(older.messages)).toEqual(ids(history.slice(20, 70)));
    const oldest = await messagePage(store, c.id, older.olderCursor, 50);
    expect(ids(oldest.messages)).toEqual(ids(history.slice(0, 20)));
    expect(oldest.olderCursor).toBeNull();
  });

  it('shows an unconfirmed message on the page of its time, once', async () => {
    const mine = msg(c.id, 99_999, { direction: 'outbound', body: '보내는 중', createdAt: at(20_000), delivery: 'pending' });
    const confirmed = history[119]!;
    await store.run("INSERT INTO local_pending (entity, id, conversation_id, data, state, created_at) VALUES ('message', ?, ?, ?, 'sending', ?)", [
      mine.id, c.id, JSON.stringify(mine), mine.createdAt,
    ]);
    await store.run("INSERT INTO local_pending (entity, id, conversation_id, data, state, created_at) VALUES ('message', ?, ?, ?, 'sending', ?)", [
      confirmed.id, c.id, JSON.stringify(confirmed), confirmed.createdAt,
    ]);
    try {
      const newest = await messagePage(store, c.id, null, 50);
      expect(newest.messages.at(-1)).toMatchObject({ id: mine.id, localState: 'sending' });
      expect(newest.messages.filter((m) => m.id === confirmed.id)).toEqual([expect.objectContaining({ localState: null })]);
      const older = await messagePage(store, c.id, newest.olderCursor, 50);
      expect(ids(older.messages)).not.toContain(mine.id);
    } finally {
      await store.run("DELETE FROM local_pending WHERE entity = 'message'");
    }
  });
});
