import { kstDate } from '../../../../common/kst/index.js';
import { type CentralService, startCentralService } from '../../../harness/central-service.js';
import { type DeskFixture, startSignedInDesk } from '../fixtures.js';

let server: CentralService;
let admin: DeskFixture;
let counsellor: DeskFixture;

beforeAll(async () => {
  server = await startCentralService({ env: { BOKJI_LOGIN_RATE_PER_MIN: '1000', BOKJI_RATE_LIMIT_PER_MIN: '100000' } });
  counsellor = await startSignedInDesk(server, 'counsellor1');
  admin = await startSignedInDesk(server, 'admin');
}, 120_000);
afterAll(async () => {
  await admin?.dispose();
  await counsellor?.dispose();
  await server?.stop();
});

describe('접속기록 (audit namespace) against the real server', () => {
  it('lists the log newest first with filters, and pages with the cursor', async () => {
    const a = admin.services.handlers.audit;
    const me = counsellor.services.handlers.session;
    const counsellorId = (await me.getState(undefined)).counsellor!.id;

    const logins = await a.log({ actor: counsellorId, action: 'login' });
    expect(logins.items.length).toBeGreaterThanOrEqual(1);
    expect(logins.items.every((e) => e.action === 'login' && e.actorId === counsellorId)).toBe(true);
    expect(logins.items[0]!.actorName).toBeTruthy();

    const all = await a.log({});
    expect(all.items.length).toBeGreaterThanOrEqual(2);
    const times = all.items.map((e) => Date.parse(e.at));
    expect([...times].sort((x, y) => y - x)).toEqual(times);

    // A day long past has nothing; nobody's data answers to a number never used.
    expect((await a.log({ from: '2020-01-01T00:00:00.000Z', to: '2020-01-02T00:00:00.000Z' })).items).toEqual([]);
    expect((await a.log({ subject: '010-0000-0001' })).items).toEqual([]);
  });

  it('verifies the chain, records a monthly review and lists it, and reads the 파기 대장', async () => {
    const a = admin.services.handlers.audit;
    const verified = await a.verify(undefined);
    expect(verified).toMatchObject({ ok: true });
    expect(verified.entries).toBeGreaterThan(0);

    const period = kstDate(new Date()).slice(0, 7);
    const review = await a.signReview({ period, note: '대량 조회와 야간 접근을 확인함. 이상 없음.' });
    expect(review).toMatchObject({ period, chainOk: true, reviewerName: expect.any(String) });
    expect((await a.reviews(undefined)).map((r) => r.id)).toContain(review.id);
    expect(Array.isArray(await a.destructions(undefined))).toBe(true);
  });

  it('is refused to a counsellor, in Korean, before any request', async () => {
    const c = counsellor.services.handlers.audit;
    await expect(c.log({})).rejects.toMatchObject({ code: 'forbidden', message: '접속기록은 관리자만 볼 수 있습니다.' });
    await expect(c.verify(undefined)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(c.signReview({ period: '2026-11', note: '점검' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
