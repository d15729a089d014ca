import { randomUUID } from 'node:crypto';
import type { Conversation, Message } from '../../../common/domain/index.js';
import { signKakaoBody } from '../../../server/channels/kakao/index.js';
import { startKakaoSink } from '../../../server/simulator/index.js';
import { WEBHOOK_SECRET, dropStoreLocation, newStoreLocation, startServer, type TestServer } from '../helpers.js';

async function eventually<T>(fn: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A reply the provider could not take survives a server restart and goes out afterwards. */
describe('Kakao delivery across a server restart (SQLite)', () => {
  it('keeps an undelivered reply pending in the database and delivers it after the restart', async () => {
    const location = await newStoreLocation('sqlite');
    const sink = await startKakaoSink();
    let s: TestServer | null = null;
    try {
      s = await startServer('sqlite', { location, env: { KAKAO_SEND_URL: sink.url } });
      const userKey = `restart-${randomUUID()}`;
      const body = JSON.stringify({ serial_number: randomUUID(), event: 'message', user_key: userKey, message_type: 'TX', message: '병원비 지원 문의', time: new Date().toISOString() });
      expect((await s.call('POST', `${s.url}/api/v1/channels/kakao/webhook`, { rawBody: body, headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(body, WEBHOOK_SECRET) } })).status).toBe(200);
      let token = await s.login('counsellor1');
      const c = ((await s.call('GET', `/conversations?q=${encodeURIComponent(userKey)}`, { token })).body as { items: Conversation[] }).items[0]!;
      const reply = { id: randomUUID(), direction: 'outbound', body: '재난적 의료비 지원을 안내해 드립니다.' };
      // Only this reply fails: an automatic 운영시간 안내 (on a weekend run) must not queue ahead of it.
      sink.failAlways({ status: 503, only: (raw) => raw.includes(reply.id) });
      expect((await s.call('POST', `/conversations/${c.id}/messages`, { token, body: reply })).status).toBe(201);

      // The provider is down: the reply is tried, fails, and stays pending with the reason.
      const server = s;
      const pending = await eventually(async () => {
        const items = ((await server.call('GET', `/conversations/${c.id}/messages`, { token })).body as { items: Message[] }).items;
        return items.find((m) => m.id === reply.id && m.delivery === 'pending' && m.deliveryError?.includes('503'));
      }, 'a failed first attempt');
      expect(pending.deliveryError).toContain('HTTP 503');
      await s.stop();

      sink.failAlways(null);
      s = await startServer('sqlite', { location, env: { KAKAO_SEND_URL: sink.url } });
      token = await s.login('counsellor1');
      const restarted = s;
      await eventually(async () => {
        const items = ((await restarted.call('GET', `/conversations/${c.id}/messages`, { token })).body as { items: Message[] }).items;
        return items.find((m) => m.id === reply.id && m.delivery === 'delivered');
      }, 'delivery after the restart');
      expect(sink.received.filter((r) => r.message.serial_number === reply.id)).toHaveLength(1);
    } finally {
      await s?.stop();
      await sink.close();
      await dropStoreLocation(location);
    }
  });
});
