import { type CentralService, startCentralService } from '../../../harness/central-service.js';
import { serverLogin } from '../../../reliability/support/server-api.js';
import { type DeskFixture, startDesk, waitFor } from '../fixtures.js';

let server: CentralService;
let desk: DeskFixture | null = null;

beforeAll(async () => {
  server = await startCentralService({ env: { BOKJI_LOGIN_RATE_PER_MIN: '1000', BOKJI_RATE_LIMIT_PER_MIN: '100000' } });
}, 120_000);
afterAll(async () => {
  await desk?.dispose();
  await server?.stop();
});

/** The counsellor's presence as the team sees it on the server. */
async function presenceOf(username: string): Promise<string | undefined> {
  const { token } = await serverLogin(server.url, 'admin', server.demoPassword);
  const res = await fetch(`${server.url}/api/v1/counsellors`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { items: { username: string; presence?: string }[] };
  return body.items.find((c) => c.username === username)?.presence;
}

describe('lock screen and presence', () => {
  it('locking makes the counsellor 자리 비움 on the server, unlocking 상담 가능 again', async () => {
    desk = await startDesk({ serverUrl: server.url, serverUrlFixed: true });
    await desk.services.handlers.session.login({ username: 'counsellor3', password: server.demoPassword });
    await desk.services.handlers.team.setPresence({ status: 'available', source: 'manual' });
    await waitFor(async () => (await presenceOf('counsellor3')) === 'available' || undefined, 10_000, 'available');
    await desk.services.handlers.session.lock(undefined);
    await waitFor(async () => (await presenceOf('counsellor3')) === 'away' || undefined, 10_000, 'away after lock');
    await desk.services.handlers.session.unlock({ password: server.demoPassword });
    await waitFor(async () => (await presenceOf('counsellor3')) === 'available' || undefined, 10_000, 'available after unlock');
  });
});
