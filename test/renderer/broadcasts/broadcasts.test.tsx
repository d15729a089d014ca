import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeskError } from '../../../common/desk-api/index.js';
import type { Counsellor } from '../../../common/domain/index.js';
import {
  CONSENT_STATEMENT, CONSENT_STATEMENT_VERSION, DEMO_TOPICS, type Broadcast, type BroadcastReport, type Subscriber,
} from '../../../common/subscriptions/index.js';
import { BroadcastsDialog } from '../../../renderer/broadcasts/BroadcastsDialog.js';
import { BroadcastsEntry } from '../../../renderer/broadcasts/BroadcastsEntry.js';
import { CitizenHistory } from '../../../renderer/inbox/CitizenHistory.js';
import { ME, NOW, uuid } from '../app/fixtures.js';
import { renderWithDesk } from '../app/render-desk.js';

const SUPERVISOR: Counsellor = { ...ME, id: '10000000-0000-4000-8000-00000000000a', username: 'supervisor1', displayName: '팀장 정하늘', role: 'supervisor' };
const ADMIN_ID = '10000000-0000-4000-8000-00000000000b';

function notice(over: Partial<Broadcast> = {}): Broadcast {
  return {
    id: uuid(), title: '행복주택 모집', body: '금천구 행복주택 입주자를 모집합니다.', topics: ['housing'], dongs: [], lifeStages: [], buttons: [],
    programmeId: null, scheduledAt: null, status: 'draft', pausedReason: null, authorId: ADMIN_ID, authorName: '관리자 한지수',
    submittedAt: null, approvedById: null, approvedByName: null, approvedAt: null, cancelledAt: null, completedAt: null,
    createdAt: NOW, updatedAt: NOW, version: 1,
    counts: { targeted: 0, pending: 0, delivered: 0, failed: 0, optedOut: 0, cancelled: 0 }, ...over,
  };
}

const common = {
  topics: async () => [...DEMO_TOPICS],
  consentStatement: async () => ({ version: CONSENT_STATEMENT_VERSION, statement: CONSENT_STATEMENT }),
  audience: async ({ topics, dongs }: { topics: string[]; dongs: string[] }) => ({ count: topics.length * 10 + dongs.length }),
};

function open(me: Counsellor, broadcasts: Record<string, unknown>, initialTab?: 'compose' | 'queue' | 'sending' | 'subscribers' | 'lookup') {
  return renderWithDesk(<BroadcastsDialog opened onClose={() => {}} me={me} initialTab={initialTab} />, {
    broadcasts: { ...common, list: async () => [], ...broadcasts } as never,
  });
}

