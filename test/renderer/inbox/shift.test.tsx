import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ME, conversation, message } from '../app/fixtures.js';
import { callsTo } from '../app/render-desk.js';
import { citizenHandle } from '../../../renderer/inbox/citizen-handle.js';
import { renderInbox } from './render-inbox.js';

/** Issue 10: what a day of real use showed in the inbox. */
async function openOnly(name: string) {
  const user = userEvent.setup({ delay: null });
  await user.click(await screen.findByRole('option', { name: new RegExp(name) }));
  const pane = screen.getByRole('region', { name: '대화' });
  await within(pane).findByRole('heading', { name });
  return { user, pane };
}

describe('inbox over a shift', () => {
  it('labels the service’s automatic messages 자동 안내, not 나', async () => {
    const c = conversation({ citizenName: '홍길동' });
    const messages = [
      message(c.id, { body: '문의합니다' }),
      message(c.id, { direction: 'outbound', body: '지금은 운영시간이 아닙니다', authorId: null, delivery: 'delivered' }),
      message(c.id, { direction: 'outbound', body: '제가 답합니다', authorId: ME.id, delivery: 'delivered' }),
    ];
    renderInbox([c], { [c.id]: { messages, earlierConversations: [], callLogs: [] } });
    const { pane } = await openOnly('홍길동');
    const log = within(pane).getByRole('log');
    expect(within(log).getByText('지금은 운영시간이 아닙니다').closest('.msg')).toHaveTextContent('자동 안내');
    expect(within(log).getByText('지금은 운영시간이 아닙니다').closest('.msg')).not.toHaveTextContent(/^나/);
    expect(within(log).getByText('제가 답합니다').closest('.msg')).toHaveTextContent(ME.displayName);
  });

  it('shows a nameless citizen as a stable handle with their first question, and sorts 미배정 longest-waiting first', async () => {
    const user = userEvent.setup({ delay: null });
    const c = conversation({ citizenName: null, citizenKey: 'kakao-user-8f3a', assigneeId: null, lastMessagePreview: '운영시간이 아닙니다. 내일 답해 드리겠습니다.' });
    const messages = [message(c.id, { body: '기초연금 받을 수 있나요?' }), message(c.id, { direction: 'outbound', authorId: null, body: '운영시간이 아닙니다. 내일 답해 드리겠습니다.' })];
    const { fake } = renderInbox([c], { [c.id]: { messages, earlierConversations: [], callLogs: [] } });
    const handle = citizenHandle('kakao-user-8f3a');
    expect(handle).toMatch(/^#\d{4}$/);
    expect(citizenHandle('kakao-user-8f3a')).toBe(handle);
    expect(citizenHandle('kakao-user-8f3b')).not.toBe(handle);
    const row = await screen.findByRole('option', { name: new RegExp(`시민 ${handle}`) });
    expect(row).toHaveTextContent('기초연금 받을 수 있나요?');
    expect(row).not.toHaveTextContent('운영시간이 아닙니다');

    await user.click(screen.getByRole('radio', { name: '미배정' }));
    await waitFor(() => expect(callsTo(fake, 'inbox:page')).toContainEqual({ view: 'unassigned', q: '', sort: 'waiting', offset: 0, limit: 50 }));
    const sort = screen.getByRole('combobox', { name: '정렬' });
    expect(sort).toHaveValue('waiting');
    expect(within(sort).getByRole('option', { name: '오래 기다린 순' })).toBeInTheDocument();
    await user.selectOptions(sort, 'recent');
    await waitFor(() => expect(callsTo(fake, 'inbox:page')).toContainEqual({ view: 'unassigned', q: '', sort: 'recent', offset: 0, limit: 50 }));
    // 내 상담 starts from its own default.
    await user.click(screen.getByRole('radio', { name: '내 상담' }));
    await waitFor(() => expect(screen.getByRole('combobox', { name: '정렬' })).toHaveValue('recent'));
  });

  it('never shows an empty listbox: no conversations is a group with the sentence (axe: listbox needs options)', async () => {
    renderInbox([]);
    expect(await screen.findByText('표시할 상담이 없습니다.')).toBeInTheDocument();
    expect(screen.queryByRole('listbox', { name: '상담 목록' })).toBeNull();
    expect(screen.getByRole('group', { name: '상담 목록' })).toHaveTextContent('표시할 상담이 없습니다.');
  });
});
