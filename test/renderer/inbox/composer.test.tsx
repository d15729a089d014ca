import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MessageView } from '../../../common/desk-api/index.js';
import type { Programme } from '../../../common/domain/index.js';
import { request } from '../../../renderer/app/workspace-bus.js';
import { canned, conversation, message } from '../app/fixtures.js';
import { callsTo } from '../app/render-desk.js';
import { renderInbox } from './render-inbox.js';

type SendArg = { conversationId: string; direction: 'outbound' | 'note'; body: string; programmeId: string | null };

function setup(opts: { draft?: string; status?: 'open' | 'closed' | 'held'; phone?: string | null } = {}) {
  const c = conversation({ citizenName: '홍길동', status: opts.status ?? 'open', ...(opts.phone !== undefined ? { citizenPhone: opts.phone } : {}) });
  const sent: SendArg[] = [];
  const rendered = renderInbox([c], {}, {
    inbox: {
      cannedReplies: async () => [
        canned('인사', '안녕하세요 {{citizenName}} 님, 상담사 {{counsellorName}}입니다.', 'hi'),
        canned('마무리', '더 궁금하신 점 있으면 말씀해 주세요.', 'bye'),
      ],
      getDraft: async () => ({ body: opts.draft ?? '' }),
      send: async (arg) => {
        sent.push(arg as SendArg);
        return { ...message(c.id, { direction: arg.direction, body: arg.body, programmeId: arg.programmeId }), localState: 'sending' } satisfies MessageView;
      },
      switchToCall: async ({ phone }) => ({ callLogId: '30000000-0000-4000-8000-000000000001', notice: phone ? ('call' as const) : ('askPhone' as const) }),
      assign: async ({ assigneeId }) => ({ ...c, assigneeId }),
      hold: async ({ until }) => ({ ...c, status: 'held', heldUntil: until }),
      unhold: async () => ({ ...c, status: 'open', heldUntil: null }),
      close: async ({ field, summary }) => ({ conversation: { ...c, status: 'closed', field, summary }, callLogId: '30000000-0000-4000-8000-000000000002' }),
    },
  });
  return { ...rendered, c, sent };
}

async function openComposer() {
  const user = userEvent.setup({ delay: null });
  await user.click(await screen.findByRole('option', { name: /홍길동/ }));
  const box = await screen.findByRole('textbox', { name: '답장 입력' });
  return { user, box };
}

