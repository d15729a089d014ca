import { PullResponse } from '../../../../common/rest/index.js';
import { DESK_ID_HEADER, SYNC_POKE_CARRY_MAX_CHANGE_BYTES } from '../../../../common/rest/index.js';
import { signKakaoBody } from '../../../../server/simulator/index.js';
import { type CentralService, startCentralService } from '../../../harness/central-service.js';
import { serverLogin } from '../../../reliability/support/server-api.js';
import { type DeskFixture, queryReplica, startDesk, waitFor } from '../fixtures.js';

/**
 * Small changes ride in the SSE event and the desk applies them without a pull (issue 11 item 4);
 * a big one, or one that does not start at the desk's cursor, makes the desk pull as before.
 */
let server: CentralService;
const desks: DeskFixture[] = [];
/** GET /sync/pull requests made by a desk (they carry its desk id; the test's own calls do not). */
let deskPulls = 0;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  // Installed before any desk exists: the REST client takes the global fetch when it is created.
  globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = (init?.headers ?? {}) as Record<string, string>;
    if (url.includes('/api/v1/sync/pull') && headers[DESK_ID_HEADER]) deskPulls += 1;
    return realFetch(input, init);
  };
  server = await startCentralService({ env: { BOKJI_LOGIN_RATE_PER_MIN: '1000', BOKJI_RATE_LIMIT_PER_MIN: '100000' } });
}, 120_000);
afterAll(async () => {
  globalThis.fetch = realFetch;
  await server?.stop();
});
afterEach(async () => {
  while (desks.length) await desks.pop()!.dispose();
});

const cursorOf = async (desk: DeskFixture) => Number((await queryReplica<{ cursor: string }>(desk, 'SELECT cursor FROM sync_state WHERE id = 1'))[0]!.cursor);

/** A citizen writes in through the signed webhook: a new conversation and its message. */
async function citizenWrites(text: string): Promise<void> {
  const raw = JSON.stringify({ serial_number: crypto.randomUUID(), event: 'message', user_key: `carry-${crypto.randomUUID()}`, message_type: 'TX', message: text, time: new Date().toISOString() });
  const res = await fetch(`${server.url}/api/v1/channels/kakao/webhook`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(raw, server.webhookSecret) }, body: raw,
  });
  expect(res.ok).toBe(true);
}

const inStore = (desk: DeskFixture, text: string) =>
  waitFor(async () => {
    const found = await desk.services.handlers.inbox.list({ view: 'all', q: text.slice(0, 30) });
    return found.length ? found : undefined;
  }, 10_000, 'the message in the local store');

/** A signed-in desk that has heard its first events and whose cursor is what its stream last told. */
async function liveDesk(): Promise<DeskFixture> {
  // No fallback polling: only the event stream (and the pulls it asks for) can bring news.
  const desk = await startDesk({ serverUrl: server.url, tuning: { retryBaseMs: 20, retryCapMs: 200, requestTimeoutMs: 5_000, fallbackPullMs: 600_000 } });
  desks.push(desk);
  await desk.services.handlers.session.login({ serverUrl: server.url, username: 'counsellor1', password: server.demoPassword });
  await desk.services.handlers.sync.syncNow(undefined);
  await waitFor(async () => (await desk.services.handlers.sync.getStatus(undefined)).state === 'online', 10_000, 'online');
  // One write through the stream lines the desk's cursor up with what the stream tells it.
  const warmUp = `준비 ${crypto.randomUUID().slice(0, 8)}`;
  await citizenWrites(warmUp);
  await inStore(desk, warmUp);
  await new Promise((r) => setTimeout(r, 300));
  return desk;
}

describe('changes carried in the SSE event', () => {
  it('a small write reaches the local store from the event itself, without any /sync/pull', async () => {
    const desk = await liveDesk();
    const before = await cursorOf(desk);
    deskPulls = 0;
    const text = `작은 문의 ${crypto.randomUUID().slice(0, 8)}`;
    await citizenWrites(text);
    const [conversation] = await inStore(desk, text);
    expect(deskPulls).toBe(0);
    expect(await cursorOf(desk)).toBeGreaterThan(before);
    // The desk told the renderer as a pull would have.
    expect(desk.events.some((e) => e.name === 'inbox:onChange' && (e.payload as { conversationIds: string[] }).conversationIds.includes(conversation!.id))).toBe(true);
    const detail = await desk.services.handlers.inbox.get({ conversationId: conversation!.id });
    expect(detail.messages.map((m) => m.body)).toContain(text);
  });

  it('a write over 4 KiB comes as a plain poke: the desk pulls it', async () => {
    const desk = await liveDesk();
    const before = await cursorOf(desk);
    deskPulls = 0;
    const text = `긴 문의 ${crypto.randomUUID().slice(0, 8)} ${'가'.repeat(2000)}`;
    await citizenWrites(text);
    await inStore(desk, text);
    expect(deskPulls).toBeGreaterThan(0);
    // It was too big to carry: its message alone is over the limit of one carried change.
    const { token } = await serverLogin(server.url, 'counsellor1', server.demoPassword);
    const page = await realFetch(`${server.url}/api/v1/sync/pull?cursor=${before}`, { headers: { authorization: `Bearer ${token}` } });
    const { changes } = PullResponse.parse(await page.json());
    expect(Math.max(...changes.map((c) => Buffer.byteLength(JSON.stringify(c))))).toBeGreaterThan(SYNC_POKE_CARRY_MAX_CHANGE_BYTES);
  });

  it('an event that does not start at the desk cursor (a gap) makes the desk pull', async () => {
    const desk = await liveDesk();
    // The desk is one change behind what its stream last told it.
    const cursor = await cursorOf(desk);
    await queryReplica(desk, 'UPDATE sync_state SET cursor = ? WHERE id = 1', [String(cursor - 1)]);
    deskPulls = 0;
    const text = `틈 문의 ${crypto.randomUUID().slice(0, 8)}`;
    await citizenWrites(text);
    await inStore(desk, text);
    expect(deskPulls).toBeGreaterThan(0);
    await waitFor(async () => (await cursorOf(desk)) > cursor, 5_000, 'the cursor past the gap');
  });
});