describe('구독 소식: writing a notice', () => {
  it('previews the text as KakaoTalk shows it, masks a 주민등록번호, counts the length and the audience, refuses http links', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = open(SUPERVISOR, {});
    const dialog = await screen.findByRole('dialog', { name: '구독 소식' });
    const submit = within(dialog).getByRole('button', { name: '승인 요청' });
    expect(submit).toBeDisabled();
    expect(within(dialog).getByText('주제를 고르면 받는 사람 수가 나옵니다.')).toBeInTheDocument();

    await user.type(within(dialog).getByRole('textbox', { name: '제목' }), '행복주택 모집');
    await user.click(within(dialog).getByRole('textbox', { name: '내용' }));
    await user.paste('문의 900101-1234567 은 http://example.com 으로');
    const bubble = within(dialog).getByTestId('kakao-bubble');
    expect(bubble).toHaveTextContent('[행복주택 모집]');
    expect(bubble).toHaveTextContent('900101-1******');
    expect(bubble).not.toHaveTextContent('1234567');
    expect(within(dialog).getByText('주민등록번호는 가려서 보냅니다.')).toBeInTheDocument();
    expect(within(dialog).getByText('링크는 https:// 주소만 쓸 수 있습니다.')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('checkbox', { name: '임대주택' }));
    await waitFor(() => expect(within(dialog).getByTestId('audience')).toHaveTextContent('지금 보내면 받는 구독자: 10명'));
    await user.click(within(dialog).getByRole('checkbox', { name: '가산동' }));
    await waitFor(() => expect(within(dialog).getByTestId('audience')).toHaveTextContent('11명'));
    expect(fake.calls.filter(([c]) => c === 'broadcasts:audience').at(-1)?.[1]).toEqual({ topics: ['housing'], dongs: ['가산동'], lifeStages: [] });
    expect(submit).toBeDisabled(); // still the http link

    const body = within(dialog).getByRole('textbox', { name: '내용' });
    await user.clear(body);
    await user.paste('자세한 내용은 https://www.geumcheon.go.kr 에서 보세요.');
    expect(submit).toBeEnabled();
    await user.type(within(dialog).getByRole('textbox', { name: '버튼 1 이름' }), '공고 보기');
    await user.type(within(dialog).getByRole('textbox', { name: '버튼 1 링크 (https://)' }), 'http://x.kr');
    expect(submit).toBeDisabled();
    await user.clear(within(dialog).getByRole('textbox', { name: '버튼 1 링크 (https://)' }));
    await user.click(within(dialog).getByRole('textbox', { name: '버튼 1 링크 (https://)' }));
    await user.paste('https://www.geumcheon.go.kr/n/1');
    expect(within(dialog).getByTestId('kakao-bubble')).toHaveTextContent('공고 보기');
    expect(submit).toBeEnabled();
  });

  it('refuses a text over the channel limit', async () => {
    const user = userEvent.setup({ delay: null });
    open(SUPERVISOR, {});
    const dialog = await screen.findByRole('dialog', { name: '구독 소식' });
    await user.type(within(dialog).getByRole('textbox', { name: '제목' }), '제목');
    await user.click(within(dialog).getByRole('textbox', { name: '내용' }));
    await user.paste('가'.repeat(1000));
    expect(within(dialog).getByText('1000자를 넘었습니다. 줄여 주세요.')).toBeInTheDocument();
    expect(within(dialog).getByText(/1005 \/ 1000자/)).toBeInTheDocument();
  });

  it('승인 요청 saves the draft (its id as the idempotency key) and submits it', async () => {
    const user = userEvent.setup({ delay: null });
    let created: Broadcast | null = null;
    const { fake } = open(SUPERVISOR, {
      create: async (input: Broadcast) => (created = notice({ ...input, status: 'draft', authorId: SUPERVISOR.id })),
      submit: async ({ id }: { id: string }) => ({ ...created!, id, status: 'submitted' }),
    });
    const dialog = await screen.findByRole('dialog', { name: '구독 소식' });
    await user.type(within(dialog).getByRole('textbox', { name: '제목' }), '공공일자리 모집');
    await user.type(within(dialog).getByRole('textbox', { name: '내용' }), '노인 일자리 참여자를 모집합니다.');
    await user.click(within(dialog).getByRole('checkbox', { name: '공공일자리' }));
    await user.click(within(dialog).getByRole('button', { name: '승인 요청' }));
    expect(await within(dialog).findByRole('status')).toHaveTextContent('승인을 요청했습니다');
    const create = fake.calls.find(([c]) => c === 'broadcasts:create')![1] as Broadcast;
    expect(create).toMatchObject({ title: '공공일자리 모집', body: '노인 일자리 참여자를 모집합니다.', topics: ['jobs'], buttons: [], scheduledAt: null });
    expect(fake.calls.find(([c]) => c === 'broadcasts:submit')![1]).toEqual({ id: create.id });
    // The form is empty again for the next notice.
    expect(within(dialog).getByRole('textbox', { name: '제목' })).toHaveValue('');
  });
});

