import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Conversation } from '../../../common/domain/index.js';
import { signKakaoBody } from '../../../server/channels/kakao/index.js';
import { getConversation, listConversations, newConversation } from '../../../server/db/conversations.js';
import { parseStored, StoredRowError, storedJson } from '../../../server/db/json.js';
import { startServer, WEBHOOK_SECRET, type TestServer } from '../helpers.js';

describe('parseStored', () => {
  const c = newConversation('kakao-user-json', '2026-11-27T05:00:00.000Z');

  it('gives back the record when the row matches its schema', () => {
    expect(parseStored(Conversation, JSON.stringify(c), 'conversations')).toEqual(c);
  });

  it('names the table, the row and the field when it does not', () => {
    const bad = JSON.stringify({ ...c, status: 'archived' });
    expect(() => parseStored(Conversation, bad, 'conversations')).toThrow(StoredRowError);
    expect(() => parseStored(Conversation, bad, 'conversations')).toThrow(new RegExp(`저장된 conversations 행 '${c.id}' .*status`));
  });

  it('uses the id it is given, and says so for text that is not JSON', () => {
    expect(() => parseStored(z.array(z.string()), '[1]', 'counsellors', 'c-1')).toThrow(/counsellors 행 'c-1'.*0:/);
    expect(() => storedJson('{"id":', 'messages', 'm-1')).toThrow(/저장된 messages 행 'm-1' .*JSON/);
  });
});

describe('a corrupt stored row', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer('sqlite');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('fails the read with the table and id instead of handing out a wrong record', async () => {
    const userKey = `citizen-${randomUUID()}`;
    const raw = JSON.stringify({ serial_number: randomUUID(), event: 'message', user_key: userKey, message_type: 'TX', message: '문의', time: new Date().toISOString() });
    const filed = await s.call('POST', `${s.url}/api/v1/channels/kakao/webhook`, {
      rawBody: raw,
      headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(raw, WEBHOOK_SECRET) },
    });
    expect(filed.status).toBe(200);
    const row = await s.app.store.db.selectFrom('conversations').select(['id', 'data']).where('citizen_key', '=', userKey).executeTakeFirstOrThrow();
    const corrupt = JSON.stringify({ ...(JSON.parse(row.data) as object), version: 'two' });
    await s.app.store.db.updateTable('conversations').set({ data: corrupt }).where('id', '=', row.id).execute();
    await expect(getConversation(s.app.store.db, row.id)).rejects.toThrow(new RegExp(`conversations 행 '${row.id}'.*version`));
    await expect(listConversations(s.app.store.db, {}, { limit: 500 })).rejects.toThrow(StoredRowError);
  });
});
