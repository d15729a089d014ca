import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { Conversation, Message } from '../../common/domain/index.js';
import type { InboundCitizenEvent } from '../../server/channels/kakao/port.js';
import { newConversation } from '../../server/db/conversations.js';
import { parseStored } from '../../server/db/json.js';
import { createKakaoInbox } from '../../server/db/kakao-inbox.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import type { Database } from '../../server/db/schema.js';
import { Sqlite3Dialect } from '../../server/db/sqlite-dialect.js';
import { openStore, type Store } from '../../server/db/store.js';
import { isOpenConversationConflict } from '../../server/db/unique-violation.js';
import { ENGINES, TEST_DATABASE_URL, dropStoreLocation, newStoreLocation, testConfig, type TestStoreLocation } from './helpers.js';

const event = (userKey: string, over: Partial<InboundCitizenEvent> = {}): InboundCitizenEvent => ({
  serialNumber: randomUUID(),
  event: 'message',
  userKey,
  messageType: 'TX',
  message: '안녕하세요',
  imageUrl: null,
  sentAt: '2026-11-28T01:00:00.000Z',
  ...over,
});

async function conversationsOf(store: Store, userKey: string): Promise<Conversation[]> {
  const rows = await store.db.selectFrom('conversations').select('data').where('citizen_key', '=', userKey).execute();
  return rows.map((r) => parseStored(Conversation, r.data, 'conversations'));
}

