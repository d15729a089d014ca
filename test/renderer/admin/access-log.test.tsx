import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeskError, type AccessLogArgs } from '../../../common/desk-api/index.js';
import type { AccessLogEntry } from '../../../common/rest/access-log.js';
import { SettingsMenu } from '../../../renderer/app/SettingsMenu.js';
import { ME, NOW, OTHER, uuid } from '../app/fixtures.js';
import { callsTo, renderWithDesk } from '../app/render-desk.js';

vi.setConfig({ testTimeout: 60_000 });

function entry(over: Partial<AccessLogEntry> = {}): AccessLogEntry {
  return {
    id: uuid(), at: NOW, actorId: ME.id, actorName: ME.displayName, ip: '10.0.0.7', deskId: 'desk-01', action: 'view',
    entity: 'call_log', recordId: uuid(), subject: { hash: 'a'.repeat(64), display: '010-****-5678' }, reason: null, rows: null,
    prevHash: '0'.repeat(64), hash: 'b'.repeat(64), ...over,
  };
}

/** A server-side log of 150 entries served 100 a page, as GET /access-log does. */
function auditDesk(opts: { broken?: boolean; forbidden?: boolean } = {}) {
  const all = Array.from({ length: 150 }, (_, i) => entry({ id: String(150 - i), action: i === 0 ? 'export' : 'view', reason: i === 0 ? '통계 보고' : null, rows: i === 0 ? 42 : null }));
  const reviews: Array<{ id: string; period: string; note: string; reviewerId: string; reviewerName: string; entries: number; chainOk: boolean; createdAt: string }> = [];
  return {
    audit: {
      log: async (args: AccessLogArgs) => {
        if (opts.forbidden) throw new DeskError('forbidden', '접속기록은 관리자만 볼 수 있습니다.');
        const start = args.cursor ? all.findIndex((e) => Number(e.id) < Number(args.cursor)) : 0;
        const items = all.slice(start, start + 100);
        return { items, nextCursor: start + 100 < all.length ? items.at(-1)!.id : null };
      },
      verify: async () => (opts.broken ? { ok: false, entries: 150, brokenAt: '77' } : { ok: true, entries: 150 }),
      reviews: async () => [...reviews],
      signReview: async ({ period, note }: { period: string; note: string }) => {
        const r = { id: uuid(), period, note, reviewerId: ME.id, reviewerName: '관리자', entries: 150, chainOk: true, createdAt: NOW };
        reviews.unshift(r);
        return r;
      },
      destructions: async () => [{ id: uuid(), at: NOW, class: 'call_logs', count: 12, periodFrom: null, periodTo: '2023-11-27T00:00:00.000Z', rule: '상담 기록 3년' }],
    },
    inbox: { counsellors: async () => [ME, OTHER] },
  };
}

async function openScreen(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: '설정 열기' }));
  await user.click(await screen.findByRole('button', { name: '접속기록' }));
  return screen.findByRole('dialog', { name: '접속기록 (관리자)' });
}