describe('composer', () => {
  it('inserts a canned reply with / and fills in the names', async () => {
    setup();
    const { user, box } = await openComposer();
    await user.type(box, '/인');
    const picker = await screen.findByRole('listbox', { name: '상용구' });
    expect(within(picker).getAllByRole('option')).toHaveLength(1);
    await user.keyboard('{Enter}');
    expect(box).toHaveValue('안녕하세요 홍길동 님, 상담사 김상담입니다.');
    expect(screen.queryByRole('listbox', { name: '상용구' })).toBeNull();
  });

  it('restores the saved draft and saves what is typed', async () => {
    const { fake, c } = setup({ draft: '어제 쓰던 답장' });
    const { user, box } = await openComposer();
    await waitFor(() => expect(box).toHaveValue('어제 쓰던 답장'));
    await user.type(box, ' 이어서');
    await waitFor(() => expect(callsTo(fake, 'inbox:saveDraft')).toContainEqual({ conversationId: c.id, body: '어제 쓰던 답장 이어서' }));
  });

  it('sends with Ctrl+Enter and clears the box and the draft', async () => {
    const { fake, c, sent } = setup();
    const { user, box } = await openComposer();
    await user.type(box, '네, 안내해 드리겠습니다.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(sent).toEqual([{ conversationId: c.id, direction: 'outbound', body: '네, 안내해 드리겠습니다.', programmeId: null }]));
    await waitFor(() => expect(box).toHaveValue(''));
    await waitFor(() => expect(callsTo(fake, 'inbox:saveDraft').at(-1)).toEqual({ conversationId: c.id, body: '' }));
  });

  it('warns before sending a 주민등록번호 and sends only when confirmed', async () => {
    const { sent } = setup();
    const { user, box } = await openComposer();
    await user.type(box, '주민번호 900101-1234567 확인했습니다');
    await user.click(screen.getByRole('button', { name: '보내기' }));
    const dialog = await screen.findByRole('dialog', { name: '민감한 번호가 있습니다' });
    expect(dialog).toHaveTextContent('주민등록번호: 900101-1234567');
    expect(sent).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: '돌아가서 고치기' }));
    expect(sent).toHaveLength(0);
    expect(box).toHaveValue('주민번호 900101-1234567 확인했습니다');
    await user.click(screen.getByRole('button', { name: '보내기' }));
    await user.click(within(await screen.findByRole('dialog', { name: '민감한 번호가 있습니다' })).getByRole('button', { name: '그래도 보내기' }));
    await waitFor(() => expect(sent).toHaveLength(1));
  });

  it('counts characters and refuses more than 1,000', async () => {
    setup();
    const { box } = await openComposer();
    fireEvent.change(box, { target: { value: '가'.repeat(1001) } });
    expect(await screen.findByText('1001 / 1000')).toBeInTheDocument();
    expect(screen.getByText('1000자를 넘었습니다. 줄여 주세요.')).toBeVisible();
    expect(screen.getByRole('button', { name: '보내기' })).toBeDisabled();
    fireEvent.change(box, { target: { value: '가'.repeat(1000) } });
    expect(screen.getByRole('button', { name: '보내기' })).toBeEnabled();
  });

  it('sends a programme card from the lookup with its id', async () => {
    const { c, sent } = setup();
    const { user, box } = await openComposer();
    const programme = {
      id: 'WLF00001188', name: '기초연금', summary: '65세 이상 어르신께 매달 연금을 드립니다.', benefits: '월 최대 34만원', howToApply: '주민센터 방문',
      contact: '보건복지상담센터 129', sourceUrl: 'https://www.bokjiro.go.kr/', field: '복지일반', lifeStages: ['노년'], households: [], themes: [],
      target: '', criteria: '', legalBasis: '', provider: 'central', agency: '보건복지부', onlineApplication: true, sourceUpdatedAt: null,
      updatedAt: '2026-01-01T00:00:00Z', version: 1,
    } satisfies Programme;
    act(() => request('composer:insertProgramme', { programme }));
    await waitFor(() => expect((box as HTMLTextAreaElement).value).toContain('[기초연금]'));
    expect(screen.getByText('프로그램 카드: 기초연금')).toBeVisible();
    await user.click(screen.getByRole('button', { name: '보내기' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ conversationId: c.id, direction: 'outbound', programmeId: 'WLF00001188' });
    expect(sent[0]!.body).toContain('문의: 보건복지상담센터 129');
  });

  it('saves an internal note as a note', async () => {
    const { sent } = setup();
    const { user, box } = await openComposer();
    await user.click(screen.getByRole('switch', { name: '내부 메모' }));
    await user.type(box, '다음 주 재연락');
    await user.click(screen.getByRole('button', { name: '메모 저장' }));
    await waitFor(() => expect(sent).toEqual([expect.objectContaining({ direction: 'note', body: '다음 주 재연락', programmeId: null })]));
  });
});

