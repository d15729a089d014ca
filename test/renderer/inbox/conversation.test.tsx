import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ME, conversation, message } from '../app/fixtures.js';
import { callsTo } from '../app/render-desk.js';
import { renderInbox } from './render-inbox.js';

async function openOnly(name: string) {
  const user = userEvent.setup({ delay: null });
  await user.click(await screen.findByRole('option', { name: new RegExp(name) }));
  const pane = screen.getByRole('region', { name: '대화' });
  await within(pane).findByRole('heading', { name });
  return { user, pane };
}

describe('conversation', () => {
  it('separates days in KST, marks notes, shows delivery and retries a failed reply', async () => {
    const c = conversation({ citizenName: '홍길동', unreadCount: 1 });
    const failed = message(c.id, { direction: 'outbound', body: '안내드립니다', authorId: ME.id, delivery: 'failed', deliveryError: '카카오 전송 실패', createdAt: '2026-11-27T14:50:00Z' });
    const messages = [
      message(c.id, { body: '어제 문의', createdAt: '2026-11-26T05:00:00Z' }),
      message(c.id, { direction: 'outbound', body: '답변입니다', authorId: ME.id, delivery: 'delivered', createdAt: '2026-11-26T05:05:00Z' }),
      message(c.id, { direction: 'note', body: '소득 확인 필요', authorId: ME.id, createdAt: '2026-11-26T05:06:00Z' }),
      message(c.id, { direction: 'outbound', body: '보내는 중인 답장', authorId: ME.id, localState: 'sending', createdAt: '2026-11-26T05:07:00Z' }),
      failed,
      // 15:30 UTC is already the next day in Seoul.
      message(c.id, { body: '새 질문', createdAt: '2026-11-27T15:30:00Z' }),
    ];
    let retried: string | null = null;
    const { fake } = renderInbox([c], { [c.id]: { messages, earlierConversations: [], callLogs: [] } }, {
      inbox: { retry: async ({ messageId }) => ((retried = messageId), { ok: true as const }) },
    });
    const { user, pane } = await openOnly('홍길동');
    const log = within(pane).getByRole('log', { name: '대화 내역' });
    expect(within(log).getByText('2026년 11월 26일 목요일')).toBeVisible();
    expect(within(log).getByText('2026년 11월 27일 금요일')).toBeVisible();
    expect(within(log).getByText('2026년 11월 28일 토요일')).toBeVisible();
    const note = within(log).getByText('소득 확인 필요').closest('[data-direction]');
    expect(note).toHaveAttribute('data-direction', 'note');
    expect(note).toHaveTextContent('내부 메모 (시민에게 보이지 않음)');
    expect(within(log).getByText('답변입니다').closest('.msg')).toHaveTextContent('전달됨');
    expect(within(log).getByText('보내는 중인 답장').closest('.msg')).toHaveTextContent('보내는 중');
    const failedRow = within(log).getByText('안내드립니다').closest('.msg') as HTMLElement;
    expect(failedRow).toHaveTextContent('전송 실패: 카카오 전송 실패');
    await user.click(within(failedRow).getByRole('button', { name: '다시 보내기' }));
    await waitFor(() => expect(retried).toBe(failed.id));
    // The unread message gets the marker, and opening marks the conversation read.
    const marker = within(log).getByText('새 메시지');
    expect(marker.compareDocumentPosition(within(log).getByText('새 질문')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await waitFor(() => expect(callsTo(fake, 'inbox:markRead')).toEqual([{ conversationId: c.id }]));
  });

  it('renders HTML and script payloads as text, and opens only web links after confirmation', async () => {
    const c = conversation({ citizenName: '시민' });
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    const messages = [
      message(c.id, { body: '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>' }),
      message(c.id, { body: '<a href="javascript:window.__pwned=3">눌러</a> https://www.bokjiro.go.kr/ssis 참고' }),
      message(c.id, { kind: 'image', body: '', imageUrl: 'javascript:alert(1)' }),
      message(c.id, { kind: 'image', body: '', imageUrl: 'https://example.org/photo.jpg' }),
      message(c.id, { body: '아주긴단어'.repeat(200) + ' 😀👍🏽 이모지' }),
    ];
    renderInbox([c], { [c.id]: { messages, earlierConversations: [], callLogs: [] } });
    const { user, pane } = await openOnly('시민');
    const log = within(pane).getByRole('log');
    expect(log.querySelector('img, script, a[href]')).toBeNull();
    expect(within(log).getByText(/<img src=x onerror=/)).toHaveTextContent('<script>window.__pwned=2</script>');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(within(log).getByText('열 수 없는 이미지 주소')).toBeVisible();
    expect(within(log).getByText(/😀👍🏽 이모지/)).toBeVisible();

    await user.click(within(log).getByRole('button', { name: 'https://www.bokjiro.go.kr/ssis' }));
    const dialog = await screen.findByRole('dialog', { name: '외부 링크 열기' });
    expect(open).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: '열기' }));
    expect(open).toHaveBeenCalledWith('https://www.bokjiro.go.kr/ssis', '_blank', 'noopener,noreferrer');

    await user.click(within(log).getByRole('button', { name: /이미지 열기: https:\/\/example.org\/photo.jpg/ }));
    await user.click(within(await screen.findByRole('dialog', { name: '외부 링크 열기' })).getByRole('button', { name: '취소' }));
    expect(open).toHaveBeenCalledTimes(1);
    open.mockRestore();
  });

  it('lists the citizen’s earlier conversations and call logs', async () => {
    const c = conversation({ citizenName: '홍길동' });
    const earlier = conversation({ citizenName: '홍길동', status: 'closed', summary: '주거급여 안내' });
    const { user, pane } = await (async () => {
      renderInbox([c], {
        [c.id]: {
          messages: [],
          earlierConversations: [earlier],
          callLogs: [{
            id: '20000000-0000-4000-8000-000000000001', conversationId: null, channel: 'phone', startedAt: '2026-11-20T01:00:00Z', durationSec: 300,
            callerName: null, callerPhone: '01012345678', dong: null, field: '보건의료', subTopic: null, need: '의료비 지원 문의', programmeIds: [],
            action: 'info', agency: null, crisis: false, callbackAt: null, callbackDoneAt: null, callbackRecordId: null, notes: '', ctiCallId: null,
            counsellorId: ME.id, createdAt: '2026-11-20T01:00:00Z', updatedAt: '2026-11-20T01:00:00Z', version: 1,
          }],
        },
      });
      return openOnly('홍길동');
    })();
    await user.click(within(pane).getByRole('button', { name: '시민 기록 (2)' }));
    const side = within(pane).getByRole('region', { name: '시민 기록' });
    expect(within(side).getByText(/주거급여 안내/)).toBeInTheDocument();
    expect(within(side).getByText(/의료비 지원 문의/)).toBeInTheDocument();
  });

  it('opens at the newest page and reads older pages from the button and on scrolling up', async () => {
    const c = conversation({ citizenName: '긴대화' });
    const all = Array.from({ length: 150 }, (_, i) =>
      message(c.id, { body: `메시지 ${i}`, createdAt: new Date(Date.parse('2026-11-20T00:00:00Z') + i * 60_000).toISOString() }));
    const cursorOf = (m: (typeof all)[number]) => ({ createdAt: m.createdAt, id: m.id });
    const { fake } = renderInbox([c], { [c.id]: { messages: all.slice(100), olderCursor: cursorOf(all[100]!), earlierConversations: [], callLogs: [] } }, {
      inbox: {
        messages: async ({ before }) => {
          const end = all.findIndex((m) => m.id === before.id);
          const start = Math.max(0, end - 50);
          return { messages: all.slice(start, end), olderCursor: start > 0 ? cursorOf(all[start]!) : null };
        },
      },
    });
    const { user, pane } = await openOnly('긴대화');
    const log = within(pane).getByRole('log', { name: '대화 내역' });
    expect(await within(log).findByText('메시지 149')).toBeInTheDocument();
    // Only the newest page was read.
    expect(callsTo(fake, 'inbox:get')).toEqual([{ conversationId: c.id }]);
    expect(callsTo(fake, 'inbox:messages')).toEqual([]);

    // The keyboard way: a button above the history.
    const more = within(pane).getByRole('button', { name: '이전 메시지 더 보기' });
    more.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(callsTo(fake, 'inbox:messages')).toEqual([{ conversationId: c.id, before: cursorOf(all[100]!) }]));

    // Scrolling near the top reads the page before that; then there is nothing older.
    Object.defineProperty(log, 'scrollHeight', { configurable: true, value: 20_000 });
    Object.defineProperty(log, 'scrollTop', { configurable: true, writable: true, value: 0 });
    fireEvent.scroll(log);
    await waitFor(() => expect(callsTo(fake, 'inbox:messages')).toHaveLength(2));
    expect(callsTo(fake, 'inbox:messages')[1]).toEqual({ conversationId: c.id, before: cursorOf(all[50]!) });
    await waitFor(() => expect(within(pane).queryByRole('button', { name: '이전 메시지 더 보기' })).toBeNull());
    // The button left with the last page; the keyboard stays in the history.
    expect(log).toHaveFocus();
    // Older pages are history, not news: no "새 메시지" marker appears for them.
    expect(within(log).queryByText('새 메시지')).toBeNull();
  });
});