describe('접속기록 screen (admin)', () => {
  it('is not offered to a counsellor', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithDesk(<SettingsMenu counsellorName="김상담" isAdmin={false} />, auditDesk());
    await user.click(screen.getByRole('button', { name: '설정 열기' }));
    expect(await screen.findByRole('button', { name: '로그아웃' })).toBeVisible();
    expect(screen.queryByRole('button', { name: '접속기록' })).toBeNull();
  });

  it('lists entries in Korean with the masked citizen and the reason, and pages on with 더 보기', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithDesk(<SettingsMenu counsellorName="관리자" isAdmin />, auditDesk());
    const dialog = await openScreen(user);
    const table = await within(dialog).findByRole('table', { name: '접속기록 목록' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(101));
    const first = within(table).getAllByRole('row')[1]!;
    expect(within(first).getByText('내려받기')).toBeVisible();
    expect(within(first).getByText('통계 보고')).toBeVisible();
    expect(within(first).getByText('42')).toBeVisible();
    expect(within(first).getByText('010-****-5678')).toBeVisible();
    expect(within(first).getByText('김상담')).toBeVisible();
    expect(within(first).getByText('2026-11-27 14:00:00')).toBeVisible();
    expect(within(dialog).getByRole('status')).toHaveTextContent('100건 표시');
    await user.click(within(dialog).getByRole('button', { name: '더 보기' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(151));
    expect(within(dialog).queryByRole('button', { name: '더 보기' })).toBeNull();
    expect(callsTo(fake, 'audit:log').at(-1)).toEqual({ cursor: '51' });
  });

  it('sends the filters: citizen, counsellor, action and the KST period (end day included)', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithDesk(<SettingsMenu counsellorName="관리자" isAdmin />, auditDesk());
    const dialog = await openScreen(user);
    await within(dialog).findByRole('table', { name: '접속기록 목록' });
    await user.type(within(dialog).getByLabelText(/시민 전화번호 또는 식별키/), '010-1234-5678');
    await user.selectOptions(within(dialog).getByLabelText('처리자'), OTHER.id);
    await user.selectOptions(within(dialog).getByLabelText('처리 내용'), 'reveal');
    await user.type(within(dialog).getByLabelText('시작일'), '2026-11-01');
    await user.type(within(dialog).getByLabelText('종료일'), '2026-11-30');
    await user.click(within(dialog).getByRole('button', { name: '조회' }));
    await waitFor(() =>
      expect(callsTo(fake, 'audit:log').at(-1)).toEqual({
        subject: '010-1234-5678', actor: OTHER.id, action: 'reveal',
        from: '2026-10-31T15:00:00.000Z', to: '2026-11-30T15:00:00.000Z',
      }),
    );
  });

  it('refuses a period that runs backwards, in Korean', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithDesk(<SettingsMenu counsellorName="관리자" isAdmin />, auditDesk());
    const dialog = await openScreen(user);
    await within(dialog).findByRole('table', { name: '접속기록 목록' });
    const before = callsTo(fake, 'audit:log').length;
    await user.type(within(dialog).getByLabelText('시작일'), '2026-11-30');
    await user.type(within(dialog).getByLabelText('종료일'), '2026-11-01');
    await user.click(within(dialog).getByRole('button', { name: '조회' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('종료일이 시작일보다 앞섭니다.');
    expect(callsTo(fake, 'audit:log')).toHaveLength(before);
  });

  it('shows the chain verification: intact, or where it breaks', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithDesk(<SettingsMenu counsellorName="관리자" isAdmin />, auditDesk({ broken: true }));
    const dialog = await openScreen(user);
    await user.click(within(dialog).getByRole('button', { name: '위·변조 검증' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('위·변조 의심: 기록 77부터');
  });

  it('shows a refusal in Korean instead of an empty list', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithDesk(<SettingsMenu counsellorName="관리자" isAdmin />, auditDesk({ forbidden: true }));
    const dialog = await openScreen(user);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('이 작업을 할 권한이 없습니다.');
  });

  it('records the monthly review and lists it; the 파기 대장 lists destructions', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithDesk(<SettingsMenu counsellorName="관리자" isAdmin />, auditDesk());
    const dialog = await openScreen(user);
    await user.click(within(dialog).getByRole('tab', { name: '월간 점검' }));
    expect(await within(dialog).findByText('아직 점검 기록이 없습니다.')).toBeVisible();
    const month = within(dialog).getByLabelText(/점검한 달/);
    await user.clear(month);
    await user.type(month, '2026-11');
    await user.type(within(dialog).getByLabelText(/점검 의견/), '대량 조회 없음');
    await user.click(within(dialog).getByRole('button', { name: '점검 완료 기록' }));
    expect(await within(dialog).findByText('2026-11 점검을 기록했습니다.')).toBeVisible();
    expect(callsTo(fake, 'audit:signReview')).toEqual([{ period: '2026-11', note: '대량 조회 없음' }]);
    const reviews = within(dialog).getByRole('table', { name: '점검 기록' });
    expect(await within(reviews).findByText('대량 조회 없음')).toBeVisible();
    expect(within(reviews).getByText('정상')).toBeVisible();

    await user.click(within(dialog).getByRole('tab', { name: '파기 대장' }));
    const destroyed = await within(dialog).findByRole('table', { name: '파기 대장' });
    expect(await within(destroyed).findByText('상담 기록 3년')).toBeVisible();
    expect(within(destroyed).getByText('~ 2023-11-27')).toBeVisible();
  });
});
