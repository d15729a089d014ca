import { randomUUID } from 'node:crypto';
import { CallLogInput } from '../../common/domain/index.js';
import { type DeskFixture, startDesk, waitFor } from '../electron/services/fixtures.js';
import { type RestartableServer, startRestartableServer } from './support/restartable-server.js';
import { serverCallLog, serverLogin } from './support/server-api.js';
import { type TcpProxy, startTcpProxy } from './support/tcp-proxy.js';

/**
 * Issue 4 (d): two desks edit the same call log. One gets a conflict that keeps both versions;
 * nothing is overwritten silently, and only an explicit "keep mine" replaces the other's edit.
 */
let server: RestartableServer;
let proxy: TcpProxy;
let a: DeskFixture;
let b: DeskFixture;
const tuning = { retryBaseMs: 30, retryCapMs: 300, requestTimeoutMs: 5_000, fallbackPullMs: 2_000 };

beforeAll(async () => {
  server = await startRestartableServer();
  proxy = await startTcpProxy(server.port);
  a = await startDesk({ serverUrl: server.url, tuning });
  b = await startDesk({ serverUrl: proxy.url, tuning });
  await a.services.handlers.session.login({ serverUrl: server.url, username: 'counsellor1', password: server.demoPassword });
  // Need-to-know: the second editor of counsellor1's record is the 팀장 (another counsellor may not change it).
  await b.services.handlers.session.login({ serverUrl: proxy.url, username: 'supervisor1', password: server.demoPassword });
}, 120_000);
afterAll(async () => {
  await a?.dispose();
  await b?.dispose();
  await proxy?.close();
  await server?.stop();
});

const drained = (d: DeskFixture, what: string) => waitFor(async () => (await d.services.handlers.sync.getStatus(undefined)).queueLength === 0, 15_000, what);

it('the second editor gets a conflict with both versions; the first edit stays on the server', async () => {
  const id = randomUUID();
  const base = CallLogInput.parse({ channel: 'phone', startedAt: new Date().toISOString(), durationSec: 120, need: '처음 기록', callerPhone: '01055556666' });
  await a.services.handlers.calls.save({ id, input: base, baseVersion: null });
  await drained(a, 'A created');
  const created = await waitFor(async () => {
    await b.services.handlers.sync.syncNow(undefined);
    const got = await b.services.handlers.calls.get({ id });
    return got && got.callLog.localState === null ? got.callLog : undefined;
  }, 15_000, 'B sees the record');

  // B edits offline on the version it saw; meanwhile A's edit reaches the server.
  proxy.setMode({ kind: 'down' });
  await b.services.handlers.calls.save({ id, input: { ...base, need: 'B의 수정' }, baseVersion: created.version });
  await a.services.handlers.calls.save({ id, input: { ...base, need: 'A의 수정' }, baseVersion: created.version });
  await drained(a, 'A edited');
  proxy.setMode({ kind: 'pass' });
  await b.services.handlers.sync.syncNow(undefined);

  const conflict = await waitFor(async () => (await b.services.handlers.sync.conflicts(undefined))[0], 15_000, 'conflict on B');
  expect(conflict).toMatchObject({ entity: 'callLog', recordId: id });
  expect(conflict.mine).toMatchObject({ need: 'B의 수정' });
  expect(conflict.theirs).toMatchObject({ need: 'A의 수정' });
  const view = (await b.services.handlers.calls.get({ id }))!.callLog;
  expect(view.localState).toBe('failed');
  expect(view.localError).toMatch(/충돌|conflict/);
  const { token } = await serverLogin(server.url, 'counsellor1', server.demoPassword);
  expect((await serverCallLog(server.url, token, id)).need).toBe('A의 수정');
  // Nothing moves while the counsellor has not chosen.
  await new Promise((r) => setTimeout(r, 500));
  expect((await serverCallLog(server.url, token, id)).need).toBe('A의 수정');

  // Keeping mine is an explicit overwrite on top of A's version.
  await b.services.handlers.sync.resolveConflict({ id: conflict.id, keep: 'mine' });
  await drained(b, 'B re-sent');
  const final = await serverCallLog(server.url, token, id);
  expect(final.need).toBe('B의 수정');
  expect(final.version).toBeGreaterThan(created.version + 1);
  expect(await b.services.handlers.sync.conflicts(undefined)).toEqual([]);
}, 120_000);
