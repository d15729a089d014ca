import type { ReactElement } from 'react';
import { createDeskQueryClient } from '../../../renderer/app/desk.js';
import type { CallLogDraft, DeskHandlers } from '../../../common/desk-api/index.js';
import type { Programme } from '../../../common/domain/index.js';
import { renderInDeskProviders } from '../app/render-desk.js';
import { createFakeDesk, type FakeDesk } from '../fake-desk.js';

// Mantine's autosize Textarea listens to document.fonts, which jsdom lacks.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() },
    configurable: true,
  });
}

export const programme = (id: string, name: string): Programme => ({
  id, name, summary: '', field: '저소득층 지원', lifeStages: [], households: [], themes: [], target: '', criteria: '', benefits: '',
  howToApply: '', contact: '', legalBasis: '', provider: 'central', agency: '', onlineApplication: false, sourceUrl: null,
  sourceUpdatedAt: null, updatedAt: '2026-01-01T00:00:00.000Z', version: 1,
});

export interface CallsFake extends FakeDesk {
  drafts: Map<string, CallLogDraft>;
  saved: Array<{ id: string; input: Record<string, unknown>; baseVersion: number | null }>;
}

const ME = '11111111-1111-4111-8111-111111111111';

/** A fake desk whose calls namespace keeps drafts and saves in memory. */
export function makeCallsDesk(initialDrafts: CallLogDraft[] = [], overrides: Partial<DeskHandlers['calls']> = {}): CallsFake {
  const drafts = new Map(initialDrafts.map((d) => [d.id, d]));
  const saved: CallsFake['saved'] = [];
  const fake = createFakeDesk({
    calls: {
      listDrafts: async () => [...drafts.values()],
      getDraft: async ({ id }) => drafts.get(id) ?? null,
      saveDraft: async (d) => {
        drafts.set(d.id, d);
        return { ok: true as const };
      },
      discardDraft: async ({ id }) => {
        drafts.delete(id);
        return { ok: true as const };
      },
      save: async ({ id, input, baseVersion }) => {
        saved.push({ id, input: input as unknown as Record<string, unknown>, baseVersion });
        drafts.delete(id);
        return { ...input, id, counsellorId: ME, createdAt: input.startedAt, updatedAt: input.startedAt, version: 0, localState: 'sending', localError: null };
      },
      history: async ({ phone }) => ({
        callLogs: phone === '01012345678'
          ? [{
              id: '33333333-3333-4333-8333-333333333333', conversationId: null, channel: 'phone', startedAt: '2026-02-01T01:00:00.000Z', durationSec: 60,
              callerName: '홍길동', callerPhone: '01012345678', dong: null, field: '보건의료', subTopic: null, need: '의료비 지원 문의', programmeIds: [],
              action: 'info', agency: null, crisis: false, callbackAt: null, callbackDoneAt: null, callbackRecordId: null, notes: '', ctiCallId: null,
              counsellorId: ME, createdAt: '2026-02-01T01:00:00.000Z', updatedAt: '2026-02-01T01:00:00.000Z', version: 1,
            }]
          : [],
        conversations: [],
      }),
      get: async () => null,
      list: async () => [],
      callbacks: async () => [],
      missedCalls: async () => [],
      stats: async () => ({ rows: [], total: 0 }),
      ...overrides,
    },
    programmes: {
      search: async ({ q }) => ({ items: q ? [{ hit: { id: 'P1', score: 1, nameMatches: [] }, programme: programme('P1', '기초생활보장 생계급여') }] : [], total: q ? 1 : 0 }),
      get: async ({ id }) => (id === 'P1' ? programme('P1', '기초생활보장 생계급여') : null),
    },
    inbox: { counsellors: async () => [] },
  });
  window.desk = fake.desk;
  return Object.assign(fake, { drafts, saved });
}

/** The feature inside the app's providers, with the app's own DeskApi cache (it retries like the app does). */
export function renderWithMantine(ui: ReactElement) {
  return renderInDeskProviders(ui, createDeskQueryClient());
}
