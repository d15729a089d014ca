import { fireEvent, screen, waitFor } from '@testing-library/react';
import { MaskedPhone } from '../../../renderer/privacy/MaskedPhone.js';
import { callsTo, renderWithDesk } from '../app/render-desk.js';

describe('a masked phone number', () => {
  it('shows 010-****-5678; the eye button asks the services (logged reveal) and shows the full number', async () => {
    const { fake } = renderWithDesk(<MaskedPhone phone="01012345678" entity="callLog" recordId="rec-1" />, {
      privacy: { reveal: async () => ({ phone: '010-1234-5678' }) },
    });
    expect(screen.getByText('010-****-5678')).toBeVisible();
    expect(screen.queryByText('010-1234-5678')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '전체 번호 보기' }));
    expect(await screen.findByText('010-1234-5678')).toBeVisible();
    expect(callsTo(fake, 'privacy:reveal')).toEqual([{ entity: 'callLog', recordId: 'rec-1' }]);
  });

  it('Ctrl+Alt+R reveals the primary number (the record on screen) only', async () => {
    const { fake } = renderWithDesk(
      <>
        <MaskedPhone phone="01012345678" entity="conversation" recordId="c-1" primary />
        <MaskedPhone phone="01099998888" entity="callLog" recordId="l-2" />
      </>,
      { privacy: { reveal: async ({ recordId }) => ({ phone: recordId === 'c-1' ? '010-1234-5678' : '010-9999-8888' }) } },
    );
    fireEvent.keyDown(window, { key: 'r', code: 'KeyR', ctrlKey: true, altKey: true });
    expect(await screen.findByText('010-1234-5678')).toBeVisible();
    await waitFor(() => expect(callsTo(fake, 'privacy:reveal')).toEqual([{ entity: 'conversation', recordId: 'c-1' }]));
    expect(screen.getByText('010-****-8888')).toBeVisible();
  });
});
