import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeskError } from '../../../common/desk-api/index.js';
import type { Programme, ProgrammeInput } from '../../../common/domain/index.js';
import { ProgrammeSearchIndex } from '../../../common/search/index.js';
import { ProgrammeLookup } from '../../../renderer/programmes/ProgrammeLookup.js';
import { ME, signedIn } from '../app/fixtures.js';
import { callsTo, renderWithDesk } from '../app/render-desk.js';
import { CATALOGUE } from './helpers.js';

vi.setConfig({ testTimeout: 60_000 });

const ADMIN = { ...ME, role: 'admin' as const };

/** Programmes handlers over an in-memory catalogue; `conflict` makes the next update a 412 after another admin's edit. */
function programmesDesk(role: 'admin' | 'counsellor', opts: { conflict?: boolean } = {}) {
  const byId = new Map(CATALOGUE.map((p) => [p.id, { ...p }]));
  const updates: Array<{ id: string; input: ProgrammeInput; baseVersion: number }> = [];
  const handlers = {
    session: { getState: async () => signedIn({ counsellor: role === 'admin' ? ADMIN : ME }) },
    programmes: {
      search: async ({ q, limit, ...filters }: { q: string; limit: number }) => {
        const index = new ProgrammeSearchIndex([...byId.values()]);
        const hits = index.search(q, filters, limit);
        return { items: hits.map((hit) => ({ hit, programme: byId.get(hit.id)! })), total: hits.length };
      },
      get: async ({ id }: { id: string }) => byId.get(id) ?? null,
      favourites: async () => [],
      recents: async () => [],
      markUsed: async () => ({ ok: true as const }),
      update: async (arg: { id: string; input: ProgrammeInput; baseVersion: number }) => {
        updates.push(arg);
        const current = byId.get(arg.id)!;
        if (opts.conflict) {
          byId.set(arg.id, { ...current, summary: '다른 관리자가 고친 요약', version: current.version + 1 });
          throw new DeskError('conflict', '다른 관리자가 먼저 고쳤습니다.');
        }
        const saved: Programme = { ...current, ...arg.input, version: current.version + 1 };
        byId.set(arg.id, saved);
        return saved;
      },
    },
  };
  return { handlers, updates };
}

async function openBasicPension(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByRole('searchbox', { name: '복지 프로그램 검색' }), '기초연금{Enter}');
  return screen.findByRole('article', { name: /기초연금/ });
}

describe('프로그램 정보 수정', () => {
  it('is not offered to a counsellor who is not an admin', async () => {
    const user = userEvent.setup({ delay: null });
    const { handlers } = programmesDesk('counsellor');
    const { fake } = renderWithDesk(<ProgrammeLookup />, handlers);
    const article = await openBasicPension(user);
    await waitFor(() => expect(callsTo(fake, 'session:getState').length).toBeGreaterThan(0));
    expect(within(article).getByRole('button', { name: '복사' })).toBeVisible();
    expect(within(article).queryByRole('button', { name: '수정' })).toBeNull();
  });

  it('lets an admin correct 분야, the tags and the texts, sent with the version it started from', async () => {
    const user = userEvent.setup({ delay: null });
    const { handlers, updates } = programmesDesk('admin');
    renderWithDesk(<ProgrammeLookup />, handlers);
    const article = await openBasicPension(user);
    await user.click(await within(article).findByRole('button', { name: '수정' }));
    const form = within(article).getByRole('form', { name: '프로그램 정보 수정: 기초연금' });

    await user.selectOptions(within(form).getByRole('combobox', { name: '분야' }), '복지일반');
    await user.click(within(form).getByRole('checkbox', { name: '중장년' }));
    await user.click(within(form).getByRole('checkbox', { name: '저소득' })); // was set: now cleared
    await user.click(within(form).getByRole('checkbox', { name: '주거' }));
    const summary = within(form).getByRole('textbox', { name: '요약' });
    await user.clear(summary);
    await user.type(summary, '어르신 기초연금 (관리자 수정)');
    const contact = within(form).getByRole('textbox', { name: '문의처' });
    await user.clear(contact);
    await user.type(contact, '국민연금공단 1355');
    await user.click(within(form).getByRole('button', { name: '저장' }));

    await waitFor(() => expect(updates).toHaveLength(1));
    expect(updates[0]).toMatchObject({
      id: 'WLF00001164', baseVersion: 1,
      input: { field: '복지일반', lifeStages: ['노년', '중장년'], households: [], themes: ['생활지원', '주거'], summary: '어르신 기초연금 (관리자 수정)', contact: '국민연금공단 1355', name: '기초연금' },
    });
    // Back to the detail, showing the saved programme.
    await waitFor(() => expect(within(article).queryByRole('form')).toBeNull());
    expect(await within(article).findByText('어르신 기초연금 (관리자 수정)')).toBeVisible();
    expect(within(article).getByText('국민연금공단 1355')).toBeVisible();
  });

  it('on a conflict says another admin edited first and reloads the programme', async () => {
    const user = userEvent.setup({ delay: null });
    const { handlers, updates } = programmesDesk('admin', { conflict: true });
    renderWithDesk(<ProgrammeLookup />, handlers);
    const article = await openBasicPension(user);
    await user.click(await within(article).findByRole('button', { name: '수정' }));
    await user.click(within(within(article).getByRole('form')).getByRole('button', { name: '저장' }));
    expect(await within(article).findByRole('alert')).toHaveTextContent('다른 관리자가 먼저 수정했습니다');
    expect(updates).toHaveLength(1);
    expect(within(article).queryByRole('form')).toBeNull();
    expect(await within(article).findByText('다른 관리자가 고친 요약')).toBeVisible();
  });

  it('refuses an invalid edit in the form, before any call', async () => {
    const user = userEvent.setup({ delay: null });
    const { handlers, updates } = programmesDesk('admin');
    renderWithDesk(<ProgrammeLookup />, handlers);
    const article = await openBasicPension(user);
    await user.click(await within(article).findByRole('button', { name: '수정' }));
    const form = within(article).getByRole('form');
    const agency = within(form).getByRole('textbox', { name: '소관 기관' });
    await user.clear(agency);
    await user.click(agency);
    await user.paste('가'.repeat(201));
    await user.click(within(form).getByRole('button', { name: '저장' }));
    expect(await within(form).findByText(/200/)).toBeVisible();
    expect(updates).toHaveLength(0);
  });
});