describe('workflow', () => {
  it('switches to a phone call and asks the call log to open the linked record', async () => {
    const { fake, c } = setup();
    const opened: string[] = [];
    const { listen } = await import('../../../renderer/app/workspace-bus.js');
    const off = listen('callLog:open', ({ id }) => opened.push(id));
    const { user } = await openComposer();
    await user.click(screen.getByRole('button', { name: '전화 상담 전환' }));
    // It asks first, and shows what the citizen will be told.
    const dialog = await screen.findByRole('dialog', { name: '전화 상담 전환' });
    expect(callsTo(fake, 'inbox:switchToCall')).toEqual([]);
    expect(dialog).toHaveTextContent('010-1234-5678');
    expect(dialog).toHaveTextContent('상담원이 곧 전화드리겠습니다');
    await user.click(within(dialog).getByRole('button', { name: '전환하고 안내 보내기' }));
    await waitFor(() => expect(opened).toEqual(['30000000-0000-4000-8000-000000000001']));
    expect(callsTo(fake, 'inbox:switchToCall')).toEqual([{ conversationId: c.id, phone: '01012345678' }]);
    off();
  });

  it('without a phone number, asks the citizen for one instead of promising a call; 취소 sends nothing', async () => {
    const { fake, c } = setup({ phone: null });
    const { user } = await openComposer();
    const button = screen.getByRole('button', { name: '전화 상담 전환' });
    await user.click(button);
    let dialog = await screen.findByRole('dialog', { name: '전화 상담 전환' });
    await user.click(within(dialog).getByRole('button', { name: '취소' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsTo(fake, 'inbox:switchToCall')).toEqual([]);
    await waitFor(() => expect(button).toHaveFocus());

    await user.click(button);
    dialog = await screen.findByRole('dialog', { name: '전화 상담 전환' });
    expect(dialog).not.toHaveTextContent('곧 전화드리겠습니다');
    expect(dialog).toHaveTextContent('전화번호를 알려 주시겠어요?');
    await user.click(within(dialog).getByRole('button', { name: '전화번호 묻기' }));
    await waitFor(() => expect(callsTo(fake, 'inbox:switchToCall')).toEqual([{ conversationId: c.id, phone: null }]));
    expect(await screen.findByText('시민에게 전화번호를 물었습니다. 상담 기록을 열었습니다.')).toBeInTheDocument();
  });

  it('closes with a field and a one-line summary', async () => {
    const { fake, c } = setup();
    const { user } = await openComposer();
    await user.click(screen.getByRole('button', { name: '종료' }));
    const dialog = await screen.findByRole('dialog', { name: '상담 종료' });
    await user.click(within(dialog).getByRole('button', { name: '종료하고 기록 만들기' }));
    expect(within(dialog).getAllByText('필수 항목입니다')).toHaveLength(2);
    expect(callsTo(fake, 'inbox:close')).toHaveLength(0);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /분야/ }), '저소득층 지원');
    await user.type(within(dialog).getByLabelText(/한 줄 요약/), '생계급여 신청 안내');
    await user.click(within(dialog).getByRole('button', { name: '종료하고 기록 만들기' }));
    await waitFor(() => expect(callsTo(fake, 'inbox:close')).toEqual([{ conversationId: c.id, field: '저소득층 지원', summary: '생계급여 신청 안내' }]));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '상담 종료' })).toBeNull());
  });

  it('transfers to another counsellor with a comment', async () => {
    const { fake, c } = setup();
    const { user } = await openComposer();
    await user.click(screen.getByRole('button', { name: '배정/이관' }));
    const dialog = await screen.findByRole('dialog', { name: '상담 배정/이관' });
    await user.click(within(dialog).getByRole('combobox', { name: /담당 상담사/ }));
    // Each counsellor with presence and open chats (issue 15).
    await user.click(await screen.findByRole('option', { name: /^이상담 · 오프라인 · 진행 \d+건$/ }));
    await user.type(within(dialog).getByRole('textbox', { name: /메모/ }), '주거 담당으로 이관');
    await user.click(within(dialog).getByRole('button', { name: '배정' }));
    await waitFor(() =>
      expect(callsTo(fake, 'inbox:assign')).toEqual([{ conversationId: c.id, assigneeId: '10000000-0000-4000-8000-000000000002', comment: '주거 담당으로 이관' }]),
    );
  });

  it('holds until the citizen writes again', async () => {
    const { fake, c } = setup();
    const { user } = await openComposer();
    await user.click(screen.getByRole('button', { name: '보류' }));
    const dialog = await screen.findByRole('dialog', { name: '상담 보류' });
    expect(within(dialog).getByRole('radio', { name: '시민의 다음 메시지까지' })).toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: '보류' }));
    await waitFor(() => expect(callsTo(fake, 'inbox:hold')).toEqual([{ conversationId: c.id, until: null, reason: '' }]));
  });

  it('holds until a time typed in Seoul time', async () => {
    const { fake, c } = setup();
    const { user } = await openComposer();
    await user.click(screen.getByRole('button', { name: '보류' }));
    const dialog = await screen.findByRole('dialog', { name: '상담 보류' });
    await user.click(within(dialog).getByRole('radio', { name: '정한 시각까지' }));
    fireEvent.change(within(dialog).getByLabelText('보류 종료 시각'), { target: { value: '2099-01-02T10:30' } });
    await user.click(within(dialog).getByRole('button', { name: '보류' }));
    await waitFor(() => expect(callsTo(fake, 'inbox:hold')).toEqual([{ conversationId: c.id, until: '2099-01-02T01:30:00.000Z', reason: '' }]));
  });

  it('holds for 30분 with a reason, and returns focus to the toolbar when the dialog closes', async () => {
    const { fake, c } = setup();
    const { user } = await openComposer();
    await user.click(screen.getByRole('button', { name: '보류' }));
    const dialog = await screen.findByRole('dialog', { name: '상담 보류' });
    await user.click(within(dialog).getByRole('radio', { name: '30분' }));
    await user.type(within(dialog).getByRole('textbox', { name: /보류 사유/ }), '서류 확인 중');
    const before = Date.now();
    await user.click(within(dialog).getByRole('button', { name: '보류' }));
    await waitFor(() => expect(callsTo(fake, 'inbox:hold')).toHaveLength(1));
    const arg = callsTo(fake, 'inbox:hold')[0] as { conversationId: string; until: string; reason: string };
    expect(arg).toMatchObject({ conversationId: c.id, reason: '서류 확인 중' });
    expect(Date.parse(arg.until) - before).toBeGreaterThanOrEqual(30 * 60_000 - 1000);
    expect(Date.parse(arg.until) - before).toBeLessThan(31 * 60_000);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // Focus is back in the toolbar, not lost to the page.
    await waitFor(() => expect(screen.getByRole('toolbar', { name: '상담 처리' }).contains(document.activeElement)).toBe(true));
  });

  it('takes a held chat off hold with 보류 해제 and with Alt+H', async () => {
    const { fake, c } = setup({ status: 'held' });
    const { user } = await openComposer();
    await user.click(screen.getByRole('button', { name: '보류 해제' }));
    await waitFor(() => expect(callsTo(fake, 'inbox:unhold')).toEqual([{ conversationId: c.id }]));
    fireEvent.keyDown(window, { key: 'h', code: 'KeyH', altKey: true });
    await waitFor(() => expect(callsTo(fake, 'inbox:unhold')).toHaveLength(2));
  });

  it('opens the 보류 dialog with Alt+H on a chat that is not held', async () => {
    setup();
    await openComposer();
    fireEvent.keyDown(window, { key: 'ㅗ', code: 'KeyH', altKey: true });
    expect(await screen.findByRole('dialog', { name: '상담 보류' })).toBeInTheDocument();
  });
});

describe('hold times', () => {
  it('computes 내일 오전 9시 in Seoul time whatever the workstation zone', async () => {
    const { holdUntil } = await import('../../../renderer/inbox/hold-times.js');
    // 23:30 KST on 27 November: tomorrow 9 a.m. is 28 November 09:00 KST = 00:00 UTC.
    expect(holdUntil('tomorrow9', Date.parse('2026-11-27T14:30:00Z'), '')).toBe('2026-11-28T00:00:00.000Z');
    expect(holdUntil('1h', Date.parse('2026-11-27T14:30:00Z'), '')).toBe('2026-11-27T15:30:00.000Z');
    expect(holdUntil('time', Date.parse('2026-11-27T14:30:00Z'), '2026-11-27T10:00')).toBeUndefined();
    expect(holdUntil('next', 0, '')).toBeNull();
  });
});
