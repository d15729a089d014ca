import { randomUUID } from 'node:crypto';
import { CONSENT_STATEMENT, type Broadcast } from '../../common/subscriptions/index.js';
import { startKakaoSink, type KakaoSink } from '../../server/simulator/index.js';
import { type RestartableServer, startRestartableServer } from './support/restartable-server.js';
import { serverLogin } from './support/server-api.js';

/**
 * Issue 14: kill -9 the central service twice in the middle of sending a notice to 300
 * subscribers; after the restarts every subscriber has it, under one serial_number each (a
 * provider drops a repeated serial), and the report counts each once.
 */
const N = 300;
let server: RestartableServer;
let sink: KakaoSink;

beforeAll(async () => {
  sink = await startKakaoSink();
  server = await startRestartableServer({
    KAKAO_SEND_URL: sink.url, BOKJI_BROADCAST_QUIET_HOURS: 'off', BOKJI_BROADCAST_RATE_PER_S: '60', BOKJI_RATE_LIMIT_PER_MIN: '100000',
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await sink?.close();
});

async function call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

it('no subscriber gets the notice under two serials and none is lost across kill -9', async () => {
  const { token: counsellor } = await serverLogin(server.url, 'counsellor1', server.demoPassword);
  const { token: admin } = await serverLogin(server.url, 'admin', server.demoPassword);
  const { token: supervisor } = await serverLogin(server.url, 'supervisor1', server.demoPassword);
  const tag = randomUUID().slice(0, 8);
  const keys = Array.from({ length: N }, (_, i) => `kill-${tag}-${i}`);
  for (const k of keys) {
    const r = await call('PUT', `/subscribers/${k}`, counsellor, { topics: ['welfare'], consent: { method: 'phone', statement: CONSENT_STATEMENT } });
    expect(r.status).toBe(200);
  }
  const id = randomUUID();
  expect((await call('POST', '/broadcasts', admin, { id, title: '복지 소식', body: '새 복지 제도를 알려 드립니다', topics: ['welfare'] })).status).toBe(201);
  expect((await call('POST', `/broadcasts/${id}/submit`, admin)).status).toBe(200);
  expect((await call('POST', `/broadcasts/${id}/approve`, supervisor)).status).toBe(200);
  const toNotice = () => sink.received.filter((r) => r.message.broadcast_id === id);

  for (const at of [60, 160]) {
    const deadline = Date.now() + 60_000;
    while (toNotice().length < at && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await server.kill9();
    await server.restart();
  }
  const { token: again } = await serverLogin(server.url, 'supervisor1', server.demoPassword);
  let b: Broadcast | null = null;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    b = (await call('GET', `/broadcasts/${id}`, again)).body as Broadcast;
    if (b.status === 'sent') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(server.kills).toBe(2);
  expect(b?.status).toBe('sent');
  expect(b?.counts).toMatchObject({ targeted: N, delivered: N, pending: 0, failed: 0 });
  const got = toNotice();
  const serialsByKey = new Map<string, Set<string>>();
  for (const r of got) serialsByKey.set(r.message.user_key, (serialsByKey.get(r.message.user_key) ?? new Set()).add(r.message.serial_number));
  // Every subscriber, each under exactly one serial_number.
  expect([...serialsByKey.keys()].sort()).toEqual([...keys].sort());
  for (const serials of serialsByKey.values()) expect(serials.size).toBe(1);
  // At most the sends in flight at each kill went out twice (same serial: the provider drops them).
  expect(got.length - N).toBeLessThanOrEqual(2 * 8);
});
