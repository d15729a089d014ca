import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ME, conversation, message } from '../app/fixtures.js';
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
});
