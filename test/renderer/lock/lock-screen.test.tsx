import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { LockScreen } from '../../../renderer/lock/LockScreen.js';
import { useIdleLock } from '../../../renderer/lock/use-idle-lock.js';
import { DeskError } from '../../../common/desk-api/index.js';
import { App } from '../../../renderer/app/App.js';
import { signedIn, signedOut } from '../app/fixtures.js';
import { callsTo, giveElementsASize, renderWithDesk } from '../app/render-desk.js';

beforeAll(() => giveElementsASize());
afterEach(() => vi.useRealTimers());

/** A desk whose session locks and unlocks like the services do (the password is 'right-password'). */
function lockingDesk(minutes: number) {
  let state = signedIn({ idleLockMinutes: minutes });
  let failures = 0;
  const r = renderWithDesk(<App />, {
    session: {
      getState: async () => state,
      lock: async () => {
        state = { ...state, locked: true };
        r.fake.emit('session:onChange', state);
        return state;
      },
      unlock: async ({ password }) => {
        if (password === 'right-password') {
          state = { ...state, locked: false };
          r.fake.emit('session:onChange', state);
          return state;
        }
        failures += 1;
        if (failures >= 5) {
          state = signedOut({ reason: '잠금 해제에 5번 실패하여 로그아웃했습니다.' });
          r.fake.emit('session:onChange', state);
          return state;
        }
        throw new DeskError('unauthenticated', `비밀번호가 올바르지 않습니다. ${5 - failures}번 더 틀리면 로그아웃됩니다.`);
      },
    },
  });
  return r;
}

async function tryPassword(password: string): Promise<void> {
  fireEvent.change(await screen.findByLabelText('비밀번호'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: '잠금 해제' }));
  await waitFor(() => expect(screen.queryByLabelText('비밀번호')?.getAttribute('value') ?? '').toBe(''));
}

describe('the lock screen', () => {
  it('locks after the idle minutes without input, not before; input restarts the count', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { fake } = lockingDesk(2);
    expect(await screen.findByRole('region', { name: '상담 목록' })).toBeInTheDocument();
    await act(async () => {
      vi.advanceTimersByTime(90_000);
    });
    fireEvent.pointerDown(document.body);
    await act(async () => {
      vi.advanceTimersByTime(90_000);
    });
    expect(callsTo(fake, 'session:lock')).toHaveLength(0);
    await act(async () => {
      vi.advanceTimersByTime(31_000);
    });
    expect(callsTo(fake, 'session:lock')).toHaveLength(1);
    expect(await screen.findByRole('region', { name: '화면이 잠겨 있습니다' })).toBeVisible();
    // Everything else is hidden and inert behind it.
    expect(screen.queryByRole('region', { name: '상담 목록' })).toBeNull();
    expect(screen.getByText('김상담 님')).toBeVisible();
  });

  it('Ctrl+Alt+L locks at once (the idle hook on its own)', () => {
    const onLock = vi.fn();
    function Probe() {
      useIdleLock({ enabled: true, minutes: 10, onLock });
      return null;
    }
    render(<Probe />);
    fireEvent.keyDown(window, { key: 'l', code: 'KeyL', ctrlKey: true });
    expect(onLock).not.toHaveBeenCalled();
    fireEvent.keyDown(window, { key: 'l', code: 'KeyL', ctrlKey: true, altKey: true });
    expect(onLock).toHaveBeenCalledTimes(1);
  });

  it('a wrong password says how many tries are left; the right one unlocks (5 failures: services test)', async () => {
    const { fake } = renderWithDesk(<LockScreen state={signedIn({ locked: true })} />, {
      session: {
        unlock: async ({ password }) => {
          if (password === 'right-password') return signedIn();
          throw new DeskError('unauthenticated', '비밀번호가 올바르지 않습니다. 4번 더 틀리면 로그아웃됩니다.');
        },
      },
    });
    expect(screen.getByText('김상담 님')).toBeVisible();
    await tryPassword('wrong');
    expect(await screen.findByRole('alert')).toHaveTextContent('4번 더 틀리면');
    await tryPassword('right-password');
    await waitFor(() => expect(callsTo(fake, 'session:unlock')).toEqual([{ password: 'wrong' }, { password: 'right-password' }]));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