describe('구독 소식: approval (four eyes)', () => {
  it("shows the server's Korean reason when the author approves their own notice", async () => {
    const user = userEvent.setup({ delay: null });
    const mine = notice({ status: 'submitted', authorId: SUPERVISOR.id, authorName: SUPERVISOR.displayName });
    open(SUPERVISOR, {
      list: async ({ status }: { status?: string }) => (status === 'submitted' ? [mine] : []),
      approve: async () => {
        throw new DeskError('forbidden', '작성자는 자기 소식을 승인할 수 없습니다. 다른 팀장이나 관리자가 승인해야 합니다 (four-eyes rule: the author cannot approve).');
      },
    }, 'queue');
    const item = await screen.findByRole('article', { name: '행복주택 모집' });
    expect(within(item).getByText('내가 쓴 소식')).toBeInTheDocument();
    await user.click(within(item).getByRole('button', { name: '승인' }));
    const alert = await within(item).findByRole('alert');
    expect(alert).toHaveTextContent('작성자는 자기 소식을 승인할 수 없습니다. 다른 팀장이나 관리자가 승인해야 합니다');
    expect(alert).not.toHaveTextContent('four-eyes');
  });

  it("approves another's notice; cancel asks first", async () => {
    const user = userEvent.setup({ delay: null });
    const theirs = notice({ status: 'submitted' });
    let status: Broadcast['status'] = 'submitted';
    const { fake } = open(SUPERVISOR, {
      list: async ({ status: s }: { status?: string }) => (s === 'submitted' && status === 'submitted' ? [theirs] : []),
      approve: async () => ((status = 'sending'), { ...theirs, status }),
    }, 'queue');
    const item = await screen.findByRole('article', { name: '행복주택 모집' });
    expect(await within(item).findByText('지금 보내면 받는 구독자: 10명')).toBeInTheDocument();
    await user.click(within(item).getByRole('button', { name: '취소' }));
    expect(within(item).getByText(/이 소식을 취소할까요/)).toBeInTheDocument();
    await user.click(within(item).getByRole('button', { name: '돌아가기' }));
    await user.click(within(item).getByRole('button', { name: '승인' }));
    await waitFor(() => expect(fake.calls.some(([c, a]) => c === 'broadcasts:approve' && (a as { id: string }).id === theirs.id)).toBe(true));
    expect(fake.calls.some(([c]) => c === 'broadcasts:cancel')).toBe(false);
    expect(await screen.findByText('승인을 기다리는 소식이 없습니다.')).toBeInTheDocument();
  });
});

describe('구독 소식: sending and the report', () => {
  const counts = { targeted: 40, pending: 15, delivered: 20, failed: 2, optedOut: 3, cancelled: 0 };

  it('shows the progress of a sending notice from its counts and pauses / resumes it', async () => {
    const user = userEvent.setup({ delay: null });
    let b = notice({ status: 'sending', approvedByName: '팀장 정하늘', approvedAt: NOW, counts });
    const { fake } = open(SUPERVISOR, {
      list: async () => [b],
      pause: async () => (b = { ...b, status: 'paused', pausedReason: 'manual' }),
      resume: async () => (b = { ...b, status: 'sending', pausedReason: null }),
    }, 'sending');
    const item = await screen.findByRole('article', { name: '행복주택 모집' });
    const bar = within(item).getByRole('progressbar', { name: '행복주택 모집 발송 진행' });
    expect(bar).toHaveAttribute('aria-valuetext', '25 / 40');
    expect(within(item).getByTestId(`counts-${b.id}`)).toHaveTextContent('대상 40 · 보냄 20 · 실패 2 · 수신거부로 건너뜀 3 · 남음 15');
    await user.click(within(item).getByRole('button', { name: '일시 정지' }));
    expect(await within(item).findByText('일시 정지됨')).toBeInTheDocument();
    await user.click(within(item).getByRole('button', { name: '재개' }));
    await within(item).findByRole('button', { name: '일시 정지' });
    expect(fake.calls.map(([c]) => c).filter((c) => c === 'broadcasts:pause' || c === 'broadcasts:resume')).toEqual(['broadcasts:pause', 'broadcasts:resume']);
  });

  it('says why a notice waits at night', async () => {
    open(SUPERVISOR, { list: async () => [notice({ status: 'paused', pausedReason: 'quiet-hours', counts })] }, 'sending');
    expect(await screen.findByText(/야간\(20:50~08:00\)이라 멈췄습니다/)).toBeInTheDocument();
  });

  it('the report: counts, per-minute figures, failures by reason (Korean), opt-outs after it, masked recipients page by page', async () => {
    const user = userEvent.setup({ delay: null });
    const b = notice({ status: 'sent', counts: { ...counts, pending: 0, delivered: 35 } });
    const report: BroadcastReport = {
      broadcast: b,
      timeline: [{ minute: '2026-11-27T05:00:00.000Z', delivered: 20, failed: 1 }, { minute: '2026-11-27T05:01:00.000Z', delivered: 15, failed: 1 }],
      failures: [{ error: '카카오 서버가 거절했습니다 (provider rejected: 400)', count: 2 }],
      optOutsAfter: 4,
      replies: 6,
    };
    const row = (i: number) => ({ id: uuid(), citizenKeyMasked: `ab****${i}`, status: 'delivered' as const, attempts: 1, error: null, sentAt: NOW, updatedAt: NOW, repliedAt: null });
    const { fake } = open(SUPERVISOR, {
      list: async () => [b],
      report: async () => report,
      recipients: async ({ cursor }: { cursor?: string }) => (cursor ? { items: [row(3)], nextCursor: null } : { items: [row(1), row(2)], nextCursor: '2' }),
    }, 'sending');
    const item = await screen.findByRole('article', { name: '행복주택 모집' });
    await user.click(within(item).getByRole('button', { name: '결과 보기: 행복주택 모집' }));
    const section = await screen.findByRole('region', { name: '발송 결과: 행복주택 모집' });
    await within(section).findByRole('table', { name: '분당 발송' });
    expect(within(section).getByRole('heading', { name: '발송 결과: 행복주택 모집' })).toHaveFocus();
    const failures = within(section).getByRole('table', { name: '실패 이유' });
    expect(failures).toHaveTextContent('카카오 서버가 거절했습니다');
    expect(failures).not.toHaveTextContent('provider rejected');
    expect(within(section).getByText('받은 뒤 수신거부').nextSibling).toHaveTextContent('4');
    const recipients = await within(section).findByRole('table', { name: '받는 사람' });
    await within(recipients).findByText('ab****1');
    await user.click(within(section).getByRole('button', { name: '다음' }));
    await within(recipients).findByText('ab****3');
    expect(fake.calls.filter(([c]) => c === 'broadcasts:recipients').at(-1)?.[1]).toMatchObject({ id: b.id, cursor: '2' });
    await user.selectOptions(within(section).getByRole('combobox', { name: '상태로 거르기' }), 'failed');
    await waitFor(() => expect(fake.calls.filter(([c]) => c === 'broadcasts:recipients').at(-1)?.[1]).toEqual({ id: b.id, status: 'failed', limit: 50 }));
  });
});

