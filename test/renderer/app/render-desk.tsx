import type { QueryClient } from '@tanstack/react-query';
import { configure, render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createDeskQueryClient } from '../../../renderer/app/desk.js';
import { DeskProviders } from '../../../renderer/app/providers.js';
import { createDeskI18n } from '../../../renderer/i18n/index.js';
import { createFakeDesk, type FakeDesk } from '../fake-desk.js';
import { ME, OTHER, signedIn, syncStatus } from './fixtures.js';

type Handlers = Parameters<typeof createFakeDesk>[0];

/** Handlers every screen reads on start; a test overrides what it is about. */
export function baseHandlers(): Handlers {
  return {
    session: {
      getState: async () => signedIn(),
      logout: async () => ({ ...signedIn(), signedIn: false, counsellor: null, reason: null }),
    },
    settings: {
      get: async () => ({ language: 'ko', soundMuted: false, notifications: true }),
      set: async (patch) => ({ language: 'ko', soundMuted: false, notifications: true, ...patch }),
    },
    window: {
      getState: async () => ({ pinned: false, host: 'web' }),
      togglePinned: async () => ({ pinned: true, host: 'web' }),
    },
    sync: { getStatus: async () => syncStatus(), conflicts: async () => [], syncNow: async () => syncStatus() },
    inbox: {
      page: async ({ offset }) => ({ items: [], total: 0, offset }),
      openChatCounts: async () => [],
      counsellors: async () => [ME, OTHER],
      cannedReplies: async () => [],
      getDraft: async () => ({ body: '' }),
      saveDraft: async () => ({ ok: true as const }),
      markRead: async () => ({ ok: true as const }),
    },
  };
}

export function mergeHandlers(base: Handlers, over: Handlers): Handlers {
  const out: Record<string, object> = { ...base };
  for (const [ns, methods] of Object.entries(over)) out[ns] = { ...(out[ns] ?? {}), ...methods };
  return out as Handlers;
}

/**
 * Renders UI inside the real providers against a schema-checked fake desk. The virtualised lists
 * need a size to render rows; jsdom lays nothing out, so every element reports a 1000×800 box.
 */
export function renderWithDesk(ui: ReactNode, handlers: Handlers = {}): RenderResult & { fake: FakeDesk } {
  const fake = createFakeDesk(mergeHandlers(baseHandlers(), handlers));
  window.desk = fake.desk;
  return Object.assign(renderInDeskProviders(ui), { fake });
}

/** A DeskApi cache for tests: a failed query fails at once instead of retrying. */
export function testQueryClient(): QueryClient {
  const client = createDeskQueryClient();
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } });
  return client;
}

/**
 * The app's own providers (theme, the window's i18next instance with every namespace, the DeskApi
 * cache and its events) around UI, over whatever window.desk the test installed. Every renderer
 * test renders through this, so a test sees the strings the app shows.
 */
export function renderInDeskProviders(ui: ReactNode, client: QueryClient = testQueryClient()): RenderResult {
  return render(
    <DeskProviders i18n={createDeskI18n()} queryClient={client} env="test">
      {ui}
    </DeskProviders>,
  );
}

// Two cores shared with other suites: give asynchronous UI more than the default second to settle.
configure({ asyncUtilTimeout: 10_000 });

// Mantine's autosizing textarea listens for web fonts, which jsdom does not have.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { configurable: true, value: new EventTarget() });
}

let sized = false;
export function giveElementsASize(): void {
  if (sized) return;
  sized = true;
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
}

/** An inbox.page handler over rows held in memory (already filtered and ordered). */
export function pageOf<T>(rows: (args: { view: string; q: string }) => T[]) {
  return async ({ view, q, offset, limit }: { view: string; q: string; offset: number; limit: number }) => {
    const all = rows({ view, q });
    return { items: all.slice(offset, offset + limit), total: all.length, offset };
  };
}

/** Calls made to one channel, by argument. */
export function callsTo(fake: FakeDesk, channel: string): unknown[] {
  return fake.calls.filter(([c]) => c === channel).map(([, a]) => a);
}
