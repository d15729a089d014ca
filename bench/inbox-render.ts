/**
 * Inbox first paint in Chromium (issue 6 item 8): the real renderer build, served by the browser
 * harness over stand-in desk services that hold 10,000 conversations and one conversation of 5,000
 * messages. Each figure is set against a baseline measured side by side in the same page: the same
 * rows, fetched through the same window.desk call, written as plain non-virtualised DOM.
 *
 * Run: `npm run bench -- inbox`.
 */
import type { Page } from 'playwright-core';
import type { DeskHandlers, MessageView, SessionState } from '../common/desk-api/index.js';
import type { Conversation } from '../common/domain/index.js';
import type { DeskEventListener, DeskServices } from '../electron/services/host.js';
import { launchChromium } from '../test/harness/browser.js';
import { startHarness } from '../test/harness/harness.js';

const CONVERSATIONS = 10_000;
const MESSAGES = 5_000;
const ROUNDS = 3;

const me = { id: '10000000-0000-4000-8000-000000000001', username: 'bench', displayName: '벤치 상담사', role: 'counsellor' as const, active: true, presence: 'offline' as const, presenceSince: null };
const uuid = (prefix: number, i: number) => `${String(prefix).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const start = Date.parse('2026-11-20T00:00:00Z');

function conversations(): Conversation[] {
  return Array.from({ length: CONVERSATIONS }, (_, i) => {
    const at = new Date(start + (CONVERSATIONS - i) * 60_000).toISOString();
    return {
      id: uuid(20000000, i), channel: 'kakao', citizenKey: `bench-${i}`, citizenName: `시민 ${i}`, citizenPhone: null,
      status: (['open', 'waiting', 'held', 'closed'] as const)[i % 4]!, assigneeId: i % 3 === 0 ? me.id : null, unreadCount: i % 5,
      lastMessageAt: at, lastMessagePreview: `기초연금과 주거급여를 함께 받을 수 있는지 궁금합니다 (${i})`,
      waitingSince: i % 2 ? at : null, heldUntil: null, afterHoursNoticeAt: i % 7 === 0 ? at : null, field: null, summary: null, crisis: null, crisisAnsweredAt: null, satisfaction: null,
      closedAt: null, createdAt: at, updatedAt: at, version: 1,
    };
  });
}

function messages(conversationId: string): MessageView[] {
  return Array.from({ length: MESSAGES }, (_, i) => ({
    id: uuid(30000000, i), conversationId, direction: i % 2 ? 'outbound' : 'inbound', kind: 'text',
    body: i % 10 === 0 ? `긴 문의입니다. ${'월세 지원과 긴급복지 생계지원 조건을 알고 싶어요. '.repeat(6)}(${i})` : `메시지 ${i}: 안내 감사합니다 😀`,
    imageUrl: null, programmeId: null, authorId: i % 2 ? me.id : null, delivery: i % 2 ? 'delivered' : null, deliveryError: null,
    createdAt: new Date(start + i * 45_000).toISOString(), localState: null, localError: null,
  }));
}

function benchServices(): DeskServices {
  const rows = conversations();
  const big = rows[0]!;
  const history = messages(big.id);
  const session: SessionState = { signedIn: true, counsellor: me, serverUrl: 'http://127.0.0.1:9', demoHint: null, reason: null, locked: false, idleLockMinutes: 10, serverUrlEditable: false, offline: false };
  const ok = { ok: true as const };
  const handlers = {
    session: { getState: async () => session },
    settings: { get: async () => ({ language: 'ko' as const, soundMuted: true, notifications: false }) },
    window: { getState: async () => ({ pinned: false, host: 'web' as const }) },
    sync: {
      getStatus: async () => ({ state: 'online' as const, queueLength: 0, lastSuccessAt: null, lastError: null, initialProgress: null, conflicts: 0 }),
      conflicts: async () => [],
    },
    inbox: {
      // "내 상담" starts empty so that the timed step is the switch to "전체".
      list: async ({ view }: { view: string }) => (view === 'all' ? rows : []),
      get: async ({ conversationId }: { conversationId: string }) => ({
        conversation: rows.find((c) => c.id === conversationId) ?? big,
        messages: conversationId === big.id ? history : [],
        earlierConversations: [],
        callLogs: [],
      }),
      counsellors: async () => [me],
      cannedReplies: async () => [],
      getDraft: async () => ({ body: '' }),
      saveDraft: async () => ok,
      markRead: async () => ok,
    },
    programmes: { search: async () => ({ items: [], total: 0 }), favourites: async () => [], recents: async () => [] },
    calls: { list: async () => [], listDrafts: async () => [], callbacks: async () => [], missedCalls: async () => [] },
  } as unknown as DeskHandlers;
  return { handlers, onEvent: (_l: DeskEventListener) => () => {}, close: async () => {} };
}

/** Milliseconds until the app shows `firstText` after `act`, to the frame after it painted. */
async function timeApp(page: Page, act: () => Promise<void>, firstText: string): Promise<number> {
  await page.evaluate((text) => {
    const w = window as unknown as { __benchT0: number; __benchDone: Promise<number> };
    w.__benchT0 = performance.now();
    w.__benchDone = new Promise<number>((resolve) => {
      const check = () => {
        if ((document.body.textContent ?? '').includes(text)) {
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - w.__benchT0)));
          return true;
        }
        return false;
      };
      if (check()) return;
      const mo = new MutationObserver(() => {
        if (check()) mo.disconnect();
      });
      mo.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  }, firstText);
  await act();
  return page.evaluate(() => (window as unknown as { __benchDone: Promise<number> }).__benchDone);
}

/** The baseline: the same rows from the same desk call, as plain DOM without virtualisation. */
async function timePlain(page: Page, what: 'list' | 'conversation', conversationId: string): Promise<number> {
  return page.evaluate(
    async ({ what, conversationId }) => {
      const t0 = performance.now();
      const host = document.createElement('div');
      host.style.cssText = 'position:fixed;inset:0;overflow:auto;background:#fff;z-index:99999';
      if (what === 'list') {
        const rows = await window.desk.inbox.list({ view: 'all', q: '' });
        for (const c of rows) {
          const row = document.createElement('div');
          row.style.cssText = 'padding:8px 12px;border-bottom:1px solid #eee';
          row.textContent = `${c.citizenName ?? ''} ${c.status} ${c.lastMessageAt ?? ''} ${c.lastMessagePreview ?? ''} ${c.unreadCount}`;
          host.append(row);
        }
      } else {
        const d = await window.desk.inbox.get({ conversationId });
        for (const m of d.messages) {
          const row = document.createElement('div');
          row.style.cssText = 'padding:6px 10px;margin:4px;border:1px solid #ddd;border-radius:8px;white-space:pre-wrap';
          row.textContent = `${m.direction} ${m.createdAt}\n${m.body}`;
          host.append(row);
        }
      }
      document.body.append(host);
      host.scrollTop = host.scrollHeight; // a chat opens at its end
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const ms = performance.now() - t0;
      host.remove();
      return ms;
    },
    { what, conversationId },
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<void> {
  const services = benchServices();
  const harness = await startHarness({ serverUrl: 'http://127.0.0.1:9', createServices: () => services, log: () => {} });
  const chromium = await launchChromium({ viewport: { width: 1280, height: 860 } });
  try {
    const page = await chromium.context.newPage();
    page.setDefaultTimeout(120_000);
    // tsx compiles with keepNames: functions sent to page.evaluate call its __name helper.
    await page.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
    const bigId = uuid(20000000, 0);
    const app = { list: [] as number[], conversation: [] as number[] };
    const plain = { list: [] as number[], conversation: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      await page.goto(harness.url);
      const region = page.getByRole('region', { name: '상담 목록' });
      await region.waitFor();
      app.list.push(await timeApp(page, () => region.getByRole('radio', { name: '전체' }).evaluate((el: HTMLElement) => el.click()), '시민 0'));
      app.conversation.push(
        await timeApp(page, () => region.getByRole('option', { name: /시민 0\b/ }).first().click(), `메시지 ${MESSAGES - 1}:`),
      );
      plain.list.push(await timePlain(page, 'list', bigId));
      plain.conversation.push(await timePlain(page, 'conversation', bigId));
    }
    const line = (label: string, a: number[], b: number[]) =>
      console.log(
        `${label.padEnd(36)} app ${median(a).toFixed(0).padStart(6)} ms   plain DOM ${median(b).toFixed(0).padStart(6)} ms   ratio app/plain ${(median(a) / median(b)).toFixed(2)}`,
      );
    console.log(`median of ${ROUNDS} rounds, Chromium headless, first paint after the action (data through window.desk in both)`);
    line(`list of ${CONVERSATIONS.toLocaleString('en')} conversations`, app.list, plain.list);
    line(`conversation of ${MESSAGES.toLocaleString('en')} messages`, app.conversation, plain.conversation);
    const domCount = await page.evaluate(() => document.querySelectorAll('[role="option"]').length);
    console.log(`rows in the DOM for the virtualised list: ${domCount} of ${CONVERSATIONS}`);
  } finally {
    await chromium.close();
    await harness.close();
  }
}