describe('구독 소식: subscribers', () => {
  const entry = { id: uuid(), at: NOW, channel: 'desk' as const, method: 'phone' as const, action: 'subscribe' as const, statementVersion: CONSENT_STATEMENT_VERSION, statement: null, topics: ['housing'], dongs: [], lifeStages: [], actorId: ME.id, actorName: '김상담' };

  it('lists subscribers masked, filters and pages', async () => {
    const user = userEvent.setup({ delay: null });
    const item = (i: number) => ({ citizenKeyMasked: `kk****${i}`, citizenName: '김*', status: 'active' as const, topics: ['housing'], dongs: ['가산동' as const], lifeStages: [], consentedAt: NOW, reconfirmDueAt: null, history: [entry] });
    const { fake } = open(SUPERVISOR, {
      subscribers: async ({ cursor }: { cursor?: string }) => ({ items: cursor ? [item(21)] : [item(1), item(2)], nextCursor: cursor ? null : '20', total: 21 }),
    }, 'subscribers');
    const table = await screen.findByRole('table', { name: '구독자 목록' });
    await within(table).findByText('김* · kk****1');
    expect(screen.getByText('모두 21명')).toBeInTheDocument();
    expect(within(table).getAllByText('임대주택').length).toBe(2);
    expect(within(table).getAllByText('동의 이력 1건').length).toBe(2);
    await user.click(screen.getByRole('button', { name: '다음' }));
    await within(table).findByText('김* · kk****21');
    await user.selectOptions(screen.getByRole('combobox', { name: '주제' }), 'jobs');
    await waitFor(() => expect(fake.calls.filter(([c]) => c === 'broadcasts:subscribers').at(-1)?.[1]).toEqual({ limit: 20, topic: 'jobs', status: 'active' }));
  });

  it('a counsellor sees only 구독 관리; subscribing needs the statement read, and sends it with the method', async () => {
    const user = userEvent.setup({ delay: null });
    let current: Subscriber = { citizenKey: 'kakao-user-77', status: 'none', topics: [], dongs: [], lifeStages: [], consentedAt: null, reconfirmDueAt: null, history: [] };
    const { fake } = open(ME, {
      subscriber: async () => current,
      saveSubscriber: async ({ citizenKey, topics }: { citizenKey: string; topics: string[] }) =>
        (current = { ...current, citizenKey, topics, status: topics.length ? 'active' : 'unsubscribed', consentedAt: NOW, history: [entry] }),
    });
    const dialog = await screen.findByRole('dialog', { name: '구독 소식' });
    expect(within(dialog).getAllByRole('tab').map((t) => t.textContent)).toEqual(['구독 관리']);
    await user.type(within(dialog).getByRole('textbox', { name: /시민 식별값/ }), 'kakao-user-77');
    await user.click(within(dialog).getByRole('button', { name: '조회' }));
    await within(dialog).findByText('구독 없음');
    expect(await within(dialog).findByTestId('consent-statement')).toHaveTextContent('보내는 내용');
    await user.click(within(dialog).getByRole('checkbox', { name: '임대주택' }));
    const save = within(dialog).getByRole('button', { name: '구독 저장' });
    expect(save).toBeDisabled();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: '동의 방법' }), 'phone');
    await user.click(within(dialog).getByRole('checkbox', { name: /동의 문구를 시민에게 읽어 주었고/ }));
    await user.click(save);
    expect(await within(dialog).findByRole('status')).toHaveTextContent('구독을 저장했습니다.');
    expect(fake.calls.find(([c]) => c === 'broadcasts:saveSubscriber')![1]).toEqual({
      citizenKey: 'kakao-user-77', topics: ['housing'], dongs: [], consent: { method: 'phone', statement: CONSENT_STATEMENT },
    });
    expect(await within(dialog).findByText(/구독 \(전화, 김상담\)/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '모두 해지' }));
    expect(await within(dialog).findByRole('status')).toHaveTextContent('구독을 모두 해지했습니다.');
    expect(fake.calls.filter(([c]) => c === 'broadcasts:saveSubscriber').at(-1)?.[1]).toMatchObject({ topics: [] });
  });
});

