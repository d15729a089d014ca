import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { conversation, message, OTHER } from '../app/fixtures.js';
import { callsTo } from '../app/render-desk.js';
import { renderInbox } from './render-inbox.js';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('conversation list', () => {
  it('shows name, preview, status, unread, assignee, waiting time and the after-hours marker', async () => {
    renderInbox([
      conversation({ citizenName: '홍길동', lastMessagePreview: '기초연금 신청 문의', status: 'waiting', unreadCount: 3, assigneeId: OTHER.id, waitingSince: minutesAgo(40), afterHoursNoticeAt: minutesAgo(60) }),
      conversation({ citizenName: '김영희', status: 'held', waitingSince: minutesAgo(2) }),
      conversation({ citizenName: '이몽룡', status: 'open', waitingSince: minutesAgo(2) }),
    ]);
    const region = await screen.findByRole('region', { name: '상담 목록' });
    const row = await within(region).findByRole('option', { name: /홍길동/ });
    expect(row).toHaveTextContent('기초연금 신청 문의');
    expect(row).toHaveTextContent('대기');
    expect(within(row).getByLabelText('읽지 않음 3')).toHaveTextContent('3');
    await waitFor(() => expect(row).toHaveTextContent('이상담'));
    expect(row).toHaveTextContent('운영시간 외 자동 안내 발송');
    // The timer says what it counts (응답 대기), so it cannot be mistaken for the 대기 status.
    const late = within(row).getByText(/^응답 대기/, { selector: '[data-wait]' });
    expect(late).toHaveAttribute('data-wait', 'overdue');
    expect(late).toHaveTextContent('응답 대기 40분');
    // A held chat waits on purpose: no timer runs for it.
    expect(screen.getByRole('option', { name: /김영희/ }).querySelector('[data-wait]')).toBeNull();
    expect(screen.getByRole('option', { name: /이몽룡/ }).querySelector('[data-wait]')).toHaveAttribute('data-wait', 'ok');
    expect(screen.getByRole('option', { name: /김영희/ })).toHaveTextContent('보류');
  });

  it('asks the desk for each view and for a search', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderInbox([conversation({ citizenName: '홍길동' }), conversation({ citizenName: '이순신' })]);
    await screen.findByRole('option', { name: /홍길동/ });
    await user.click(screen.getByRole('radio', { name: '미배정' }));
    await waitFor(() => expect(callsTo(fake, 'inbox:page')).toContainEqual({ view: 'unassigned', q: '', sort: 'waiting', offset: 0, limit: 50 }));
    await user.click(screen.getByRole('radio', { name: '종료' }));
    await waitFor(() => expect(callsTo(fake, 'inbox:page')).toContainEqual({ view: 'closed', q: '', sort: 'recent', offset: 0, limit: 50 }));
    await user.click(screen.getByRole('radio', { name: '전체' }));
    await user.type(screen.getByRole('searchbox', { name: '상담 검색' }), '이순');
    await waitFor(() => expect(callsTo(fake, 'inbox:page')).toContainEqual({ view: 'all', q: '이순', sort: 'recent', offset: 0, limit: 50 }));
    await waitFor(() => expect(screen.queryByRole('option', { name: /홍길동/ })).toBeNull());
    expect(screen.getByRole('option', { name: /이순신/ })).toBeInTheDocument();
  });

  it('renders only a window of 10,000 conversations and reads only the pages it shows', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => conversation({ citizenName: `시민 ${i}` }));
    const { fake } = renderInbox(many);
    await screen.findByRole('option', { name: /시민 0\b/ });
    const options = screen.getAllByRole('option');
    expect(options.length).toBeGreaterThan(5);
    expect(options.length).toBeLessThan(60);
    expect(screen.getByText('10000건')).toBeInTheDocument();
    // The count comes with the window: nothing asked for all 10,000 rows.
    expect(callsTo(fake, 'inbox:list')).toEqual([]);
    expect(callsTo(fake, 'inbox:page').every((a) => (a as { limit: number }).limit <= 50)).toBe(true);
    // Each row says where it sits in the whole list, for screen readers.
    const listbox = screen.getByRole('listbox', { name: '상담 목록' });
    const first = within(listbox).getAllByRole('option')[0];
    expect(first).toHaveAttribute('aria-posinset', '1');
    expect(first).toHaveAttribute('aria-setsize', '10000');

    // Scrolled to the end, the list reads the last page only and shows its rows.
    const before = callsTo(fake, 'inbox:page').length;
    Object.defineProperty(listbox, 'scrollTop', { configurable: true, value: 9_995 * 88 });
    fireEvent.scroll(listbox);
    expect(await within(listbox).findByRole('option', { name: /시민 9999\b/ })).toHaveAttribute('aria-posinset', '10000');
    const read = callsTo(fake, 'inbox:page').slice(before) as Array<{ offset: number }>;
    expect(read.map((a) => a.offset)).toContain(9_950);
    expect(read.every((a) => a.offset >= 9_900)).toBe(true);
  });

  it('moves with Alt+↓/↑ and opens with Enter', async () => {
    const a = conversation({ citizenName: '첫째' });
    const b = conversation({ citizenName: '둘째' });
    const c = conversation({ citizenName: '셋째' });
    renderInbox([a, b, c]);
    const listbox = await screen.findByRole('listbox', { name: '상담 목록' });
    await screen.findByRole('option', { name: /첫째/ });
    fireEvent.keyDown(window, { key: 'ArrowDown', altKey: true });
    expect(listbox).toHaveFocus();
    expect(listbox).toHaveAttribute('aria-activedescendant', `conv-opt-${b.id}`);
    fireEvent.keyDown(listbox, { key: 'ArrowDown', altKey: true });
    expect(listbox).toHaveAttribute('aria-activedescendant', `conv-opt-${c.id}`);
    fireEvent.keyDown(listbox, { key: 'ArrowUp', altKey: true });
    expect(listbox).toHaveAttribute('aria-activedescendant', `conv-opt-${b.id}`);
    fireEvent.keyDown(listbox, { key: 'Enter' });
    const pane = screen.getByRole('region', { name: '대화' });
    expect(await within(pane).findByRole('heading', { name: '둘째' })).toBeVisible();
    expect(screen.getByRole('option', { name: /둘째/ })).toHaveAttribute('aria-selected', 'true');
  });

  it('renders a citizen name with markup as text', async () => {
    renderInbox([conversation({ citizenName: '<img src=x onerror="window.__pwned=1">', lastMessagePreview: '<script>window.__pwned=2</script>' })]);
    const row = await screen.findByRole('option', { name: /<img src=x/ });
    expect(row.querySelector('img, script')).toBeNull();
    expect(row).toHaveTextContent('<script>window.__pwned=2</script>');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('opens the conversation a clicked notification asks for', async () => {
    const a = conversation({ citizenName: '알림 대상' });
    const { fake } = renderInbox([conversation({ citizenName: '다른 시민' }), a]);
    await screen.findByRole('option', { name: /알림 대상/ });
    act(() => fake.emit('inbox:onFocusRequest', { conversationId: a.id }));
    expect(await within(screen.getByRole('region', { name: '대화' })).findByRole('heading', { name: '알림 대상' })).toBeVisible();
  });

  it('refreshes when the desk says conversations changed', async () => {
    const rows = [conversation({ citizenName: '처음' })];
    const { fake } = renderInbox(rows);
    await screen.findByRole('option', { name: /처음/ });
    rows.push(conversation({ citizenName: '새로 온 시민' }));
    act(() => fake.emit('inbox:onChange', { conversationIds: [rows[1]!.id], entities: ['conversation'] }));
    expect(await screen.findByRole('option', { name: /새로 온 시민/ })).toBeInTheDocument();
  });

  it('announces a citizen message that arrives while the conversation is open', async () => {
    const c = conversation({ citizenName: '열린 상담' });
    const messages = [message(c.id, { body: '처음 메시지' })];
    const { fake } = renderInbox([c], {}, {
      inbox: { get: async () => ({ conversation: c, messages: [...messages], earlierConversations: [], callLogs: [] }) },
    });
    fireEvent.click(await screen.findByRole('option', { name: /열린 상담/ }));
    const live = await screen.findByRole('status', { name: '새 메시지' });
    expect(live).toHaveTextContent('');
    messages.push(message(c.id, { body: '방금 온 질문' }));
    act(() => fake.emit('inbox:onChange', { conversationIds: [c.id], entities: ['message'] }));
    await waitFor(() => expect(live).toHaveTextContent('시민의 새 메시지: 방금 온 질문'));
    expect(screen.getByText('새 메시지', { selector: 'p' })).toBeInTheDocument();
  });
});
