/**
 * Inbox first paint in Chromium (issue 17 item 5): the real renderer build, served by the browser
 * harness over the real inbox handlers on a real local replica (SQLite), once with 100
 * conversations and a conversation of 50 messages and once with 10,000 conversations and one of
 * 5,000 messages, measured side by side in one run. The list reads only the window it shows and a
 * conversation its newest page, so the big replica should paint about as fast as the small one.
 * Also prints the JavaScript index.html loads first (gzipped), from the same build.
 *
 * Run: `npm run bench -- inbox`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { DeskHandlers, SessionState } from '../common/desk-api/index.js';
import type { Conversation, Message } from '../common/domain/index.js';
import { createEventHub } from '../electron/services/events/event-hub.js';
import type { DeskServices } from '../electron/services/host.js';
import { createInboxHandlers } from '../electron/services/inbox/inbox-handlers.js';
import { putConversation, putMessage } from '../electron/services/replica/write.js';
import type { SessionService } from '../electron/services/session/session-service.js';
import { openStore, type Store } from '../electron/services/store/index.js';
import { launchChromium } from '../test/harness/browser.js';
import { startHarness, type Harness } from '../test/harness/harness.js';
import { buildRendererForWeb } from '../test/harness/renderer-build.js';

const SIZES = [
  { conversations: 100, messages: 50 },
  { conversations: 10_000, messages: 5_000 },
] as const;
const ROUNDS = 7;

const me = { id: '10000000-0000-4000-8000-000000000001', username: 'bench', displayName: '벤치 상담사', role: 'counsellor' as const, active: true, presence: 'offline' as const, presenceSince: null };
const other = '10000000-0000-4000-8000-000000000002';
const uuid = (prefix: number, i: number) => `${String(prefix).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const start = Date.parse('2026-11-20T00:00:00Z');

function conversation(i: number, n: number): Conversation {
  const at = new Date(start + (n - i) * 60_000).toISOString();
  return {
    id: uuid(20000000, i), channel: 'kakao', citizenKey: `bench-${i}`, citizenName: i % 9 === 8 ? null : `시민 ${i}`, citizenPhone: null,
    // Nobody's chats are the bench counsellor's: "내 상담" starts empty, so the timed step is the switch to "전체".
    status: (['open', 'waiting', 'held', 'closed'] as const)[i % 4]!, assigneeId: i % 3 === 0 ? other : null, unreadCount: i === 0 ? 0 : i % 5,
    lastMessageAt: at, lastMessagePreview: `기초연금과 주거급여를 함께 받을 수 있는지 궁금합니다 (${i})`,
    waitingSince: i % 2 ? at : null, heldUntil: null, afterHoursNoticeAt: i % 7 === 0 ? at : null, field: null, summary: null, crisis: null,
    crisisAnsweredAt: null, satisfaction: null, closedAt: null, createdAt: at, updatedAt: at, version: 1,
  };
}

function message(conversationId: string, i: number, idBase: number): Message {
  return {
    id: uuid(idBase, i), conversationId, direction: i % 2 ? 'outbound' : 'inbound', kind: 'text',
    body: i % 10 === 0 ? `긴 문의입니다. ${'월세 지원과 긴급복지 생계지원 조건을 알고 싶어요. '.repeat(6)}(${i})` : `메시지 ${i}: 안내 감사합니다 😀`,
    imageUrl: null, programmeId: null, authorId: i % 2 ? me.id : null, delivery: i % 2 ? 'delivered' : null, deliveryError: null,
    createdAt: new Date(start + i * 45_000).toISOString(),
  };
}

/** A replica with `n` conversations (each with a first question) and conversation 0 holding `m` messages. */
async function replica(dir: string, n: number, m: number): Promise<Store> {
  const store = await openStore(join(dir, `desk-${n}.sqlite`));
  await store.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      const c = conversation(i, n);
      await putConversation(tx, c);
      if (i > 0) await putMessage(tx, { ...message(c.id, 0, 40000000), id: uuid(40000000, i), body: `첫 질문 ${i}` });
    }
    for (let i = 0; i < m; i++) await putMessage(tx, message(uuid(20000000, 0), i, 30000000));
  });
  return store;
}

