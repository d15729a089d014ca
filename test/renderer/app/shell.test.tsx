import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeskError } from '../../../common/desk-api/index.js';
import { App } from '../../../renderer/app/App.js';
import { conversation, ME, signedIn, signedOut, syncStatus } from './fixtures.js';
import { callsTo, giveElementsASize, pageOf, renderWithDesk } from './render-desk.js';

function setWidth(px: number) {
  Object.defineProperty(window, 'innerWidth', { configurable: true, value: px });
  window.dispatchEvent(new Event('resize'));
}

// The whole window (every feature's panel) renders in each test; on a busy 2-core machine that is slow.
vi.setConfig({ testTimeout: 60_000 });
beforeAll(() => giveElementsASize());
afterEach(() => setWidth(1024));

describe('login', () => {
  it('shows the demo hint, fills it in and signs in through session.login', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithDesk(<App />, {
      session: {
        getState: async () => signedOut(),
        login: async (args) => ({ ...signedIn(), serverUrl: args.serverUrl ?? 'http://127.0.0.1:8787' }),
      },
    });
    expect(await screen.findByRole('heading', { name: '복지 데스크 로그인' })).toBeVisible();
    expect(screen.getByText(/데모 계정: counsellor1, admin/)).toBeVisible();
    expect(screen.getByLabelText(/서버 주소/)).toHaveValue('http://127.0.0.1:8787');
    await user.click(screen.getByRole('button', { name: '데모 계정으로 채우기' }));
    await user.click(screen.getByRole('button', { name: '로그인' }));
    expect(await screen.findByRole('region', { name: '상담 목록' })).toBeInTheDocument();
    expect(callsTo(fake, 'session:login')).toEqual([{ serverUrl: 'http://127.0.0.1:8787', username: 'counsellor1', password: 'demo-password-1' }]);
  });

  it('explains a bad server address before calling, and a refused sign-in in Korean', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithDesk(<App />, {
      session: {
        getState: async () => signedOut(),
        login: async () => {
          throw new DeskError('unauthenticated', '아이디 또는 비밀번호가 맞지 않습니다.');
        },
      },
    });
    const url = await screen.findByLabelText(/서버 주소/);
    await user.clear(url);
    await user.type(url, 'ftp://example');
    await user.type(screen.getByLabelText(/아이디/), 'kim');
    await user.type(screen.getByLabelText(/비밀번호/), 'pw');
    await user.click(screen.getByRole('button', { name: '로그인' }));
    expect(await screen.findByText('서버 주소는 http:// 또는 https:// 로 시작해야 합니다')).toBeVisible();
    expect(callsTo(fake, 'session:login')).toHaveLength(0);

    await user.clear(url);
    await user.type(url, 'http://10.0.0.5:8787');
    await user.click(screen.getByRole('button', { name: '로그인' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('아이디 또는 비밀번호가 맞지 않습니다.');
  });

  it('returns to login on expiry and keeps what was typed for the same counsellor', async () => {
    const user = userEvent.setup({ delay: null });
    const c = conversation({ citizenName: '박민수' });
    const { fake } = renderWithDesk(<App />, {
      session: { login: async () => signedIn() },
      inbox: {
        page: pageOf(() => [{ ...c, firstQuestion: null }]),
        get: async () => ({ conversation: c, messages: [], earlierConversations: [], callLogs: [] }),
      },
    });
    await user.click(await screen.findByRole('option', { name: /박민수/ }));
    const box = await screen.findByRole('textbox', { name: '답장 입력' });
    await user.type(box, '잠시만 기다려 주세요');

    act(() => fake.emit('session:onChange', signedOut({ reason: '로그인이 만료되었습니다. 다시 로그인하세요.' })));
    expect(await screen.findByText('로그인이 만료되었습니다. 다시 로그인하세요.')).toBeVisible();
    expect(screen.getByText('작성 중이던 답장과 기록은 그대로 남아 있습니다.')).toBeVisible();
    expect(screen.queryByRole('textbox', { name: '답장 입력' })).toBeNull();
    await waitFor(() => expect(callsTo(fake, 'inbox:saveDraft')).toContainEqual({ conversationId: c.id, body: '잠시만 기다려 주세요' }));

    expect(screen.getByLabelText(/아이디/)).toHaveValue(ME.username);
    await user.type(screen.getByLabelText(/비밀번호/), 'pw');
    await user.click(screen.getByRole('button', { name: '로그인' }));
    expect(await screen.findByRole('textbox', { name: '답장 입력' })).toHaveValue('잠시만 기다려 주세요');
  });
});

describe('Korean on screen (issue 10 items 18, 20)', () => {
  it('shows the server’s login refusal in Korean only, without its English gloss', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithDesk(<App />, {
      session: {
        getState: async () => signedOut(),
        login: async () => {
          throw new DeskError('unauthenticated', '아이디 또는 비밀번호가 올바르지 않습니다 (wrong user name or password).');
        },
      },
    });
    await user.type(await screen.findByLabelText(/아이디/), 'counsellor1');
    await user.type(screen.getByLabelText(/비밀번호/), 'wrong-password');
    await user.click(screen.getByRole('button', { name: '로그인' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('아이디 또는 비밀번호가 올바르지 않습니다.');
    expect(alert.textContent).not.toMatch(/[A-Za-z]/);
  });

  it('says 로그아웃했습니다 after a deliberate logout, without asking to sign in again', async () => {
    const { fake } = renderWithDesk(<App />);
    await screen.findByRole('region', { name: '상담 목록' });
    act(() => fake.emit('session:onChange', signedOut({ reason: '로그아웃했습니다.' })));
    expect(await screen.findByText('로그아웃했습니다.')).toBeVisible();
    expect(screen.queryByText(/다시 로그인하세요/)).toBeNull();
  });
});

describe('layout and keyboard', () => {
  it('shows the three areas side by side when wide', async () => {
    setWidth(1400);
    renderWithDesk(<App />);
    expect(await screen.findByRole('region', { name: '상담 목록' })).toBeVisible();
    expect(screen.getByRole('region', { name: '대화' })).toBeVisible();
    expect(screen.getByRole('searchbox', { name: '복지 프로그램 검색' })).toBeVisible();
    expect(screen.getByRole('form', { name: '상담 기록' })).toBeVisible();
    expect(screen.queryByRole('tablist', { name: '작업 영역' })).toBeNull();
  });

  it('uses tabs when narrow, and Ctrl+1/2/3/4 switch them and move focus into the area', async () => {
    setWidth(600);
    renderWithDesk(<App />);
    const tabs = await screen.findByRole('tablist', { name: '작업 영역' });
    expect(within(tabs).getByRole('tab', { name: '상담' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('region', { name: '상담 목록' })).toBeVisible();
    expect(screen.queryByRole('searchbox', { name: '복지 프로그램 검색' })).toBeNull();

    fireEvent.keyDown(window, { key: '3', ctrlKey: true });
    const search = screen.getByRole('searchbox', { name: '복지 프로그램 검색' });
    expect(search).toBeVisible();
    expect(search).toHaveFocus();
    expect(within(tabs).getByRole('tab', { name: '프로그램' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.queryByRole('region', { name: '상담 목록' })).toBeNull();

    fireEvent.keyDown(window, { key: '4', ctrlKey: true });
    expect(screen.getByRole('form', { name: '상담 기록' })).toBeVisible();

    fireEvent.keyDown(window, { key: '2', ctrlKey: true });
    expect(screen.getByRole('region', { name: '대화' })).toBeVisible();

    fireEvent.keyDown(window, { key: '1', ctrlKey: true });
    // With no conversations the list is a group (a listbox must hold options), focused all the same.
    expect(screen.getByRole('group', { name: '상담 목록' })).toHaveFocus();

    await userEvent.setup({ delay: null }).click(within(tabs).getByRole('tab', { name: '상담 기록' }));
    expect(screen.getByRole('form', { name: '상담 기록' })).toBeVisible();
  });

  it('in the narrow column, opening a conversation shows it and the back button returns to the list', async () => {
    setWidth(420);
    const user = userEvent.setup({ delay: null });
    const c = conversation({ citizenName: '좁은 화면' });
    renderWithDesk(<App />, {
      inbox: { page: pageOf(() => [{ ...c, firstQuestion: null }]), get: async () => ({ conversation: c, messages: [], earlierConversations: [], callLogs: [] }) },
    });
    await user.click(await screen.findByRole('option', { name: /좁은 화면/ }));
    expect(await screen.findByRole('textbox', { name: '답장 입력' })).toBeVisible();
    expect(screen.queryByRole('region', { name: '상담 목록' })).toBeNull();
    await user.click(screen.getByRole('button', { name: '상담 목록' }));
    expect(screen.getByRole('region', { name: '상담 목록' })).toBeVisible();
    expect(screen.getByRole('listbox', { name: '상담 목록' })).toHaveFocus();
  });

  it('switches between narrow and wide when the window is resized', async () => {
    setWidth(600);
    renderWithDesk(<App />);
    expect(await screen.findByRole('tablist', { name: '작업 영역' })).toBeInTheDocument();
    act(() => setWidth(1300));
    expect(screen.queryByRole('tablist', { name: '작업 영역' })).toBeNull();
    expect(screen.getByRole('form', { name: '상담 기록' })).toBeVisible();
  });

  it('offers skip links that move focus to each area', async () => {
    setWidth(1400);
    const user = userEvent.setup({ delay: null });
    renderWithDesk(<App />);
    await user.click(await screen.findByRole('button', { name: '프로그램·상담 기록으로 건너뛰기' }));
    expect(screen.getByRole('searchbox', { name: '복지 프로그램 검색' })).toHaveFocus();
  });
});

describe('pin and sync status', () => {
  it('toggles 창 고정 through the desk and follows window.onStateChange', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithDesk(<App />);
    const pin = await screen.findByRole('button', { name: '창 고정' });
    await waitFor(() => expect(pin).toHaveAttribute('aria-pressed', 'false'));
    await user.click(pin);
    await waitFor(() => expect(pin).toHaveAttribute('aria-pressed', 'true'));
    expect(callsTo(fake, 'window:togglePinned')).toHaveLength(1);
    act(() => fake.emit('window:onStateChange', { pinned: false, host: 'web' }));
    await waitFor(() => expect(pin).toHaveAttribute('aria-pressed', 'false'));
  });

  it('reports online, offline with a queue and an error, and first-sync progress', async () => {
    const { fake } = renderWithDesk(<App />);
    const status = await screen.findByRole('status', { name: '동기화 상태' });
    await waitFor(() => expect(status).toHaveTextContent('온라인'));
    act(() => fake.emit('sync:onSyncStatus', syncStatus({ state: 'offline', queueLength: 3, lastError: '서버에 연결할 수 없음' })));
    await waitFor(() => expect(status).toHaveTextContent('오프라인'));
    expect(status).toHaveTextContent('보낼 항목 3건');
    expect(status).toHaveTextContent('서버에 연결할 수 없음');
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: '지금 동기화' }));
    await waitFor(() => expect(callsTo(fake, 'sync:syncNow')).toHaveLength(1));
    await waitFor(() => expect(status).toHaveTextContent('온라인'));
    act(() => fake.emit('sync:onSyncStatus', syncStatus({ state: 'syncing', initialProgress: { applied: 250, latestSeq: 1000 } })));
    await waitFor(() => expect(status).toHaveTextContent('처음 동기화 중… 250 / 1000'));
    expect(within(status).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '25');
  });

  it('shows a change the server refused for good in Korean only, with 지금 동기화 to acknowledge it', async () => {
    const { fake } = renderWithDesk(<App />);
    const status = await screen.findByRole('status', { name: '동기화 상태' });
    await waitFor(() => expect(status).toHaveTextContent('온라인'));
    const refused = '서버가 보류를 받아들이지 않았습니다: 다른 상담원이 맡은 상담의 상태나 담당자는 담당자나 팀장만 바꿀 수 있습니다 (only the assignee or a supervisor may change it).';
    act(() => fake.emit('sync:onSyncStatus', syncStatus({ lastError: refused })));
    await waitFor(() => expect(status).toHaveTextContent('서버가 보류를 받아들이지 않았습니다'));
    expect(status).toHaveTextContent('담당자나 팀장만 바꿀 수 있습니다.');
    expect(status.textContent).not.toMatch(/assignee|supervisor/);
    expect(screen.getByRole('button', { name: '지금 동기화' })).toBeInTheDocument();
  });

  it('shows mine against theirs for a conflict and resolves it with the choice', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithDesk(<App />, {
      sync: {
        getStatus: async () => syncStatus({ conflicts: 1 }),
        conflicts: async () => [
          {
            id: 'c1', entity: 'callLog', recordId: ME.id, detectedAt: '2026-11-27T05:00:00Z',
            mine: { need: '기초연금 문의', version: 2 }, theirs: { need: '주거급여 문의', version: 3 },
          },
        ],
        resolveConflict: async () => ({ ok: true as const }),
      },
    });
    await user.click(await screen.findByRole('button', { name: '충돌 1건' }));
    const dialog = await screen.findByRole('dialog', { name: '충돌 해결' });
    expect(await within(dialog).findByText('기초연금 문의')).toBeVisible();
    expect(within(dialog).getByText('주거급여 문의')).toBeVisible();
    expect(within(dialog).queryByText('version')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: '내 변경 유지' }));
    await waitFor(() => expect(callsTo(fake, 'sync:resolveConflict')).toEqual([{ id: 'c1', keep: 'mine' }]));
  });

  it('changes the language from settings', async () => {
    const user = userEvent.setup({ delay: null });
    let lang: 'ko' | 'en' = 'ko';
    const { fake } = renderWithDesk(<App />, {
      settings: {
        get: async () => ({ language: lang, soundMuted: false, notifications: true }),
        set: async (p) => {
          lang = p.language ?? lang;
          return { language: lang, soundMuted: false, notifications: true };
        },
      },
    });
    await user.click(await screen.findByRole('button', { name: '설정 열기' }));
    await user.click(await screen.findByRole('radio', { name: 'English' }));
    expect(await screen.findByRole('region', { name: 'Conversations' })).toBeInTheDocument();
    expect(callsTo(fake, 'settings:set')).toEqual([{ language: 'en' }]);
  });
});
