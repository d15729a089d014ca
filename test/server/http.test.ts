import { randomUUID } from 'node:crypto';
import type { CallLog, Conversation, Message } from '../../common/domain/index.js';
import { hashBody } from '../../server/http/idempotency.js';
import { startServer, ENGINES, isProblem, type TestServer } from './helpers.js';

const callLogInput = (over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  startedAt: '2026-11-20T01:00:00.000Z',
  durationSec: 300,
  callerName: '홍길동',
  callerPhone: '01012345678',
  field: '저소득층 지원',
  need: '기초생활수급 신청 문의',
  ...over,
});

describe.each(ENGINES)('HTTP discipline (%s)', (engine) => {
  let s: TestServer;
  let token: string;
  let conversation: Conversation;
  beforeAll(async () => {
    s = await startServer(engine);
    token = await s.login('counsellor1');
    const list = await s.call('GET', '/conversations?status=open', { token });
    conversation = (list.body as { items: Conversation[] }).items[0]!;
  });
  afterAll(async () => {
    await s?.close();
  });

  describe('Idempotency-Key', () => {
    it('replays the stored response for the same key and payload, writing once', async () => {
      const msg = { id: randomUUID(), direction: 'note', body: '내부 메모: 서류 확인 필요' };
      const first = await s.call('POST', `/conversations/${conversation.id}/messages`, { token, body: msg, headers: { 'idempotency-key': msg.id } });
      expect(first.status).toBe(201);
      const before = await s.countRows();
      const again = await s.call('POST', `/conversations/${conversation.id}/messages`, { token, body: msg, headers: { 'idempotency-key': msg.id } });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await s.countRows()).toEqual(before);
      expect((first.body as Message).delivery).toBeNull();
    });

    it('uses body.id as the key when the header is absent', async () => {
      const msg = { id: randomUUID(), direction: 'note', body: '헤더 없는 메모' };
      const a = await s.call('POST', `/conversations/${conversation.id}/messages`, { token, body: msg });
      const b = await s.call('POST', `/conversations/${conversation.id}/messages`, { token, body: msg });
      expect(a.status).toBe(201);
      expect(b.body).toEqual(a.body);
    });

    it('answers 422 for the same key with another payload and writes nothing', async () => {
      const id = randomUUID();
      await s.call('POST', `/conversations/${conversation.id}/messages`, { token, body: { id, direction: 'note', body: '하나' } });
      const before = await s.countRows();
      const other = await s.call('POST', `/conversations/${conversation.id}/messages`, { token, body: { id, direction: 'note', body: '둘' } });
      expect(isProblem(other, 422)).toBe(true);
      expect(await s.countRows()).toEqual(before);
    });

    const claimKey = async (body: Record<string, unknown>, createdAt: string) => {
      const me = (await s.call('GET', '/me', { token })).body as { counsellor: { id: string } };
      await s.app.store.db.insertInto('idempotency_keys').values({
        key: body.id as string,
        route: `POST /api/v1/conversations/${conversation.id}/messages`,
        counsellor_id: me.counsellor.id,
        // The hash of the body as validated (defaults filled in).
        body_hash: hashBody({ ...body, kind: 'text', programmeId: null }),
        state: 'pending',
        status_code: null,
        response_body: null,
        created_at: createdAt,
      }).execute();
    };

    it('answers 409 with Retry-After while the first request with that key is still in flight', async () => {
      const body = { id: randomUUID(), direction: 'note', body: '처리 중' };
      await claimKey(body, new Date().toISOString());
      const before = await s.countRows();
      const dup = await s.call('POST', `/conversations/${conversation.id}/messages`, { token, body });
      expect(isProblem(dup, 409)).toBe(true);
      expect(dup.headers.get('retry-after')).toBe('1');
      expect(await s.countRows()).toEqual(before);
    });

    it('concurrent duplicates create the message exactly once', async () => {
      const body = { id: randomUUID(), direction: 'note', body: '동시 요청' };
      const all = await Promise.all([1, 2, 3, 4].map(() => s.call('POST', `/conversations/${conversation.id}/messages`, { token, body })));
      expect(all.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
      for (const r of all) if (r.status !== 201) expect(isProblem(r, 409)).toBe(true);
      const rows = await s.app.store.db.selectFrom('messages').select('id').where('id', '=', body.id).execute();
      expect(rows).toHaveLength(1);
    });

    it('a stale in-flight claim (a request that crashed) is taken over by the retry', async () => {
      const body = { id: randomUUID(), direction: 'note', body: '재시도' };
      await claimKey(body, '2000-01-01T00:00:00.000Z');
      const retry = await s.call('POST', `/conversations/${conversation.id}/messages`, { token, body });
      expect(retry.status).toBe(201);
      const row = await s.app.store.db.selectFrom('idempotency_keys').selectAll().where('key', '=', body.id).executeTakeFirstOrThrow();
      expect(row.state).toBe('done');
      expect(row.status_code).toBe(201);
    });
  });

  describe('ETag / If-Match', () => {
    it('GET gives an ETag; PATCH without If-Match is 428, stale is 412, current succeeds', async () => {
      const got = await s.call('GET', `/conversations/${conversation.id}`, { token });
      const version = (got.body as Conversation).version;
      expect(got.headers.get('etag')).toBe(`"${version}"`);
      const missing = await s.call('PATCH', `/conversations/${conversation.id}`, { token, body: { markRead: true } });
      expect(isProblem(missing, 428)).toBe(true);
      const stale = await s.call('PATCH', `/conversations/${conversation.id}`, { token, body: { markRead: true }, headers: { 'if-match': `"${version - 1}"` } });
      expect(isProblem(stale, 412)).toBe(true);
      expect(stale.headers.get('etag')).toBe(`"${version}"`);
      const ok = await s.call('PATCH', `/conversations/${conversation.id}`, { token, body: { markRead: true }, headers: { 'if-match': `"${version}"` } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ version: version + 1 });
      expect(ok.headers.get('etag')).toBe(`"${version + 1}"`);
    });

    it('call logs: create with the client UUID, then update only with a current If-Match, keeping history', async () => {
      const id = randomUUID();
      const created = await s.call('PUT', `/call-logs/${id}`, { token, body: callLogInput() });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id, version: 1 });
      const replay = await s.call('PUT', `/call-logs/${id}`, { token, body: callLogInput() });
      expect(replay.status).toBe(201);
      const noIfMatch = await s.call('PUT', `/call-logs/${id}`, { token, body: callLogInput({ durationSec: 301 }) });
      expect(isProblem(noIfMatch, 428)).toBe(true);
      const stale = await s.call('PUT', `/call-logs/${id}`, { token, body: callLogInput({ durationSec: 301 }), headers: { 'if-match': '"7"' } });
      expect(isProblem(stale, 412)).toBe(true);
      const updated = await s.call('PUT', `/call-logs/${id}`, {
        token,
        body: callLogInput({ durationSec: 420, notes: '주민번호 900101-1234567 확인' }),
        headers: { 'if-match': '"1"' },
      });
      expect(updated.status).toBe(200);
      const log = updated.body as CallLog;
      expect(log.version).toBe(2);
      expect(log.notes).not.toContain('1234567');
      const history = await s.call('GET', `/call-logs/${id}/history`, { token });
      const revisions = (history.body as { revisions: { changes: Record<string, { from: unknown; to: unknown }> }[] }).revisions;
      expect(revisions).toHaveLength(1);
      expect(revisions[0]!.changes.durationSec).toEqual({ from: 300, to: 420 });
      expect(Object.keys(revisions[0]!.changes).sort()).toEqual(['durationSec', 'notes']);
    });
  });

  describe('problem+json for every error', () => {
    it('404 for an unknown route and an unknown id', async () => {
      expect(isProblem(await s.call('GET', '/no-such-thing', { token }), 404)).toBe(true);
      expect(isProblem(await s.call('GET', `/conversations/${randomUUID()}`, { token }), 404)).toBe(true);
      expect(isProblem(await s.call('GET', `/call-logs/${randomUUID()}`, { token }), 404)).toBe(true);
      expect(isProblem(await s.call('GET', '/programmes/NOPE-1', { token }), 404)).toBe(true);
    });

    it('400 with an errors list for invalid input', async () => {
      const r = await s.call('PUT', `/call-logs/${randomUUID()}`, { token, body: { channel: 'fax', durationSec: -1 } });
      expect(isProblem(r, 400)).toBe(true);
      const errors = (r.body as { errors: { path: string; message: string }[] }).errors;
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.some((e) => e.path.includes('channel'))).toBe(true);
      expect(isProblem(await s.call('GET', '/conversations/not-a-uuid', { token }), 400)).toBe(true);
    });

    it('400 for malformed JSON, 415 for another content type, 413 for a huge body', async () => {
      const url = `/conversations/${conversation.id}/messages`;
      expect(isProblem(await s.call('POST', url, { token, rawBody: '{"id":', headers: { 'content-type': 'application/json' } }), 400)).toBe(true);
      expect(isProblem(await s.call('POST', url, { token, rawBody: 'hello', headers: { 'content-type': 'text/plain' } }), 415)).toBe(true);
      const huge = JSON.stringify({ id: randomUUID(), direction: 'note', body: 'x'.repeat(300 * 1024) });
      expect(isProblem(await s.call('POST', url, { token, rawBody: huge, headers: { 'content-type': 'application/json' } }), 413)).toBe(true);
    });

    it('cursor pagination of conversations and messages', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const r = await s.call('GET', `/conversations?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token });
        const page = r.body as { items: Conversation[]; nextCursor: string | null };
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(5);
      expect(isProblem(await s.call('GET', '/conversations?cursor=garbage', { token }), 400)).toBe(true);

      // Messages page oldest first, call logs newest first: paging by 1–2 gives the whole list, in order.
      const pages = async <T extends { id: string }>(path: string, limit: number): Promise<T[]> => {
        const out: T[] = [];
        let next: string | null = null;
        do {
          const r = await s.call('GET', `${path}${path.includes('?') ? '&' : '?'}limit=${limit}${next ? `&cursor=${next}` : ''}`, { token });
          const page = r.body as { items: T[]; nextCursor: string | null };
          out.push(...page.items);
          next = page.nextCursor;
        } while (next);
        return out;
      };
      const all = await pages<{ id: string; createdAt: string }>(`/conversations/${conversation.id}/messages`, 500);
      expect(all.length).toBeGreaterThan(2);
      expect(all.map((m) => m.createdAt)).toEqual([...all.map((m) => m.createdAt)].sort());
      expect((await pages<{ id: string }>(`/conversations/${conversation.id}/messages`, 2)).map((m) => m.id)).toEqual(all.map((m) => m.id));
      for (let i = 0; i < 3; i++) expect((await s.call('PUT', `/call-logs/${randomUUID()}`, { token, body: callLogInput() })).status).toBe(201);
      const logs = await pages<{ id: string; startedAt: string }>('/call-logs', 500);
      expect(logs.length).toBeGreaterThan(1);
      expect(logs.map((l) => l.startedAt)).toEqual([...logs.map((l) => l.startedAt)].sort().reverse());
      expect((await pages<{ id: string }>('/call-logs', 1)).map((l) => l.id)).toEqual(logs.map((l) => l.id));
    });
  });
});

describe('idempotency across a crash (sqlite)', () => {
  it('a claim left in flight by a killed process does not block the retry after restart', async () => {
    const { newStoreLocation, dropStoreLocation } = await import('./helpers.js');
    const location = await newStoreLocation('sqlite');
    try {
      const first = await startServer('sqlite', { location });
      const token = await first.login('counsellor1');
      const conv = ((await first.call('GET', '/conversations?status=open', { token })).body as { items: Conversation[] }).items[0]!;
      const me = ((await first.call('GET', '/me', { token })).body as { counsellor: { id: string } }).counsellor;
      const body = { id: randomUUID(), direction: 'note', body: '죽은 요청' };
      await first.app.store.db.insertInto('idempotency_keys').values({
        key: body.id, route: `POST /api/v1/conversations/${conv.id}/messages`, counsellor_id: me.id,
        body_hash: hashBody({ ...body, kind: 'text', programmeId: null }), state: 'pending', status_code: null,
        response_body: null, created_at: new Date().toISOString(),
      }).execute();
      expect((await first.call('POST', `/conversations/${conv.id}/messages`, { token, body })).status).toBe(409);
      await first.stop();
      const second = await startServer('sqlite', { location });
      const retry = await second.call('POST', `/conversations/${conv.id}/messages`, { token, body });
      expect(retry.status).toBe(201);
      // And once more, now replayed.
      expect((await second.call('POST', `/conversations/${conv.id}/messages`, { token, body })).body).toEqual(retry.body);
      await second.stop();
    } finally {
      await dropStoreLocation(location);
    }
  });
});
