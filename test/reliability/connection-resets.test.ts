import { randomUUID } from 'node:crypto';
import { CallLogInput } from '../../common/domain/index.js';
import { type DeskFixture, startDesk, waitFor } from '../electron/services/fixtures.js';
import { outboxSummary, queryDeskDb } from './support/desk-db.js';
import { type RestartableServer, startRestartableServer } from './support/restartable-server.js';
import { serverCallLogs, serverLogin, serverMessages } from './support/server-api.js';
import { type TcpProxy, startTcpProxy } from './support/tcp-proxy.js';

/**
 * Issue 4 (b): a loopback proxy resets connections at random in the middle of responses while
 * one desk writes through it and another writes directly: no loss, no duplicates, and the
 * flaky desk's replica converges.
 */
const N = 150;
let server: RestartableServer;
let proxy: TcpProxy;
let flaky: DeskFixture;
let steady: DeskFixture;
const tuning = { retryBaseMs: 30, retryCapMs: 500, requestTimeoutMs: 5_000, fallbackPullMs: 2_000 };

beforeAll(async () => {
  server = await startRestartableServer({ BOKJI_RATE_LIMIT_PER_MIN: '100000' });
  proxy = await startTcpProxy(server.port);
  flaky = await startDesk({ serverUrl: proxy.url, tuning });
  steady = await startDesk({ serverUrl: server.url, tuning });
  await flaky.services.handlers.session.login({ serverUrl: proxy.url, username: 'counsellor1', password: server.demoPassword });
  await steady.services.handlers.session.login({ serverUrl: server.url, username: 'counsellor2', password: server.demoPassword });
  await flaky.services.handlers.sync.syncNow(undefined);
  await steady.services.handlers.sync.syncNow(undefined);
}, 120_000);
afterAll(async () => {
  await flaky?.dispose();
  await steady?.dispose();
  await proxy?.close();
  await server?.stop();
});

it('loses nothing and duplicates nothing when connections are reset mid-response', async () => {
  const conversations = (await flaky.services.handlers.inbox.list({ view: 'all', q: '' })).slice(0, 3);
  expect(conversations.length).toBeGreaterThan(0);
  const marker = randomUUID().slice(0, 8);
  proxy.setMode({ kind: 'flaky', resetProbability: 0.25 });

  const writeThrough = async (desk: DeskFixture, who: string) => {
    const h = desk.services.handlers;
    for (let i = 0; i < N; i += 1) {
      await h.calls.save({
        id: randomUUID(), baseVersion: null,
        input: CallLogInput.parse({ channel: 'visit', startedAt: new Date().toISOString(), durationSec: 30, need: `${marker} ${who} log ${i}` }),
      });
      await h.inbox.send({ conversationId: conversations[i % conversations.length]!.id, direction: 'note', body: `${marker} ${who} note ${i}`, programmeId: null });
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 50));
    }
  };
  await Promise.all([writeThrough(flaky, 'flaky'), writeThrough(steady, 'steady')]);
  await waitFor(async () => (await steady.services.handlers.sync.getStatus(undefined)).queueLength === 0, 60_000, 'steady drained');
  // Let the flaky line carry a good part of the backlog (and the pulls of the other desk's writes).
  await new Promise((r) => setTimeout(r, 3_000));
  expect(proxy.resets).toBeGreaterThan(0);
  proxy.setMode({ kind: 'pass' });
  await flaky.services.handlers.sync.syncNow(undefined);
  await waitFor(async () => (await flaky.services.handlers.sync.getStatus(undefined)).queueLength === 0, 60_000, 'flaky drained').catch(async (err: unknown) => {
    throw new Error(`${(err as Error).message}\n${JSON.stringify(await outboxSummary(flaky))}`);
  });

  const { token } = await serverLogin(server.url, 'counsellor1', server.demoPassword);
  const logs = (await serverCallLogs(server.url, token)).filter((l) => l.need.startsWith(marker));
  expect(logs).toHaveLength(2 * N);
  expect(new Set(logs.map((l) => l.need)).size).toBe(2 * N);
  const notes = (await Promise.all(conversations.map((c) => serverMessages(server.url, token, c.id)))).flat().filter((m) => m.body.startsWith(marker));
  expect(notes).toHaveLength(2 * N);
  expect(new Set(notes.map((m) => m.body)).size).toBe(2 * N);

  // The flaky desk's replica holds every one of them, the other desk's included.
  await flaky.services.handlers.sync.syncNow(undefined);
  const ids = notes.map((m) => m.id);
  const local = await queryDeskDb<{ id: string }>(flaky, `SELECT id FROM messages WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
  expect(local).toHaveLength(2 * N);
  const localLogs = await queryDeskDb<{ n: number }>(flaky, 'SELECT count(*) AS n FROM call_logs WHERE json_extract(data, \'$.need\') LIKE ?', [`${marker}%`]);
  expect(localLogs[0]!.n).toBe(2 * N);
}, 170_000);
