import { type CentralService, startCentralService } from '../../../harness/central-service.js';
import { type DeskFixture, startSignedInDesk, waitFor } from '../fixtures.js';

let server: CentralService;
let admin: DeskFixture;
let counsellor: DeskFixture;

beforeAll(async () => {
  server = await startCentralService({ env: { BOKJI_LOGIN_RATE_PER_MIN: '1000', BOKJI_RATE_LIMIT_PER_MIN: '100000' } });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});
beforeEach(async () => {
  admin = await startSignedInDesk(server, 'admin');
  counsellor = await startSignedInDesk(server, 'counsellor1');
});
afterEach(async () => {
  await admin.dispose();
  await counsellor.dispose();
});

describe('상용구 관리 (saveCannedReply / deleteCannedReply) against the real server', () => {
  it('creates, updates and deletes; the other desk sees each step through the feed', async () => {
    const a = admin.services.handlers.inbox;
    const created = await a.saveCannedReply({ id: null, title: '서류 안내 테스트', body: '{{citizenName}}님, 신분증을 준비해 주세요.', shortcut: '  서류 ', baseVersion: null });
    expect(created).toMatchObject({ title: '서류 안내 테스트', shortcut: '서류', version: 1 });
    expect((await a.cannedReplies(undefined)).map((r) => r.id)).toContain(created.id);
    expect(admin.events.some((e) => e.name === 'inbox:onChange' && (e.payload as { entities: string[] }).entities.includes('cannedReply'))).toBe(true);

    const c = counsellor.services.handlers;
    await waitFor(async () => {
      await c.sync.syncNow(undefined);
      return (await c.inbox.cannedReplies(undefined)).find((r) => r.id === created.id);
    }, 10_000, 'created reply on the other desk');

    const updated = await a.saveCannedReply({ id: created.id, title: '서류 안내 (수정)', body: created.body, shortcut: '', baseVersion: created.version });
    expect(updated).toMatchObject({ id: created.id, title: '서류 안내 (수정)', shortcut: null, version: 2 });
    await waitFor(async () => {
      await c.sync.syncNow(undefined);
      return (await c.inbox.cannedReplies(undefined)).find((r) => r.id === created.id && r.version === 2);
    }, 10_000, 'updated reply on the other desk');

    await a.deleteCannedReply({ id: created.id, baseVersion: updated.version });
    expect((await a.cannedReplies(undefined)).map((r) => r.id)).not.toContain(created.id);
    await waitFor(async () => {
      await c.sync.syncNow(undefined);
      return !(await c.inbox.cannedReplies(undefined)).some((r) => r.id === created.id);
    }, 10_000, 'deleted reply gone from the other desk');
  });

  it('a stale version is a conflict and changes nothing', async () => {
    const a = admin.services.handlers.inbox;
    const created = await a.saveCannedReply({ id: null, title: '충돌 테스트', body: '본문', shortcut: null, baseVersion: null });
    await a.saveCannedReply({ id: created.id, title: '먼저 고친 제목', body: '본문', shortcut: null, baseVersion: created.version });
    await expect(a.saveCannedReply({ id: created.id, title: '늦은 제목', body: '본문', shortcut: null, baseVersion: created.version }))
      .rejects.toMatchObject({ code: 'conflict' });
    await expect(a.deleteCannedReply({ id: created.id, baseVersion: created.version })).rejects.toMatchObject({ code: 'conflict' });
    expect((await a.cannedReplies(undefined)).find((r) => r.id === created.id)?.title).toBe('먼저 고친 제목');
  });

  it('a counsellor who is not an admin is refused', async () => {
    const c = counsellor.services.handlers.inbox;
    await expect(c.saveCannedReply({ id: null, title: '권한 없음', body: '본문', shortcut: null, baseVersion: null })).rejects.toMatchObject({ code: 'forbidden' });
    const existing = (await c.cannedReplies(undefined))[0]!;
    await expect(c.deleteCannedReply({ id: existing.id, baseVersion: existing.version })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('is an online-only operation: without the server it says offline', async () => {
    // Main decides the server URL, so the desk that goes offline is one signed in to a server that then stops.
    const doomed = await startCentralService();
    let offlineDesk: DeskFixture | undefined;
    try {
      offlineDesk = await startSignedInDesk(doomed, 'admin');
      await doomed.stop();
      await expect(offlineDesk.services.handlers.inbox.saveCannedReply({ id: null, title: '오프라인', body: '본문', shortcut: null, baseVersion: null }))
        .rejects.toMatchObject({ code: 'offline' });
    } finally {
      await offlineDesk?.dispose();
      await doomed.stop();
    }
  }, 120_000);
});
