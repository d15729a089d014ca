import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeskError, type IncomingCall } from '../../../common/desk-api/index.js';
import type { CallLog } from '../../../common/domain/index.js';
import { CallLogPanel } from '../../../renderer/calls/CallLogPanel.js';
import { makeCallsDesk, renderWithMantine } from './helpers.js';

const ME = '11111111-1111-4111-8111-111111111111';
const form = () => screen.getByRole('form', { name: '상담 기록' });
const earlier = (over: Partial<CallLog> = {}): CallLog => ({
  id: '66666666-6666-4666-8666-666666666666', conversationId: null, channel: 'phone', startedAt: '2026-02-01T01:00:00.000Z', durationSec: 60,
  callerName: '홍길동', callerPhone: '01012345678', dong: null, field: '보건의료', subTopic: null, need: '의료비 지원 문의', programmeIds: [],
  action: 'info', agency: null, crisis: false, callbackAt: '2026-02-02T01:00:00.000Z', callbackDoneAt: null, callbackRecordId: null, notes: '',
  ctiCallId: null, counsellorId: ME, createdAt: '2026-02-01T01:00:00.000Z', updatedAt: '2026-02-01T01:00:00.000Z', version: 1, ...over,
});

describe('record form: saving', () => {
  it('Ctrl+S saves while a closed dialog is still mounted but not on screen (hidden tab, display:none)', async () => {
    const fake = makeCallsDesk();
    const user = userEvent.setup({ delay: null });
    renderWithMantine(<CallLogPanel />);
    const leftover = document.createElement('div');
    leftover.style.display = 'none';
    leftover.innerHTML = '<section role="dialog" aria-modal="true" aria-label="상담 기록"></section>';
    document.body.append(leftover);
    try {
      await user.type(within(form()).getByLabelText('주호소'), '남은 창 문의');
      await user.keyboard('{Control>}s{/Control}');
      await waitFor(() => expect(fake.saved.map((x) => x.input.need)).toEqual(['남은 창 문의']));
    } finally {
      leftover.remove();
    }
  });

  it('Enter in a one-line field never saves or clears the record; Enter in the programme search adds the highlighted one', async () => {
    const fake = makeCallsDesk();
    const user = userEvent.setup({ delay: null });
    renderWithMantine(<CallLogPanel />);
    const f = within(form());
    await user.type(f.getByLabelText('성명'), '김민수{Enter}');
    await user.type(f.getByLabelText('거주 동'), '독산1동{Enter}');
    await user.type(f.getByLabelText('연계 기관'), '독산1동 주민센터{Enter}');
    await user.type(f.getByLabelText('세부 주제'), '주거{Enter}');
    await user.type(f.getByLabelText('연계 프로그램 검색'), '생계');
    await f.findByRole('option', { name: /기초생활보장 생계급여/ }, { timeout: 5000 });
    await user.keyboard('{Enter}');
    await waitFor(() => expect(f.getByRole('listitem')).toHaveTextContent('기초생활보장 생계급여'));
    expect(fake.saved).toHaveLength(0);
    expect(f.getByLabelText('성명')).toHaveValue('김민수');
    expect(f.getByLabelText('거주 동')).toHaveValue('독산1동');
    expect(f.getByLabelText('연계 기관')).toHaveValue('독산1동 주민센터');
    // Only the 저장 button (or Ctrl+S) saves.
    await user.click(f.getByRole('button', { name: '저장' }));
    await waitFor(() => expect(fake.saved).toHaveLength(1));
    expect(fake.saved[0]!.input).toMatchObject({ callerName: '김민수', dong: '독산1동', agency: '독산1동 주민센터', programmeIds: ['P1'] });
  });

  it('says what saving did next to 저장, in Korean only', async () => {
    makeCallsDesk([], {
      save: async () => {
        throw new DeskError('offline', '서버에 연결할 수 없습니다 (ECONNREFUSED 127.0.0.1:8787, server unreachable)');
      },
    });
    const user = userEvent.setup({ delay: null });
    renderWithMantine(<CallLogPanel />);
    await user.type(within(form()).getByLabelText('주호소'), '연결 끊김');
    const save = within(form()).getByRole('button', { name: '저장' });
    await user.click(save);
    const row = save.closest('.mantine-Group-root')!;
    const alert = await within(row as HTMLElement).findByRole('alert');
    await waitFor(() => expect(alert).toHaveTextContent(/저장하지 못했습니다/));
    expect(alert.textContent).not.toMatch(/[A-Za-z]/);
    // The draft stays for the next try.
    expect(within(form()).getByLabelText('주호소')).toHaveValue('연결 끊김');
  });

  it('a conflict opens both versions; merging field by field saves on top of their version', async () => {
    const id = '88888888-8888-4888-8888-888888888888';
    const theirs = { ...earlier({ id, callbackAt: null, need: '그쪽이 고친 주호소', notes: '원래 메모', version: 3 }), localState: null, localError: null };
    let attempts = 0;
    const saved: Array<{ id: string; baseVersion: number | null; input: unknown }> = [];
    const fake = makeCallsDesk([], {
      save: async (arg) => {
        attempts += 1;
        if (arg.baseVersion !== 3) throw new DeskError('conflict', '다른 상담원이 이 기록을 먼저 고쳤습니다 (버전 3).');
        saved.push(arg);
        return { ...theirs, ...arg.input, version: 4 };
      },
      get: async () => ({ callLog: theirs, revisions: [] }),
    });
    fake.drafts.set(id, { id, baseVersion: 1, channel: 'phone', callerName: '홍길동', callerPhone: '01012345678', need: '내가 고친 주호소', notes: '내 메모', startedAt: theirs.startedAt, durationSec: 60, field: '보건의료', action: 'info' });
    const user = userEvent.setup({ delay: null });
    renderWithMantine(<CallLogPanel />);
    await waitFor(() => expect(within(form()).getByLabelText('주호소')).toHaveValue('내가 고친 주호소'));
    await user.click(within(form()).getByRole('button', { name: '저장' }));
    const dialog = await screen.findByRole('dialog', { name: '두 버전 비교' });
    expect(within(dialog).getByText('그쪽이 고친 주호소')).toBeInTheDocument();
    expect(within(dialog).getByText('내 메모')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('radio', { name: /주호소: 먼저 저장된 내용/ }));
    await user.click(within(dialog).getByRole('button', { name: '고른 대로 합쳐 저장' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(attempts).toBe(2);
    expect(saved[0]).toMatchObject({ id, baseVersion: 3, input: { need: '그쪽이 고친 주호소', notes: '내 메모' } });
  });

  it('the start time is one text field (one tab stop), typed as YYYY-MM-DD HH:mm in KST', async () => {
    const fake = makeCallsDesk();
    const user = userEvent.setup({ delay: null });
    renderWithMantine(<CallLogPanel />);
    const start = within(form()).getByLabelText('시작 시각');
    expect([null, 'text']).toContain(start.getAttribute('type'));
    await user.clear(start);
    await user.type(start, '2026-03-02 14:05');
    await user.type(within(form()).getByLabelText('주호소'), '시각 입력');
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(fake.saved).toHaveLength(1));
    expect(fake.saved[0]!.input.startedAt).toBe('2026-03-02T05:05:00.000Z');
  });
});

describe('record form: incoming calls', () => {
  const incoming = (over: Partial<IncomingCall['call']> = {}, history: CallLog[] = []): IncomingCall => ({
    call: {
      callId: 'c-9', from: '010-1234-5678', to: '0226270000', counsellorId: ME, ringingAt: '2026-03-02T01:00:00.000Z',
      answeredAt: '2026-03-02T01:00:05.000Z', endedAt: null, missed: false, callLogId: null, updatedAt: '2026-03-02T01:00:05.000Z', version: 2, ...over,
    },
    draftId: null,
    history,
    conversations: [],
  });

  it('a pop-up closed with 닫기 stays closed when the hang-up arrives', async () => {
    const fake = makeCallsDesk();
    const user = userEvent.setup({ delay: null });
    renderWithMantine(<CallLogPanel />);
    act(() => fake.emit('calls:onIncomingCall', incoming()));
    const dialog = await screen.findByRole('dialog', { name: '수신 전화' });
    expect(within(dialog).getByRole('status')).toHaveTextContent('통화 중');
    await user.click(within(dialog).getAllByRole('button', { name: '닫기' }).at(-1)!);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '수신 전화' })).toBeNull());
    act(() => fake.emit('calls:onIncomingCall', incoming({ endedAt: '2026-03-02T01:03:05.000Z', version: 3 })));
    await new Promise((r) => setTimeout(r, 300));
    expect(screen.queryByRole('dialog', { name: '수신 전화' })).toBeNull();
    // Another call still pops.
    act(() => fake.emit('calls:onIncomingCall', incoming({ callId: 'c-10' })));
    expect(await screen.findByRole('dialog', { name: '수신 전화' })).toBeInTheDocument();
  });

  it('shows the known name, a callback already due for the number, and opens an earlier record', async () => {
    const fake = makeCallsDesk([], {
      get: async ({ id }) => (id === earlier().id ? { callLog: { ...earlier(), localState: null, localError: null }, revisions: [] } : null),
      history: async () => ({ callLogs: [earlier()], conversations: [] }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithMantine(<CallLogPanel />);
    act(() => fake.emit('calls:onIncomingCall', incoming({}, [earlier()])));
    const dialog = await screen.findByRole('dialog', { name: '수신 전화' });
    const history = within(dialog).getByRole('region', { name: '발신자 이력' });
    expect(await within(history).findByText('홍길동')).toBeInTheDocument();
    expect(within(history).getByText(/콜백 시간이 지났습니다: 2026-02-02 10:00/)).toBeInTheDocument();
    await user.click(within(history).getByRole('button', { name: /이전 기록 보기: 2026-02-01 10:00/ }));
    const detail = await screen.findByRole('dialog', { name: '상담 기록' });
    expect(await within(detail).findByText('의료비 지원 문의')).toBeInTheDocument();
  });
});
