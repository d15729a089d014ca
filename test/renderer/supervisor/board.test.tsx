import { screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_ASSIGNMENT_SETTINGS, DEFAULT_SERVICE_LEVEL_TARGETS, type Counsellor, type SupervisorBoard as Board } from '../../../common/domain/index.js';
import { SupervisorBoard } from '../../../renderer/supervisor/SupervisorBoard.js';
import { ME, NOW, OTHER } from '../app/fixtures.js';
import { callsTo, renderWithDesk } from '../app/render-desk.js';

vi.setConfig({ testTimeout: 60_000 });

const board = (): Board => ({
  generatedAt: NOW, waiting: [], longestWaitSeconds: 0, unassignedCount: 0, breachCount: 0,
  counsellors: [ME, OTHER].map((c) => ({
    id: c.id, displayName: c.displayName, role: c.role, presence: 'available' as const, presenceSince: NOW,
    openChats: 1, callsToday: 0, avgFirstResponseSecondsToday: null, atCapacity: false,
  })),
  assignment: DEFAULT_ASSIGNMENT_SETTINGS, targets: DEFAULT_SERVICE_LEVEL_TARGETS,
});

describe('현황판 presence', () => {
  it('shows a presence change from the replica as soon as the feed brings it, before the board is fetched again', async () => {
    let counsellors: Counsellor[] = [{ ...ME, presence: 'available' }, { ...OTHER, presence: 'available' }];
    let release: () => void = () => undefined;
    let calls = 0;
    const { fake } = renderWithDesk(<SupervisorBoard opened onClose={() => undefined} />, {
      inbox: { counsellors: async () => counsellors },
      team: {
        // The first board answers at once; the next one hangs, as a slow server would.
        board: () => (calls++ === 0 ? Promise.resolve(board()) : new Promise<Board>((r) => { release = () => r(board()); })),
      },
    });
    const table = await screen.findByRole('table', { name: '상담원' });
    const row = () => within(table).getAllByRole('row').find((r) => within(r).queryByRole('rowheader', { name: OTHER.displayName }))!;
    await waitFor(() => expect(row()).toHaveTextContent('상담 가능'));

    counsellors = [{ ...ME, presence: 'available' }, { ...OTHER, presence: 'away' }];
    fake.emit('inbox:onChange', { conversationIds: [], entities: ['counsellor'] });
    await waitFor(() => expect(row()).toHaveTextContent('자리 비움'));
    expect(callsTo(fake, 'team:board').length).toBeGreaterThanOrEqual(2);
    release();
  });
});
