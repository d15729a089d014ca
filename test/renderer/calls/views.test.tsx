import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CallLogView } from '../../../common/desk-api/index.js';
import type { CallLog } from '../../../common/domain/index.js';
import { CallLogPanel } from '../../../renderer/calls/CallLogPanel.js';
import { StatsView } from '../../../renderer/calls/stats/StatsView.js';
import { createFakeDesk } from '../fake-desk.js';
import { renderWithMantine } from './helpers.js';

const ME = '11111111-1111-4111-8111-111111111111';
const record = (over: Partial<CallLog> = {}): CallLog => ({
  id: '77777777-7777-4777-8777-777777777777', conversationId: null, channel: 'phone', startedAt: '2026-03-02T01:30:00.000Z', durationSec: 90,
  callerName: '최민준', callerPhone: '01012345678', dong: '가산동', field: '복지일반', subTopic: null, need: '바우처 문의', programmeIds: [],
  action: 'info', agency: null, crisis: false, callbackAt: null, callbackDoneAt: null, callbackRecordId: null, notes: '', ctiCallId: null,
  counsellorId: ME, createdAt: '2026-03-02T01:30:00.000Z', updatedAt: '2026-03-02T01:35:00.000Z', version: 2, ...over,
});
const view = (l: CallLog): CallLogView => ({ ...l, localState: null, localError: null });

describe('records list', () => {
  it('filters, opens a record with its edit history, and exports the filtered list as a download', async () => {
    const exports: unknown[] = [];
    const fake = createFakeDesk({
      calls: {
        listDrafts: async () => [],
        saveDraft: async () => ({ ok: true as const }),
        history: async () => ({ callLogs: [], conversations: [] }),
        callbacks: async () => [],
        missedCalls: async () => [],
        list: async (q) => (q.channel === 'visit' ? [] : [view(record())]),
        get: async () => ({
          callLog: view(record()),
          revisions: [{ callLogId: record().id, version: 2, counsellorId: ME, changedAt: '2026-03-02T01:35:00.000Z', changes: { need: { from: '문의', to: '바우처 문의' } } }],
        }),
        export: async (a) => {
          exports.push(a);
          return { fileName: '상담기록_202603021035.xlsx', mimeType: 'application/octet-stream', base64: btoa('xlsx'), rows: 1 };
        },
      },
      inbox: { counsellors: async () => [{ id: ME, username: 'kim', displayName: '김상담', role: 'counsellor', active: true }] },
      privacy: { note: async () => ({ ok: true as const }) },
    });
    window.desk = fake.desk;
    const created: Blob[] = [];
    URL.createObjectURL = (b: Blob) => {
      created.push(b);
      return 'blob:test';
    };
    URL.revokeObjectURL = () => {};
    const user = userEvent.setup({ delay: null });
    renderWithMantine(<CallLogPanel />);
    await user.click(screen.getByRole('tab', { name: '목록' }));
    const list = screen.getByRole('region', { name: '상담 기록 목록' });
    expect(await within(list).findByText('바우처 문의')).toBeInTheDocument();
    expect(within(list).getByText('2026-03-02 10:30')).toBeInTheDocument();

    await user.selectOptions(within(list).getByLabelText('상담 채널'), '방문');
    expect(await within(list).findByText('기록이 없습니다.', {}, { timeout: 5000 })).toBeInTheDocument();
    // The last list request carries the filter (the drafts list may refresh after it: not the point here).
    expect(fake.calls.filter(([channel]) => channel === 'calls:list').at(-1)).toEqual(['calls:list', expect.objectContaining({ channel: 'visit', limit: 500 })]);
    await user.selectOptions(within(list).getByLabelText('상담 채널'), '전체');

    await user.click(await within(list).findByRole('button', { name: /열기: 2026-03-02 10:30 최민준/ }, { timeout: 5000 }));
    const history = await screen.findByRole('region', { name: '수정 이력' }, { timeout: 5000 });
    expect(within(history).getByText(/김상담 · need: 문의 → 바우처 문의/)).toBeInTheDocument();
    const print = vi.fn();
    window.print = print;
    await user.click(screen.getByRole('button', { name: '인쇄' }));
    // The print is written into the access log first.
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    expect(fake.calls.find(([c]) => c === 'privacy:note')?.[1]).toMatchObject({ action: 'print', entity: 'call_log', reason: expect.any(String) });
    expect([...document.querySelectorAll('style')].some((st) => st.textContent?.includes('@media print'))).toBe(true);
    await user.keyboard('{Escape}');

    await user.click(within(list).getByRole('button', { name: 'XLSX 내보내기' }));
    // The export asks why first.
    const reason = await screen.findByRole('dialog', { name: '내보내기 사유' });
    await user.click(within(reason).getByRole('radio', { name: '사례 회의' }));
    await user.type(within(reason).getByLabelText('상세 사유'), '11월 회의');
    expect(exports).toHaveLength(0);
    await user.click(within(reason).getByRole('button', { name: '내보내기' }));
    await waitFor(() => expect(exports).toHaveLength(1));
    expect(exports[0]).toMatchObject({ reason: { kind: 'caseConference', text: '11월 회의' } });
    expect(exports[0]).toMatchObject({ format: 'xlsx', filter: expect.objectContaining({ from: expect.any(String), to: expect.any(String) }) });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ size: 4, type: 'application/octet-stream' });
    expect(within(list).getByRole('status')).toHaveTextContent('1건을 상담기록_202603021035.xlsx 파일로 내보냈습니다.');
  });
});

