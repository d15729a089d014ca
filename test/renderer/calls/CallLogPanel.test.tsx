import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { listen, request } from '../../../renderer/app/workspace-bus.js';
import { CallLogPanel } from '../../../renderer/calls/CallLogPanel.js';
import { makeCallsDesk, programme, renderWithMantine } from './helpers.js';

const DRAFT_ID = '44444444-4444-4444-8444-444444444444';

function form() {
  return screen.getByRole('form', { name: '상담 기록' });
}

describe('CallLogPanel entry form', () => {
  it('renders the form "상담 기록" with a "저장" button and the tabs', async () => {
    makeCallsDesk();
    renderWithMantine(<CallLogPanel />);
    expect(form()).toBeInTheDocument();
    expect(within(form()).getByRole('button', { name: '저장' })).toBeInTheDocument();
    for (const name of ['기록', '목록', '콜백', '통계']) expect(screen.getByRole('tab', { name })).toBeInTheDocument();
  });

  it('formats the phone as typed, shows the caller history at once, and flags an invalid number', async () => {
    const fake = makeCallsDesk();
    const user = userEvent.setup({ delay: null });
    renderWithMantine(<CallLogPanel />);
    const phone = within(form()).getByLabelText('전화번호');
    await user.type(phone, '01012345678');
    expect(phone).toHaveValue('010-1234-5678');
    const history = await screen.findByRole('region', { name: '발신자 이력' });
    expect(await within(history).findByText('의료비 지원 문의')).toBeInTheDocument();
    expect(fake.calls).toContainEqual(['calls:history', { phone: '01012345678' }]);

    await user.clear(phone);
    await user.type(phone, '0212');
    await user.tab();
    expect(await screen.findByText(/전화번호 형식이 올바르지 않습니다/)).toBeInTheDocument();
    await user.keyboard('{Control>}s{/Control}');
    expect(fake.saved).toHaveLength(0);
  });

  it('autosaves the draft as it is typed (debounced) and Ctrl+S saves it through desk.calls.save', async () => {
    const fake = makeCallsDesk();
    const user = userEvent.setup({ delay: null });
    renderWithMantine(<CallLogPanel />);
    await user.type(within(form()).getByLabelText('주호소'), '주거급여 신청 방법');
    await waitFor(() => expect([...fake.drafts.values()].some((d) => d.need === '주거급여 신청 방법')).toBe(true));
    const saveDraftCalls = fake.calls.filter(([c]) => c === 'calls:saveDraft').length;
    expect(saveDraftCalls).toBeGreaterThan(0);
    expect(saveDraftCalls).toBeLessThan('주거급여 신청 방법'.length);

    await user.selectOptions(within(form()).getByLabelText('조치'), '신청안내');
    await user.click(within(form()).getByLabelText('카카오톡'));
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(fake.saved).toHaveLength(1));
    expect(fake.saved[0]!.input).toMatchObject({ need: '주거급여 신청 방법', action: 'apply_guide', channel: 'kakao', callerPhone: null });
    // Said next to 저장 (announced as a status), and again by the toast of the shortcut.
    expect(await within(form()).findByRole('status')).toHaveTextContent(/저장했습니다/);
    expect(within(form()).getByLabelText('주호소')).toHaveValue('');
  });

  it('Ctrl+N starts a new record and keeps the one being typed as a draft', async () => {
    const fake = makeCallsDesk();
    const user = userEvent.setup({ delay: null });
    renderWithMantine(<CallLogPanel />);
    await user.type(within(form()).getByLabelText('성명'), '김민수');
    await user.keyboard('{Control>}n{/Control}');
    await waitFor(() => expect(within(form()).getByLabelText('성명')).toHaveValue(''));
    expect([...fake.drafts.values()].map((d) => d.callerName)).toContain('김민수');
    // The replaced record waits under "복원할 초안" and comes back on 복원.
    const restoreList = await screen.findByRole('region', { name: '복원할 초안' });
    await user.click(within(restoreList).getByRole('button', { name: '복원: 김민수' }));
    await waitFor(() => expect(within(form()).getByLabelText('성명')).toHaveValue('김민수'));
  });

  it('restores the newest draft on start, phone as it was typed', async () => {
    makeCallsDesk([{ id: DRAFT_ID, baseVersion: null, channel: 'visit', callerName: '이영희', phoneText: '010-55', need: '긴급복지', dong: '시흥3동', crisis: true }]);
    renderWithMantine(<CallLogPanel />);
    await waitFor(() => expect(within(form()).getByLabelText('성명')).toHaveValue('이영희'));
    expect(within(form()).getByLabelText('전화번호')).toHaveValue('010-55');
    expect(within(form()).getByLabelText('거주 동')).toHaveValue('시흥3동');
    expect(within(form()).getByLabelText('방문')).toBeChecked();
    expect(within(form()).getByLabelText('위기가구')).toBeChecked();
    expect(screen.getByText('작성하던 초안을 복원했습니다.')).toBeInTheDocument();
  });

  it('attaches a programme sent from the lookup and one found by the small search', async () => {
    const fake = makeCallsDesk();
    const user = userEvent.setup({ delay: null });
    renderWithMantine(<CallLogPanel />);
    act(() => request('callLog:attachProgramme', { programme: programme('P9', '서울형 기초보장') }));
    expect(await within(form()).findByText('서울형 기초보장')).toBeInTheDocument();
    await user.type(within(form()).getByLabelText('연계 프로그램 검색'), '생계');
    await user.click(await within(form()).findByRole('option', { name: /기초생활보장 생계급여/ }, { timeout: 5000 }));
    await waitFor(() => expect([...fake.drafts.values()].at(-1)?.programmeIds).toEqual(['P9', 'P1']));
  });

  it('opens a draft created by the inbox (callLog:open)', async () => {
    const fake = makeCallsDesk();
    fake.drafts.set(DRAFT_ID, { id: DRAFT_ID, baseVersion: null, channel: 'kakao', conversationId: '55555555-5555-4555-8555-555555555555', callerPhone: '01012345678', need: '대화에서 전환' });
    renderWithMantine(<CallLogPanel />);
    // The panel restored this draft already on start; open it again explicitly as the inbox would.
    act(() => request('callLog:open', { id: DRAFT_ID }));
    await waitFor(() => expect(within(form()).getByLabelText('주호소')).toHaveValue('대화에서 전환'));
    expect(within(form()).getByLabelText('전화번호')).toHaveValue('010-1234-5678');
    expect(within(form()).getByLabelText('카카오톡')).toBeChecked();
  });

  it('pops an incoming call with the caller history and "기록 시작" opens the prefilled record', async () => {
    const fake = makeCallsDesk();
    const user = userEvent.setup({ delay: null });
    renderWithMantine(<CallLogPanel />);
    fake.drafts.set(DRAFT_ID, { id: DRAFT_ID, baseVersion: null, channel: 'phone', callerPhone: '01012345678', startedAt: '2026-03-02T01:00:05.000Z', durationSec: 245, ctiCallId: 'c-1' });
    act(() => fake.emit('calls:onIncomingCall', {
      call: {
        callId: 'c-1', from: '010-1234-5678', to: '0226270000', counsellorId: '11111111-1111-4111-8111-111111111111', ringingAt: '2026-03-02T01:00:00.000Z',
        answeredAt: '2026-03-02T01:00:05.000Z', endedAt: '2026-03-02T01:04:10.000Z', missed: false, callLogId: null, updatedAt: '2026-03-02T01:04:10.000Z', version: 3,
      },
      draftId: DRAFT_ID,
      history: [],
      conversations: [],
    }));
    const dialog = await screen.findByRole('dialog', { name: '수신 전화' });
    expect(within(dialog).getByText('010-****-5678')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '기록 시작' }));
    await waitFor(() => expect(within(form()).getByLabelText('전화번호')).toHaveValue('010-1234-5678'));
    expect(within(form()).getByLabelText('시작 시각')).toHaveValue('2026-03-02 10:00');
    expect(within(form()).getByLabelText('상담 시간(분)')).toHaveValue(4);
    expect(within(form()).getByLabelText('상담 시간')).toHaveTextContent('04:05');
  });

  it('times a live call: 통화 시작 sets the start, 통화 종료 records the duration', async () => {
    makeCallsDesk();
    const user = userEvent.setup({ delay: null });
    renderWithMantine(<CallLogPanel />);
    const t0 = Date.parse('2026-03-02T01:00:00.000Z');
    const clock = vi.spyOn(Date, 'now').mockReturnValue(t0);
    try {
      await user.click(within(form()).getByRole('button', { name: '통화 시작' }));
      expect(within(form()).getByLabelText('시작 시각')).toHaveValue('2026-03-02 10:00');
      clock.mockReturnValue(t0 + 125_000);
      await user.click(within(form()).getByRole('button', { name: '통화 종료' }));
      expect(within(form()).getByLabelText('상담 시간')).toHaveTextContent('02:05');
      expect(within(form()).getByRole('button', { name: '통화 시작' })).toBeInTheDocument();
    } finally {
      clock.mockRestore();
    }
  });
  it('keeps a running timer in the autosaved draft, and a restored draft resumes it (crash mid-call)', async () => {
    const t0 = Date.parse('2026-03-02T01:00:00.000Z');
    const clock = vi.spyOn(Date, 'now').mockReturnValue(t0);
    try {
      const fake = makeCallsDesk();
      const user = userEvent.setup({ delay: null });
      const first = renderWithMantine(<CallLogPanel />);
      await user.click(within(form()).getByRole('button', { name: '통화 시작' }));
      await waitFor(() => expect([...fake.drafts.values()].map((d) => d.timerStartedAt)).toContain('2026-03-02T01:00:00.000Z'));
      first.unmount();

      // The window comes back 65 s later from the draft alone: the timer still runs from the call's start.
      clock.mockReturnValue(t0 + 65_000);
      makeCallsDesk([...fake.drafts.values()]);
      renderWithMantine(<CallLogPanel />);
      expect(await within(form()).findByRole('button', { name: '통화 종료' })).toBeInTheDocument();
      expect(within(form()).getByLabelText('상담 시간')).toHaveTextContent('01:05');
      clock.mockReturnValue(t0 + 90_000);
      await user.click(within(form()).getByRole('button', { name: '통화 종료' }));
      expect(within(form()).getByLabelText('상담 시간')).toHaveTextContent('01:30');
    } finally {
      clock.mockRestore();
    }
  });
  it('Ctrl+S and Ctrl+N work from anywhere in the window, but not while another feature\'s modal dialog is open', async () => {
    const fake = makeCallsDesk();
    const user = userEvent.setup({ delay: null });
    const focused: string[] = [];
    const off = listen('area:focus', ({ area }) => focused.push(area));
    try {
      renderWithMantine(
        <>
          <input aria-label="답장 입력" />
          <CallLogPanel />
        </>,
      );
      await user.type(within(form()).getByLabelText('주호소'), '긴급복지 문의');
      const composer = screen.getByLabelText('답장 입력');
      await user.click(composer);

      // Ctrl+S from the chat composer saves the record, and the browser's "save page" is suppressed.
      const ctrlS = new KeyboardEvent('keydown', { key: 's', code: 'KeyS', ctrlKey: true, bubbles: true, cancelable: true });
      act(() => void composer.dispatchEvent(ctrlS));
      expect(ctrlS.defaultPrevented).toBe(true);
      await waitFor(() => expect(fake.saved.map((x) => x.input.need)).toEqual(['긴급복지 문의']));

      // Ctrl+N from the composer brings the call log forward with a fresh record (Korean IME: key is ㅜ).
      await user.type(within(form()).getByLabelText('성명'), '박지성');
      await user.click(composer);
      const ctrlN = new KeyboardEvent('keydown', { key: 'ㅜ', code: 'KeyN', ctrlKey: true, bubbles: true, cancelable: true });
      act(() => void composer.dispatchEvent(ctrlN));
      expect(ctrlN.defaultPrevented).toBe(true);
      expect(focused).toEqual(['calls']);
      await waitFor(() => expect(within(form()).getByLabelText('성명')).toHaveValue(''));

      // Another feature's modal is open: the keys are its own, the call log does nothing.
      await user.type(within(form()).getByLabelText('성명'), '김연아');
      const modal = document.createElement('div');
      modal.setAttribute('role', 'dialog');
      modal.setAttribute('aria-modal', 'true');
      const field = document.createElement('input');
      modal.append(field);
      document.body.append(modal);
      try {
        field.focus();
        const blockedN = new KeyboardEvent('keydown', { key: 'n', code: 'KeyN', ctrlKey: true, bubbles: true, cancelable: true });
        const blockedS = new KeyboardEvent('keydown', { key: 's', code: 'KeyS', ctrlKey: true, bubbles: true, cancelable: true });
        act(() => {
          field.dispatchEvent(blockedN);
          field.dispatchEvent(blockedS);
        });
        expect(focused).toEqual(['calls']);
        expect(fake.saved).toHaveLength(1);
        expect(within(form()).getByLabelText('성명')).toHaveValue('김연아');
        // …and says why nothing happened.
        await waitFor(() => expect(screen.getAllByRole('alert').some((a) => /창이 열려 있어/.test(a.textContent ?? ''))).toBe(true));
      } finally {
        modal.remove();
      }
    } finally {
      off();
    }
  });
});
