import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeskError } from '../../../common/desk-api/index.js';
import type { Counsellor } from '../../../common/domain/index.js';
import { SettingsMenu } from '../../../renderer/app/SettingsMenu.js';
import { ME, OTHER } from '../app/fixtures.js';
import { callsTo, renderWithDesk } from '../app/render-desk.js';

vi.setConfig({ testTimeout: 60_000 });

const ADMIN: Counsellor = { ...ME, id: '10000000-0000-4000-8000-0000000000ad', username: 'admin', displayName: '관리자', role: 'admin' };

/** Accounts kept in memory as the server would, with the server's refusal of a weak password. */
function accountsDesk() {
  let items: Counsellor[] = [ADMIN, ME, OTHER];
  return {
    team: {
      accounts: async () => [...items],
      createAccount: async (a: { username: string; displayName: string; role: Counsellor['role']; password: string }) => {
        const c: Counsellor = { ...OTHER, id: '10000000-0000-4000-8000-0000000000c9', username: a.username, displayName: a.displayName, role: a.role };
        items = [...items, c];
        return c;
      },
      updateAccount: async ({ id, ...changes }: { id: string; role?: Counsellor['role']; active?: boolean; password?: string }) => {
        if (changes.password === 'aaaaaaaaaa') throw new DeskError('rejected', '비밀번호는 영문, 숫자, 기호 중 두 가지 이상을 섞어야 합니다.');
        const { password: _p, ...rest } = changes;
        items = items.map((c) => (c.id === id ? { ...c, ...rest } : c));
        return items.find((c) => c.id === id)!;
      },
      unlockAccount: async () => ({ ok: true as const }),
    },
  };
}

async function openAccounts(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: '설정 열기' }));
  await user.click(await screen.findByRole('button', { name: '계정 관리' }));
  const dialog = await screen.findByRole('dialog', { name: '계정 관리 (관리자)' });
  await within(dialog).findByRole('rowheader', { name: 'kim' });
  return dialog;
}
const rowOf = (dialog: HTMLElement, username: string) =>
  within(dialog).getAllByRole('row').find((r) => within(r).queryByRole('rowheader', { name: username }))!;

describe('계정 관리 screen (admin)', () => {
  it('changes a role, deactivates after confirmation, unlocks; the admin cannot demote or deactivate themselves', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithDesk(<SettingsMenu counsellorName="관리자" isAdmin meId={ADMIN.id} />, accountsDesk());
    const dialog = await openAccounts(user);
    expect(within(rowOf(dialog, 'admin')).getByRole('combobox')).toBeDisabled();
    expect(within(rowOf(dialog, 'admin')).getByRole('button', { name: '사용 중지' })).toBeDisabled();

    await user.selectOptions(within(rowOf(dialog, 'kim')).getByRole('combobox', { name: '역할: kim' }), 'supervisor');
    await waitFor(() => expect(callsTo(fake, 'team:updateAccount')).toEqual([{ id: ME.id, role: 'supervisor' }]));

    await user.click(within(rowOf(dialog, 'lee')).getByRole('button', { name: '사용 중지' }));
    const confirm = await screen.findByRole('dialog', { name: '사용 중지' });
    expect(confirm).toHaveTextContent('이상담 계정을 사용 중지할까요?');
    await user.click(within(confirm).getByRole('button', { name: '확인' }));
    await waitFor(() => expect(within(rowOf(dialog, 'lee')).getByText('사용 중지', { selector: '.mantine-Badge-label' })).toBeVisible());
    expect(callsTo(fake, 'team:updateAccount').at(-1)).toEqual({ id: OTHER.id, active: false });

    await user.click(within(rowOf(dialog, 'lee')).getByRole('button', { name: '잠금 해제' }));
    expect(await within(dialog).findByText('잠금을 풀었습니다.')).toBeVisible();
    expect(callsTo(fake, 'team:unlockAccount')).toEqual([{ id: OTHER.id }]);
  });

  it('resets a password, showing the server refusal in Korean and keeping the dialog open until it succeeds', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithDesk(<SettingsMenu counsellorName="관리자" isAdmin meId={ADMIN.id} />, accountsDesk());
    const dialog = await openAccounts(user);
    await user.click(within(rowOf(dialog, 'kim')).getByRole('button', { name: '비밀번호 재설정' }));
    const reset = await screen.findByRole('dialog', { name: '비밀번호 재설정: kim' });
    const field = within(reset).getByLabelText(/새 임시 비밀번호/);
    await user.type(field, 'aaaaaaaaaa{Enter}');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('영문, 숫자, 기호 중 두 가지 이상');
    expect(screen.getByRole('dialog', { name: '비밀번호 재설정: kim' })).toBeVisible();
    await user.clear(field);
    await user.type(field, 'Temp-2026-pass{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '비밀번호 재설정: kim' })).toBeNull());
    expect(callsTo(fake, 'team:updateAccount').at(-1)).toEqual({ id: ME.id, password: 'Temp-2026-pass' });
  });

  it('creates an account with a temporary password and lists it', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithDesk(<SettingsMenu counsellorName="관리자" isAdmin meId={ADMIN.id} />, accountsDesk());
    const dialog = await openAccounts(user);
    await user.type(within(dialog).getByRole('textbox', { name: '아이디' }), 'new.one');
    await user.type(within(dialog).getByRole('textbox', { name: '이름' }), '신입 상담원');
    await user.type(within(dialog).getByLabelText(/임시 비밀번호/), 'Temp-2026-pass');
    await user.click(within(dialog).getByRole('button', { name: '계정 만들기' }));
    expect(await within(dialog).findByRole('rowheader', { name: 'new.one' })).toBeVisible();
    expect(callsTo(fake, 'team:createAccount')).toEqual([{ username: 'new.one', displayName: '신입 상담원', role: 'counsellor', password: 'Temp-2026-pass' }]);
  });
});
