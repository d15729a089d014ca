import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { conversation, message } from '../app/fixtures.js';
import { callsTo } from '../app/render-desk.js';
import { renderInbox } from '../inbox/render-inbox.js';
import { listen } from '../../../renderer/app/workspace-bus.js';

const crisisOf = (messageId: string) => ({ kind: 'violence' as const, phrase: '남편이 때려', messageId, at: '2026-11-27T04:00:00.000Z' });

describe('crisis signal in the inbox', () => {
  it('badges the row and the header, shows the matching hotlines and records 위기가구 in one click', async () => {
    const user = userEvent.setup({ delay: null });
    const c = conversation({ citizenName: '홍길동' });
    const m = message(c.id, { body: '오늘 집에서 남편이 때려요' });
    const flagged = { ...c, crisis: crisisOf(m.id) };
    const { fake } = renderInbox([flagged, conversation({ citizenName: '김영희' })], { [c.id]: { messages: [m], earlierConversations: [], callLogs: [] } }, {
      inbox: { recordCrisis: async () => ({ callLogId: '20000000-0000-4000-8000-000000000001' }) },
    });
    const row = await screen.findByRole('option', { name: /홍길동/ });
    expect(within(row).getByLabelText('위기 신호: 폭력·학대')).toBeInTheDocument();
    expect(within(screen.getByRole('option', { name: /김영희/ })).queryByLabelText(/위기 신호/)).toBeNull();

    await user.click(row);
    const pane = screen.getByRole('region', { name: '대화' });
    await within(pane).findByRole('heading', { name: '홍길동' });
    expect(within(pane).getAllByLabelText('위기 신호: 폭력·학대').length).toBeGreaterThan(0);
    const card = within(pane).getByRole('region', { name: '위기 신호' });
    expect(card).toHaveTextContent('남편이 때려');
    expect(card).toHaveTextContent('1366');
    expect(card.textContent!.indexOf('1366')).toBeLessThan(card.textContent!.indexOf('129'));
    expect(card).not.toHaveTextContent('109');

    const opened: string[] = [];
    const stop = listen('callLog:open', ({ id }) => void opened.push(id));
    await user.click(within(card).getByRole('button', { name: '위기가구 기록' }));
    await waitFor(() => expect(callsTo(fake, 'inbox:recordCrisis')).toEqual([{ conversationId: c.id }]));
    await waitFor(() => expect(opened).toEqual(['20000000-0000-4000-8000-000000000001']));
    stop();
  });

  it('dismisses a false alarm only with a reason', async () => {
    const user = userEvent.setup({ delay: null });
    const c = conversation({ citizenName: '이순신' });
    const flagged = { ...c, crisis: { ...crisisOf('30000000-0000-4000-8000-000000000001'), kind: 'self_harm' as const, phrase: '죽고 싶' } };
    const { fake } = renderInbox([flagged], {}, { inbox: { dismissCrisis: async () => ({ ...flagged, crisis: null }) } });
    await user.click(await screen.findByRole('option', { name: /이순신/ }));
    const card = await screen.findByRole('region', { name: '위기 신호' });
    expect(card).toHaveTextContent('109');
    await user.click(within(card).getByRole('button', { name: '오탐 해제' }));
    await user.click(within(card).getByRole('button', { name: '해제' }));
    expect(within(card).getByText('사유를 입력하세요.')).toBeInTheDocument();
    expect(callsTo(fake, 'inbox:dismissCrisis')).toEqual([]);
    await user.type(within(card).getByRole('textbox', { name: /해제 사유/ }), '노래 가사 인용');
    await user.click(within(card).getByRole('button', { name: '해제' }));
    await waitFor(() => expect(callsTo(fake, 'inbox:dismissCrisis')).toEqual([{ conversationId: c.id, reason: '노래 가사 인용' }]));
  });

  it('"이 메시지로 찾기" sends a citizen message to the programme lookup', async () => {
    const user = userEvent.setup({ delay: null });
    const c = conversation({ citizenName: '박민수' });
    const m = message(c.id, { body: '혼자 사시는 어머니 휠체어가 고장났어요' });
    renderInbox([c], { [c.id]: { messages: [m], earlierConversations: [], callLogs: [] } });
    await user.click(await screen.findByRole('option', { name: /박민수/ }));
    const pane = screen.getByRole('region', { name: '대화' });
    const asked: string[] = [];
    const stop = listen('programmes:search', ({ q }) => void asked.push(q));
    await user.click(await within(pane).findByRole('button', { name: '이 메시지로 찾기' }));
    expect(asked).toEqual(['혼자 사시는 어머니 휠체어가 고장났어요']);
    stop();
  });
});
