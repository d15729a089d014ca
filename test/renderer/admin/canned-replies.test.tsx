import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeskError } from '../../../common/desk-api/index.js';
import type { CannedReply } from '../../../common/domain/index.js';
import { SettingsMenu } from '../../../renderer/app/SettingsMenu.js';
import { NOW, uuid } from '../app/fixtures.js';
import { callsTo, renderWithDesk } from '../app/render-desk.js';

vi.setConfig({ testTimeout: 60_000 });

function reply(over: Partial<CannedReply> = {}): CannedReply {
  return { id: uuid(), title: '인사', body: '{{citizenName}}님 안녕하세요.', shortcut: '인사', updatedAt: NOW, version: 1, ...over };
}

/** A desk whose canned replies live in memory, like the replica after the server answered. */
function cannedDesk(initial: CannedReply[], opts: { conflictOnUpdate?: boolean } = {}) {
  let items = [...initial];
  return {
    inbox: {
      cannedReplies: async () => [...items],
      saveCannedReply: async (a: { id: string | null; title: string; body: string; shortcut: string | null; baseVersion: number | null }) => {
        if (a.id && opts.conflictOnUpdate) throw new DeskError('conflict', '다른 관리자가 먼저 수정했습니다. 새로 불러온 뒤 다시 하세요.');
        const prev = items.find((r) => r.id === a.id);
        const saved = reply({ id: a.id ?? uuid(), title: a.title, body: a.body, shortcut: a.shortcut, version: (prev?.version ?? 0) + 1 });
        items = [...items.filter((r) => r.id !== saved.id), saved];
        return saved;
      },
      deleteCannedReply: async ({ id }: { id: string }) => {
        items = items.filter((r) => r.id !== id);
        return { ok: true as const };
      },
    },
  };
}

async function openManager(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: '설정 열기' }));
  await user.click(await screen.findByRole('button', { name: '상용구 관리' }));
  return screen.findByRole('dialog', { name: '상용구 관리' });
}

describe('상용구 관리 screen', () => {
  it('is offered in the settings menu only to an admin', async () => {
    const user = userEvent.setup({ delay: null });
    const { unmount } = renderWithDesk(<SettingsMenu counsellorName="김상담" isAdmin={false} />);
    await user.click(screen.getByRole('button', { name: '설정 열기' }));
    expect(await screen.findByRole('button', { name: '로그아웃' })).toBeVisible();
    expect(screen.queryByRole('button', { name: '상용구 관리' })).toBeNull();
    unmount();
  });

  it('lists, creates (with the variables explained), edits and deletes after confirmation', async () => {
    const user = userEvent.setup({ delay: null });
    const first = reply({ title: '서류 안내', body: '신분증을 준비해 주세요.', shortcut: '서류' });
    const { fake } = renderWithDesk(<SettingsMenu counsellorName="관리자" isAdmin />, cannedDesk([first]));
    const dialog = await openManager(user);
    const table = await within(dialog).findByRole('table', { name: '상용구 목록' });
    expect(within(table).getByText('서류 안내')).toBeVisible();
    expect(within(table).getByText('/서류')).toBeVisible();

    // Create: an empty title is refused in the form, with a message, before any call.
    await user.click(within(dialog).getByRole('button', { name: '새 상용구' }));
    const form = within(dialog).getByRole('form', { name: '새 상용구' });
    expect(within(form).getByText(/\{\{citizenName\}\} 은 시민 이름/)).toBeVisible();
    await user.click(within(form).getByRole('button', { name: '저장' }));
    expect(await within(form).findByText('제목을 입력하세요')).toBeVisible();
    expect(callsTo(fake, 'inbox:saveCannedReply')).toHaveLength(0);

    await user.type(within(form).getByRole('textbox', { name: /제목/ }), '상담 종료 인사');
    await user.type(within(form).getByRole('textbox', { name: /내용/ }), '{{{{citizenName}}님, 상담원 {{{{counsellorName}}였습니다.');
    await user.click(within(form).getByRole('button', { name: '저장' }));
    await waitFor(() => expect(within(dialog).getByText('상담 종료 인사')).toBeVisible());
    expect(callsTo(fake, 'inbox:saveCannedReply')).toEqual([
      { id: null, baseVersion: null, title: '상담 종료 인사', body: '{{citizenName}}님, 상담원 {{counsellorName}}였습니다.', shortcut: null },
    ]);

    // Edit keeps the id and sends the version it started from.
    await user.click(within(dialog).getByRole('button', { name: '서류 안내 수정' }));
    const editForm = within(dialog).getByRole('form', { name: '상용구 수정' });
    const title = within(editForm).getByRole('textbox', { name: /제목/ });
    await user.clear(title);
    await user.type(title, '구비 서류 안내');
    await user.click(within(editForm).getByRole('button', { name: '저장' }));
    await waitFor(() => expect(within(dialog).getByText('구비 서류 안내')).toBeVisible());
    expect(callsTo(fake, 'inbox:saveCannedReply').at(-1)).toMatchObject({ id: first.id, baseVersion: 1, title: '구비 서류 안내', shortcut: '서류' });

    // Delete asks first; cancelling deletes nothing.
    await user.click(within(dialog).getByRole('button', { name: '구비 서류 안내 삭제' }));
    const confirm = await screen.findByRole('dialog', { name: '상용구 삭제' });
    await user.click(within(confirm).getByRole('button', { name: '취소' }));
    expect(callsTo(fake, 'inbox:deleteCannedReply')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: '구비 서류 안내 삭제' }));
    await user.click(within(await screen.findByRole('dialog', { name: '상용구 삭제' })).getByRole('button', { name: '삭제' }));
    await waitFor(() => expect(within(dialog).queryByText('구비 서류 안내')).toBeNull());
    expect(callsTo(fake, 'inbox:deleteCannedReply')).toEqual([{ id: first.id, baseVersion: 2 }]);
  });

  it('shows a conflict and reloads the list instead of overwriting', async () => {
    const user = userEvent.setup({ delay: null });
    const first = reply({ title: '서류 안내' });
    const { fake } = renderWithDesk(<SettingsMenu counsellorName="관리자" isAdmin />, cannedDesk([first], { conflictOnUpdate: true }));
    const dialog = await openManager(user);
    await user.click(await within(dialog).findByRole('button', { name: '서류 안내 수정' }));
    const before = callsTo(fake, 'inbox:cannedReplies').length;
    await user.click(within(within(dialog).getByRole('form', { name: '상용구 수정' })).getByRole('button', { name: '저장' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/다른 관리자가 먼저 수정했습니다/);
    expect(within(dialog).queryByRole('form', { name: '상용구 수정' })).toBeNull();
    await waitFor(() => expect(callsTo(fake, 'inbox:cannedReplies').length).toBeGreaterThan(before));
  });
});
