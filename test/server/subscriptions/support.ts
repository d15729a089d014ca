import { randomUUID } from 'node:crypto';
import type { Conversation, Message } from '../../../common/domain/index.js';
import { signKakaoBody } from '../../../server/channels/kakao/index.js';
import { startKakaoSink, type KakaoSink } from '../../../server/simulator/index.js';
import { type EngineName, WEBHOOK_SECRET, startServer, type TestServer } from '../helpers.js';

/** What the 구독 tests share: a server whose Kakao replies and notices go to a sink, and the three roles' tokens. */
export interface SubscriptionWorld {
  s: TestServer;
  sink: KakaoSink;
  admin: string;
  supervisor: string;
  counsellor: string;
}

/**
 * Starts that world for the file's describe block (quiet hours off, notices at 200/s) and stops
 * it after; the returned object is filled in beforeAll.
 */
export function useSubscriptionWorld(engine: EngineName): SubscriptionWorld {
  const world = {} as SubscriptionWorld;
  beforeAll(async () => {
    world.sink = await startKakaoSink();
    world.s = await startServer(engine, { env: { KAKAO_SEND_URL: world.sink.url, BOKJI_BROADCAST_QUIET_HOURS: 'off', BOKJI_BROADCAST_RATE_PER_S: '200' } });
    [world.admin, world.supervisor, world.counsellor] = await Promise.all([world.s.login('admin'), world.s.login('supervisor1'), world.s.login('counsellor1')]);
  });
  afterAll(async () => {
    await world.s?.close();
    await world.sink?.close();
  });
  return world;
}

export async function eventually<T>(fn: () => Promise<T | null | undefined | false> | T | null | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

export const citizenEvent = (userKey: string, message: string, serial = randomUUID()) => ({
  serial_number: serial, event: 'message', user_key: userKey, message_type: 'TX', message, time: new Date().toISOString(),
});

/** Posts a signed citizen event to the webhook. */
export function webhook(s: TestServer, payload: unknown) {
  const raw = JSON.stringify(payload);
  return s.call('POST', `${s.url}/api/v1/channels/kakao/webhook`, {
    rawBody: raw,
    headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(raw, WEBHOOK_SECRET) },
  });
}

/** Replies (not notices) the sink received for this citizen, in order. */
export const repliesTo = (sink: KakaoSink, userKey: string) =>
  sink.received
    .filter((r) => r.message.user_key === userKey && !r.message.broadcast_id && !r.message.message.includes('상담 운영시간'))
    .map((r) => r.message.message);

/** Sends a text and waits until the channel's answer reached the sink; returns the answer. */
export async function say(s: TestServer, sink: KakaoSink, userKey: string, text: string): Promise<string> {
  const before = repliesTo(sink, userKey).length;
  const res = await webhook(s, citizenEvent(userKey, text));
  if (res.status !== 200) throw new Error(`webhook ${res.status} ${res.text}`);
  return eventually(() => repliesTo(sink, userKey)[before], `the answer to "${text}"`);
}

/** 구독 -> topic numbers -> 동의, over the webhook. */
export async function subscribeOverKakao(s: TestServer, sink: KakaoSink, userKey: string, choice: string): Promise<void> {
  await say(s, sink, userKey, '구독');
  await say(s, sink, userKey, choice);
  await say(s, sink, userKey, '동의');
}

export async function conversationOf(s: TestServer, token: string, userKey: string): Promise<Conversation> {
  const list = await s.call('GET', `/conversations?q=${encodeURIComponent(userKey)}`, { token });
  const c = (list.body as { items: Conversation[] }).items.find((x) => x.citizenKey === userKey);
  if (!c) throw new Error(`no conversation of ${userKey}`);
  return c;
}

export async function messagesOf(s: TestServer, token: string, conversationId: string): Promise<Message[]> {
  return ((await s.call('GET', `/conversations/${conversationId}/messages`, { token })).body as { items: Message[] }).items;
}