describe('구독 소식 from a conversation', () => {
  it("the conversation's 구독 관리 opens the dialog on the citizen, with their subscriptions loaded", async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithDesk(
      <>
        <CitizenHistory earlier={[]} callLogs={[]} citizenKey="kakao-user-42" />
        <BroadcastsEntry me={ME} />
      </>,
      {
        broadcasts: {
          ...common,
          subscriber: async ({ citizenKey }) => ({ citizenKey, status: 'active', topics: ['welfare'], dongs: [], lifeStages: [], consentedAt: NOW, reconfirmDueAt: null, history: [] }),
        },
      },
    );
    await user.click(screen.getByRole('button', { name: '구독 관리' }));
    const dialog = await screen.findByRole('dialog', { name: '구독 소식' });
    expect(within(dialog).getByRole('textbox', { name: /시민 식별값/ })).toHaveValue('kakao-user-42');
    expect(await within(dialog).findByText('지금 구독: 복지 소식')).toBeInTheDocument();
    expect(fake.calls.find(([c]) => c === 'broadcasts:subscriber')?.[1]).toEqual({ citizenKey: 'kakao-user-42' });
  });
});

describe('구독 소식 entry', () => {
  it('the header button is for 팀장 and admins; Ctrl+Shift+N opens 구독 관리 for a counsellor', async () => {
    const user = userEvent.setup({ delay: null });
    const { unmount } = renderWithDesk(<BroadcastsEntry me={SUPERVISOR} />, { broadcasts: { ...common, list: async () => [] } });
    expect(screen.getByRole('button', { name: '구독 소식' })).toBeInTheDocument();
    unmount();
    renderWithDesk(<BroadcastsEntry me={ME} />, { broadcasts: common });
    expect(screen.queryByRole('button', { name: '구독 소식' })).toBeNull();
    await user.keyboard('{Control>}{Shift>}N{/Shift}{/Control}');
    const dialog = await screen.findByRole('dialog', { name: '구독 소식' });
    expect(within(dialog).getAllByRole('tab').map((t) => t.textContent)).toEqual(['구독 관리']);
  });
});