function benchServices(store: Store): DeskServices {
  const session: SessionState = { signedIn: true, counsellor: me, serverUrl: 'http://127.0.0.1:9', demoHint: null, reason: null, locked: false, idleLockMinutes: 10, serverUrlEditable: false, offline: false };
  const events = createEventHub();
  const signedIn: Pick<SessionService, 'counsellor' | 'requireCounsellor'> = { counsellor: () => me, requireCounsellor: () => me };
  const inbox = createInboxHandlers({
    store, session: signedIn as SessionService, events, now: () => new Date(), kick: () => {}, refreshBadge: () => {},
  });
  const handlers = {
    session: { getState: async () => session },
    settings: { get: async () => ({ language: 'ko' as const, soundMuted: true, notifications: false }) },
    window: { getState: async () => ({ pinned: false, host: 'web' as const }) },
    sync: {
      getStatus: async () => ({ state: 'online' as const, queueLength: 0, lastSuccessAt: null, lastError: null, initialProgress: null, conflicts: 0 }),
      conflicts: async () => [],
    },
    inbox,
    programmes: { search: async () => ({ items: [], total: 0 }), favourites: async () => [], recents: async () => [] },
    calls: { list: async () => [], listDrafts: async () => [], callbacks: async () => [], missedCalls: async () => [] },
  } as unknown as DeskHandlers;
  return { handlers, onEvent: events.onEvent, close: async () => {} };
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

/** The JavaScript index.html loads before anything else: its module script and modulepreloads, gzipped. */
async function initialJs(dir: string): Promise<{ files: string[]; raw: number; gzip: number }> {
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const code = await readFile(join(dir, f));
    raw += code.length;
    gzip += gzipSync(code).length;
  }
  return { files, raw, gzip };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bokji-bench-inbox-'));
  // A build of its own (not the harness cache, which a test run may have built in test mode with
  // React's development build): what a counsellor's window loads.
  const rendererDir = await buildRendererForWeb({ cacheDir: join(dir, 'renderer'), log: () => {} });
  const stores: Store[] = [];
  const harnesses: Harness[] = [];
  const chromium = await launchChromium({ viewport: { width: 1280, height: 860 } });
  try {
    for (const size of SIZES) {
      const store = await replica(dir, size.conversations, size.messages);
      stores.push(store);
      const services = benchServices(store);
      harnesses.push(await startHarness({ serverUrl: 'http://127.0.0.1:9', createServices: () => services, rendererDir, log: () => {} }));
    }
    const page = await chromium.context.newPage();
    page.setDefaultTimeout(120_000);
    // tsx compiles with keepNames: functions sent to page.evaluate call its __name helper.
    await page.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
    const list: number[][] = SIZES.map(() => []);
    const chat: number[][] = SIZES.map(() => []);
    const domRows: number[] = SIZES.map(() => 0);
    // Rounds alternate between the sizes, and which goes first, so that both see the same machine
    // load and neither always gets the warmer page.
    for (let round = 0; round < ROUNDS; round++) {
      for (const k of round % 2 ? [1, 0] : [0, 1]) {
        const size = SIZES[k]!;
        await page.goto(harnesses[k]!.url);
        const region = page.getByRole('region', { name: '상담 목록' });
        await region.waitFor();
        list[k]!.push(await timeApp(page, () => region.getByRole('radio', { name: '전체' }).evaluate((el: HTMLElement) => el.click()), '시민 0'));
        chat[k]!.push(await timeApp(page, () => region.getByRole('option', { name: /시민 0\b/ }).first().click(), `메시지 ${size.messages - 1}:`));
        domRows[k] = await page.evaluate(() => document.querySelectorAll('[role="listbox"] [role="option"]').length);
      }
    }
    const [small, big] = SIZES;
    const ms = (xs: number[]) => median(xs).toFixed(0);
    const ratio = (a: number[], b: number[]) => (median(b) / median(a)).toFixed(2);
    const js = await initialJs(rendererDir);
    const [l1, l5] = loadavg();
    console.log(`${new Date().toISOString()}, load average ${l1!.toFixed(2)} / ${l5!.toFixed(2)} (1 / 5 min), median of ${ROUNDS} rounds, headless Chromium, real inbox handlers over a SQLite replica`);
    console.log(`inbox first paint: ${small.conversations} conversations ${ms(list[0]!)} ms, ${big.conversations} conversations ${ms(list[1]!)} ms, ratio ${big.conversations}/${small.conversations} ${ratio(list[0]!, list[1]!)}`);
    console.log(`conversation first paint: ${small.messages} messages ${ms(chat[0]!)} ms, ${big.messages} messages ${ms(chat[1]!)} ms, ratio ${big.messages}/${small.messages} ${ratio(chat[0]!, chat[1]!)}`);
    console.log(`rows in the DOM for the list: ${domRows[0]} of ${small.conversations}, ${domRows[1]} of ${big.conversations}`);
    console.log(`initial renderer JavaScript (loaded by index.html): ${kb(js.gzip)} gzipped (${kb(js.raw)} raw) in ${js.files.join(', ')}`);
  } finally {
    await chromium.close();
    for (const h of harnesses) await h.close();
    for (const s of stores) await s.close();
    await rm(dir, { recursive: true, force: true });
  }
}