describe('statistics', () => {
  it('shows the counts per period with Korean labels and the total', async () => {
    const fake = createFakeDesk({
      calls: {
        stats: async () => ({
          rows: [
            { period: '2026-03-01', key: 'phone', count: 2 },
            { period: '2026-03-01', key: 'kakao', count: 1 },
            { period: '2026-03-02', key: 'phone', count: 4 },
          ],
          total: 7,
        }),
      },
      inbox: { counsellors: async () => [] },
    });
    window.desk = fake.desk;
    const user = userEvent.setup({ delay: null });
    renderWithMantine(<StatsView />);
    await user.selectOptions(screen.getByLabelText('기준'), '상담 채널');
    const table = await screen.findByRole('table', { name: '상담 통계' });
    await within(table).findByText('2026-03-02');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['기간', '전화', '카카오톡']);
    const row = within(table).getByText('2026-03-02').closest('tr')!;
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['2026-03-02', '4', '0']);
    expect(screen.getByText('합계: 7')).toBeInTheDocument();
    expect(fake.calls.at(-1)).toEqual(['calls:stats', expect.objectContaining({ dimension: 'channel', groupBy: 'day' })]);
  });
});

describe('callbacks and missed calls', () => {
  it('marks a due callback, completes it linked to the follow-up record, and starts a record from a missed call', async () => {
    const due = record({ id: '88888888-8888-4888-8888-888888888888', callbackAt: '2026-03-02T02:00:00.000Z', createdAt: '2026-03-02T01:30:00.000Z' });
    const follow = record({ id: '99999999-9999-4999-8999-999999999999', createdAt: '2026-03-03T01:00:00.000Z', need: '콜백 상담' });
    const completed: unknown[] = [];
    const fake = createFakeDesk({
      calls: {
        listDrafts: async () => [],
        saveDraft: async () => ({ ok: true as const }),
        callbacks: async () => (completed.length ? [] : [due]),
        history: async () => ({ callLogs: [follow, due], conversations: [] }),
        completeCallback: async (a) => {
          completed.push(a);
          return view({ ...due, callbackDoneAt: '2026-03-03T01:05:00.000Z', callbackRecordId: a.recordId });
        },
        missedCalls: async () => [{
          callId: 'm-1', from: '02-123-4567', to: '0226270000', counsellorId: null, ringingAt: '2026-03-02T03:00:00.000Z', answeredAt: null,
          endedAt: '2026-03-02T03:00:20.000Z', missed: true, callLogId: null, updatedAt: '2026-03-02T03:00:20.000Z', version: 2,
        }],
        list: async () => [],
        stats: async () => ({ rows: [], total: 0 }),
      },
      inbox: { counsellors: async () => [] },
    });
    window.desk = fake.desk;
    const user = userEvent.setup({ delay: null });
    renderWithMantine(<CallLogPanel />);
    await user.click(screen.getByRole('tab', { name: '콜백' }));
    const queue = screen.getByRole('region', { name: '콜백 예정' });
    expect(await within(queue).findByText('콜백 시간입니다')).toBeInTheDocument();
    await user.click(within(queue).getByRole('button', { name: '완료: 최민준' }));
    await waitFor(() => expect(completed).toEqual([{ id: due.id, recordId: follow.id }]));
    expect(await within(queue).findByText('예정된 콜백이 없습니다.')).toBeInTheDocument();

    const missed = screen.getByRole('region', { name: '부재중 전화' });
    await user.click(await within(missed).findByRole('button', { name: '기록 작성: 02-***-4567' }));
    const form = screen.getByRole('form', { name: '상담 기록' });
    await waitFor(() => expect(within(form).getByLabelText('전화번호')).toHaveValue('02-123-4567'));
    expect(within(form).getByLabelText('전화')).toBeChecked();
  });
});

describe('목록 → 열기 → 열기', () => {
  it('leaves no modal overlay behind once the record is in the form (the list tab hides while its dialog is closing)', async () => {
    const rec = view(record());
    const fake = createFakeDesk({
      calls: {
        listDrafts: async () => [],
        saveDraft: async () => ({ ok: true as const }),
        list: async () => [rec],
        get: async () => ({ callLog: rec, revisions: [] }),
        history: async () => ({ callLogs: [], conversations: [] }),
        callbacks: async () => [],
        missedCalls: async () => [],
      },
      inbox: { counsellors: async () => [{ id: ME, username: 'kim', displayName: '김상담', role: 'counsellor', active: true }] },
    });
    window.desk = fake.desk;
    const user = userEvent.setup({ delay: null });
    renderWithMantine(<CallLogPanel />);
    const overlays = () => document.querySelectorAll('.mantine-Modal-overlay').length;
    for (let round = 1; round <= 2; round++) {
      await user.click(screen.getByRole('tab', { name: '목록' }));
      const list = screen.getByRole('region', { name: '상담 기록 목록' });
      await user.click(await within(list).findByRole('button', { name: /열기: 2026-03-02 10:30 최민준/ }, { timeout: 5000 }));
      const detail = await screen.findByRole('dialog', { name: '상담 기록' });
      await within(detail).findByText('바우처 문의');
      expect(overlays()).toBe(1);
      await user.click(within(detail).getByRole('button', { name: '열기' }));
      const form = screen.getByRole('form', { name: '상담 기록' });
      await waitFor(() => expect(within(form).getByLabelText('성명')).toHaveValue('최민준'));
      // The closed dialog leaves nothing mounted (its exit transition must not freeze in the hidden list tab).
      await waitFor(() => expect(overlays()).toBe(0), { timeout: 2000 });
      // Back to the list: the closed dialog's overlay (and content) must be gone, not frozen mid-exit.
      await user.click(screen.getByRole('tab', { name: '목록' }));
      await waitFor(() => expect(overlays()).toBe(0), { timeout: 2000 });
      expect(screen.queryByRole('dialog')).toBeNull();
    }
  });
});
