import { randomUUID } from 'node:crypto';
import { signKakaoBody } from '../../../../server/channels/kakao/index.js';
import { type CentralService, startCentralService } from '../../../harness/central-service.js';
import { serverCallLog, serverConversation, serverLogin } from '../../../reliability/support/server-api.js';
import { type DeskFixture, startSignedInDesk, waitFor } from '../fixtures.js';

let server: CentralService;
let desk: DeskFixture;

beforeAll(async () => {
  server = await startCentralService({ env: { BOKJI_LOGIN_RATE_PER_MIN: '1000', BOKJI_RATE_LIMIT_PER_MIN: '100000' } });
  desk = await startSignedInDesk(server, 'counsellor1');
}, 120_000);
afterAll(async () => {
  await desk?.dispose();
  await server?.stop();
});

const citizenWrites = async (userKey: string, message: string) => {
  const body = JSON.stringify({ serial_number: randomUUID(), event: 'message', user_key: userKey, message_type: 'TX', message, time: new Date().toISOString() });
  const res = await fetch(`${server.url}/api/v1/channels/kakao/webhook`, {
    method: 'POST', body, headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(body, server.webhookSecret) },
  });
  expect(res.status).toBe(200);
};
const drained = () => waitFor(async () => (await desk.services.handlers.sync.getStatus(undefined)).queueLength === 0, 10_000, 'outbox drained');

describe('crisis signals on the desk', () => {
  it('puts a flagged conversation first, notifies, records 위기가구 in one click and dismisses with a reason', async () => {
    const userKey = `desk-crisis-${randomUUID()}`;
    await citizenWrites(userKey, '오늘 집에서 남편이 때려요 무서워요');
    // A newer, harmless conversation would come first by time alone.
    await citizenWrites(`desk-plain-${randomUUID()}`, '기초연금 신청하려고요');
    await desk.services.handlers.sync.syncNow(undefined);
    const list = await waitFor(async () => {
      const l = await desk.services.handlers.inbox.list({ view: 'all', q: '' });
      return l.some((c) => c.citizenKey === userKey) ? l : undefined;
    }, 10_000, 'the flagged conversation');
    const flagged = list.find((c) => c.citizenKey === userKey)!;
    expect(flagged.crisis).toMatchObject({ kind: 'violence', phrase: '남편이 때려' });
    const firstPlain = list.findIndex((c) => c.crisis === null);
    expect(list.findIndex((c) => c.id === flagged.id)).toBeLessThan(firstPlain === -1 ? Infinity : firstPlain);
    // The kind is in the title; the citizen's words (the need) never reach an OS notification.
    const crisisNote = desk.window.notes.find((n) => n.title.includes('위기 신호'));
    expect(crisisNote?.title).toBe('위기 신호: 폭력·학대');
    expect(crisisNote?.body).not.toContain('남편이 때려');

    const { callLogId } = await desk.services.handlers.inbox.recordCrisis({ conversationId: flagged.id });
    await drained();
    const token = (await serverLogin(server.url, 'counsellor1', server.demoPassword)).token;
    expect(await serverCallLog(server.url, token, callLogId)).toMatchObject({ crisis: true, action: 'emergency', conversationId: flagged.id, need: expect.stringContaining('남편이 때려') });

    const dismissed = await desk.services.handlers.inbox.dismissCrisis({ conversationId: flagged.id, reason: '드라마 줄거리 이야기였음' });
    expect(dismissed.crisis).toBeNull();
    await drained();
    expect((await serverConversation(server.url, token, flagged.id)).crisis).toBeNull();
  });
});