/** A bare Kysely on the test location, migrated only up to `target`. */
async function olderDatabase(loc: TestStoreLocation, target: string): Promise<Kysely<Database>> {
  const config = testConfig(loc).database;
  let db: Kysely<Database>;
  if (config.engine === 'postgres') {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema if not exists "${config.schema}"`);
    await admin.end();
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, max: 2, options: `-c search_path=${config.schema}` }) }) });
  } else {
    db = new Kysely<Database>({ dialect: new Sqlite3Dialect({ file: config.file }) });
  }
  await migrateToLatest(db, target, config.engine === 'postgres' ? (config.schema ?? undefined) : undefined);
  return db;
}

describe.each(ENGINES)('one open conversation per citizen (%s)', (engine) => {
  const locations: TestStoreLocation[] = [];
  const stores: Store[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const l of locations.splice(0)) await dropStoreLocation(l);
  });
  const location = async () => {
    const l = await newStoreLocation(engine);
    locations.push(l);
    return l;
  };
  const open = async (l: TestStoreLocation) => {
    const s = await openStore(testConfig(l).database);
    stores.push(s);
    return s;
  };

  it('files concurrent first messages of one citizen, through two server instances, into exactly one conversation', async () => {
    const loc = await location();
    // Two stores on one database stand for two server instances: no in-process queue orders them.
    const [a, b] = [await open(loc), await open(loc)];
    const ports = [createKakaoInbox(a), createKakaoInbox(b)];
    const userKey = `u-${randomUUID()}`;
    const events = Array.from({ length: 24 }, (_, i) => event(userKey, { message: `메시지 ${i}` }));
    const filed = await Promise.all(events.map((e, i) => ports[i % 2]!.fileInbound(e)));

    const conversations = await conversationsOf(a, userKey);
    expect(conversations).toHaveLength(1);
    const [only] = conversations;
    expect(only!.status).toBe('open');
    expect(new Set(filed.map((f) => f.conversationId))).toEqual(new Set([only!.id]));
    expect(filed.every((f) => !f.duplicate && f.messageId !== null)).toBe(true);
    const messages = (await a.db.selectFrom('messages').select('data').where('conversation_id', '=', only!.id).execute()).map((r) => parseStored(Message, r.data, 'messages'));
    expect(messages.map((m) => m.body).sort()).toEqual(events.map((e) => e.message).sort());
    // Every message counted: no filing overwrote another's update of the conversation.
    expect(only!.unreadCount).toBe(events.length);
    // The feed's last word on the conversation is the row as stored.
    const last = await a.db.selectFrom('changes').select('data').where('entity', '=', 'conversation').where('record_id', '=', only!.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(parseStored(Conversation, last.data, 'conversations')).toEqual(only);
  });

  it('files a redelivery racing its first delivery once', async () => {
    const loc = await location();
    const [a, b] = [await open(loc), await open(loc)];
    const e = event(`u-${randomUUID()}`);
    const results = await Promise.all([createKakaoInbox(a).fileInbound(e), createKakaoInbox(b).fileInbound(e)]);
    expect(results.filter((r) => r.duplicate)).toHaveLength(1);
    expect(results[0]!.conversationId).toBe(results[1]!.conversationId);
    expect(await a.db.selectFrom('messages').select('id').where('serial_number', '=', e.serialNumber).execute()).toHaveLength(1);
  });

  it('refuses a second open conversation in the database itself, and recognises the refusal', async () => {
    const store = await open(await location());
    const userKey = `u-${randomUUID()}`;
    await createKakaoInbox(store).fileInbound(event(userKey));
    const second = newConversation(userKey, new Date().toISOString());
    const insert = store.db.insertInto('conversations').values({
      id: second.id, citizen_key: userKey, status: 'waiting', assignee_id: null, held_until: null, search_text: '',
      updated_at: second.updatedAt, created_at: second.createdAt, version: 1, data: JSON.stringify({ ...second, status: 'waiting' }),
    }).execute();
    const err = await insert.then(() => null, (e: unknown) => e);
    expect(err).not.toBeNull();
    expect(isOpenConversationConflict(err)).toBe(true);
    // A closed one beside the open one is fine.
    await store.db.insertInto('conversations').values({
      id: randomUUID(), citizen_key: userKey, status: 'closed', assignee_id: null, held_until: null, search_text: '',
      updated_at: second.updatedAt, created_at: second.createdAt, version: 1, data: JSON.stringify({ ...second, status: 'closed' }),
    }).execute();
    expect(await conversationsOf(store, userKey)).toHaveLength(2);
    expect(isOpenConversationConflict(new Error('UNIQUE constraint failed: conversations.citizen_key'))).toBe(false);
  });

  it('migration 003 closes all but the newest of a citizen\'s open conversations and tells the change feed', async () => {
    const loc = await location();
    const db = await olderDatabase(loc, '002-held-until');
    const userKey = `u-${randomUUID()}`;
    const at = (m: number) => new Date(Date.UTC(2026, 10, 27, 1, m)).toISOString();
    const rows = [0, 1, 2].map((i) => {
      const c: Conversation = { ...newConversation(userKey, at(i)), status: i === 1 ? 'held' : 'open', unreadCount: 1 };
      return { c, row: { id: c.id, citizen_key: userKey, status: c.status, assignee_id: null, held_until: null, search_text: '', updated_at: c.updatedAt, created_at: c.createdAt, version: 1, data: JSON.stringify(c) } };
    });
    await db.insertInto('conversations').values(rows.map((r) => r.row)).execute();
    await db.insertInto('changes').values({ seq: 7, entity: 'conversation', record_id: rows[2]!.c.id, data: rows[2]!.row.data, created_at: at(2) }).execute();
    await db.destroy();

    const store = await open(loc);
    const after = await conversationsOf(store, userKey);
    const newest = after.find((c) => c.id === rows[2]!.c.id)!;
    expect(newest.status).toBe('open');
    const closed = after.filter((c) => c.id !== newest.id);
    expect(closed.map((c) => c.status)).toEqual(['closed', 'closed']);
    for (const c of closed) {
      expect(c.summary).toContain(newest.id);
      expect(c.version).toBe(2);
      expect(c.closedAt).not.toBeNull();
    }
    const feed = await store.db.selectFrom('changes').select(['seq', 'record_id', 'data']).orderBy('seq').execute();
    expect(feed.map((f) => Number(f.seq))).toEqual([7, 8, 9]);
    expect(new Set(feed.slice(1).map((f) => f.record_id))).toEqual(new Set(closed.map((c) => c.id)));
    // And the citizen's next message goes to the survivor.
    expect((await createKakaoInbox(store).fileInbound(event(userKey))).conversationId).toBe(newest.id);
  });
});
