import { randomUUID } from 'node:crypto';
import { CallLogInput } from '../../common/domain/index.js';
import { type DeskFixture, startDesk, waitFor } from '../electron/services/fixtures.js';
import { type RestartableServer, startRestartableServer } from './support/restartable-server.js';
import { outboxSummary } from './support/desk-db.js';
import { serverCallLogs, serverLogin, serverMessages } from './support/server-api.js';

/**
 * Issue 4 (a): kill -9 the central service again and again while a desk writes 500 call logs
 * and 500 replies; afterwards the server holds each exactly once.
 */
const N = 500;
let server: RestartableServer;
let desk: DeskFixture;

beforeAll(async () => {
  // The load of one desk replaying a backlog exceeds the per-counsellor rate limit meant for people.
  server = await startRestartableServer({ BOKJI_RATE_LIMIT_PER_MIN: '100000' });
  desk = await startDesk({
    serverUrl: server.url,
    tuning: { retryBaseMs: 50, retryCapMs: 800, requestTimeoutMs: 5_000, fallbackPullMs: 3_000 },
  });
  await desk.services.handlers.session.login({ serverUrl: server.url, username: 'counsellor1', password: server.demoPassword });
  await desk.services.handlers.sync.syncNow(undefined);
}, 120_000);
afterAll(async () => {
  await desk?.dispose();
  await server?.stop();
});

it('every call log and reply reaches the server exactly once across repeated kill -9', async () => {
  const h = desk.services.handlers;
  const conversations = (await h.inbox.list({ view: 'all', q: '' })).slice(0, 4);
  expect(conversations.length).toBeGreaterThan(0);
  const marker = randomUUID().slice(0, 8);
  const logIds: string[] = [];
  const replyIds: string[] = [];

  const writer = (async () => {
    for (let i = 0; i < N; i += 1) {
      const id = randomUUID();
      logIds.push(id);
      await h.calls.save({
        id, baseVersion: null,
        input: CallLogInput.parse({ channel: 'phone', startedAt: new Date().toISOString(), durationSec: 60, need: `${marker} log ${i}`, callerPhone: '01012345678' }),
      });
      const c = conversations[i % conversations.length]!;
      replyIds.push((await h.inbox.send({ conversationId: c.id, direction: 'outbound', body: `${marker} reply ${i}`, programmeId: null })).id);
      // Spread the writes over the kills instead of queueing everything up front.
      if (i % 25 === 0) await new Promise((r) => setTimeout(r, 100));
    }
  })();

  const killer = (async () => {
    for (let k = 0; k < 3; k += 1) {
      await new Promise((r) => setTimeout(r, 1_500));
      await server.kill9();
      await new Promise((r) => setTimeout(r, 300));
      await server.restart();
    }
  })();

  await Promise.all([writer, killer]);
  expect(server.kills).toBe(3);
  await h.sync.syncNow(undefined);
  await waitFor(async () => (await h.sync.getStatus(undefined)).queueLength === 0, 90_000, 'outbox drained').catch(async (err: unknown) => {
    // Say what is stuck: the outbox grouped by state and error.
    const stuck = await outboxSummary(desk);
    throw new Error(`${(err as Error).message}\n${JSON.stringify(stuck, null, 1)}`);
  });
  const st = await h.sync.getStatus(undefined);
  expect(st.conflicts).toBe(0);

  const { token } = await serverLogin(server.url, 'counsellor1', server.demoPassword);
  const logs = (await serverCallLogs(server.url, token)).filter((l) => l.need.startsWith(marker));
  expect(logs).toHaveLength(N);
  expect(new Set(logs.map((l) => l.need)).size).toBe(N);
  expect(new Set(logs.map((l) => l.id))).toEqual(new Set(logIds));

  const messages = (await Promise.all(conversations.map((c) => serverMessages(server.url, token, c.id)))).flat().filter((m) => m.body.startsWith(marker));
  expect(messages).toHaveLength(N);
  expect(new Set(messages.map((m) => m.body)).size).toBe(N);
  expect(new Set(messages.map((m) => m.id))).toEqual(new Set(replyIds));

  // The desk's own view agrees: nothing left pending or failed.
  for (const c of conversations) {
    // One page large enough for the whole history (~250 replies each): every message is checked.
    const detail = await h.inbox.get({ conversationId: c.id, messageLimit: 500 });
    expect(detail.olderCursor).toBeNull();
    expect(detail.messages.filter((m) => m.localState !== null)).toEqual([]);
  }
}, 170_000);
