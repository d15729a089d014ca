import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReportArgs } from '../../../common/desk-api/index.js';
import type { ServiceLevelReport } from '../../../common/team/service-levels.js';
import { ServiceLevels } from '../../../renderer/supervisor/ServiceLevels.js';
import { ME } from '../app/fixtures.js';
import { callsTo, renderWithDesk } from '../app/render-desk.js';

vi.setConfig({ testTimeout: 60_000 });

function report(args: ReportArgs): ServiceLevelReport {
  return {
    from: args.from, to: args.to, groupBy: args.groupBy,
    chats: [
      { period: '2026-11-01', counsellorId: null, channel: 'kakao', firstResponses: 10, withinTarget: 7, withinTargetShare: 0.7, avgFirstResponseSeconds: 200, resolved: 4, avgResolutionSeconds: 3_600, meetsTarget: false },
      { period: '2026-11-01', counsellorId: ME.id, channel: 'kakao', firstResponses: 4, withinTarget: 4, withinTargetShare: 1, avgFirstResponseSeconds: 45, resolved: 2, avgResolutionSeconds: 1_800, meetsTarget: true },
    ],
    calls: [
      { period: '2026-11-01', counsellorId: null, channel: 'phone', offered: 20, answered: 18, answeredWithinTarget: 17, answerRate: 0.85, missed: 2, missedRate: 0.1, avgHandleSeconds: 190, meetsTarget: true },
    ],
    satisfaction: [
      { period: '2026-11-01', counsellorId: ME.id, asked: 5, answered: 4, satisfied: 3, neutral: 1, dissatisfied: 0, satisfiedShare: 0.75 },
    ],
  };
}

describe('서비스 수준 tab', () => {
  it('asks the server for the KST period (end day included) and shows chats, calls and satisfaction per counsellor', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithDesk(<ServiceLevels />, { team: { report: async (a: ReportArgs) => report(a) } });
    const chats = await screen.findByRole('table', { name: '카카오톡 상담' });
    // Names come from the replica's counsellors, which may answer after the report.
    const mine = await waitFor(() => {
      const row = within(chats).getAllByRole('row').find((r) => r.textContent?.includes('김상담'));
      if (!row) throw new Error(`no row of 김상담 in: ${chats.textContent}`);
      return row;
    });
    expect(mine).toHaveTextContent('100%');
    expect(mine).toHaveTextContent('45초');
    const team = within(chats).getAllByRole('row').find((r) => r.textContent?.includes('팀 전체'))!;
    expect(team).toHaveTextContent('70%');
    expect(team).toHaveTextContent('3분 20초');
    expect(within(screen.getByRole('table', { name: '전화' })).getByText(/85%/)).toBeVisible();
    const satisfaction = screen.getByRole('table', { name: '만족도' });
    expect(within(satisfaction).getByText('75%')).toBeVisible();

    const from = screen.getByLabelText('시작일');
    await user.clear(from);
    await user.type(from, '2026-11-01');
    const to = screen.getByLabelText('종료일');
    await user.clear(to);
    await user.type(to, '2026-11-30');
    await user.click(screen.getByRole('radio', { name: '월' }));
    await waitFor(() =>
      expect(callsTo(fake, 'team:report').at(-1)).toEqual({ from: '2026-10-31T15:00:00.000Z', to: '2026-11-30T15:00:00.000Z', groupBy: 'month' }),
    );
  });

  it('exports the same period as XLSX', async () => {
    const user = userEvent.setup({ delay: null });
    const created: string[] = [];
    URL.createObjectURL = () => {
      created.push('blob');
      return 'blob:report';
    };
    URL.revokeObjectURL = () => undefined;
    const { fake } = renderWithDesk(<ServiceLevels />, {
      team: {
        report: async (a: ReportArgs) => report(a),
        exportReport: async () => ({ fileName: '서비스수준.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: 'UEsDBA==', rows: 3 }),
      },
    });
    await screen.findByRole('table', { name: '카카오톡 상담' });
    await user.click(screen.getByRole('button', { name: 'XLSX 내보내기' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(callsTo(fake, 'team:exportReport')[0]).toEqual(callsTo(fake, 'team:report').at(-1));
  });
});
