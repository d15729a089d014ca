import type { Page } from 'playwright-core';
import type { Conversation } from '../../common/domain/index.js';
import { signKakaoBody } from '../../server/channels/kakao/index.js';
import { launchChromium, type LaunchedChromium } from '../harness/browser.js';
import { startCentralService, type CentralService } from '../harness/central-service.js';
import { startHarness, type Harness } from '../harness/harness.js';

/**
 * The 현황판 end to end: two counsellors (counsellor1 at a real desk in Chromium, counsellor2
 * through the REST API) and supervisor1's desk in Chromium. Presence set from the header shows on
 * the board; a new citizen appears in the waiting list; the supervisor reassigns by keyboard only.
 */
describe('supervisor board with two counsellors, in Chromium', () => {
  let central: CentralService;
  let desk1: Harness;
  let deskLead: Harness;
  let chromium: LaunchedChromium;
  let counsellorPage: Page;
  let leadPage: Page;
  const tokens: Record<string, string> = {};

  const api = async <T>(path: string, init: RequestInit & { bearer?: string } = {}): Promise<T> => {
    const res = await fetch(`${central.url}/api/v1${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init.bearer ? { authorization: `Bearer ${init.bearer}` } : {}), ...(init.headers ?? {}) },
    });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  async function signIn(page: Page, harness: Harness, username: string) {
    await page.goto(harness.url);
    await page.getByRole('textbox', { name: '아이디' }).fill(username);
    await page.getByLabel('비밀번호', { exact: false }).first().fill(central.demoPassword);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByRole('region', { name: '상담 목록' }).waitFor();
    await expect.poll(async () => (await harness.services.handlers.sync.getStatus(undefined)).initialProgress, { timeout: 60_000 }).toBeNull();
  }

  beforeAll(async () => {
    const t0 = Date.now();
    const step = (what: string) => console.info(`[board e2e] ${what} after ${Date.now() - t0} ms`);
    central = await startCentralService();
    step('central service');
    const hint = { usernames: ['counsellor1', 'supervisor1'], password: central.demoPassword };
    desk1 = await startHarness({ serverUrl: central.url, demoHint: hint });
    step('first desk');
    deskLead = await startHarness({ serverUrl: central.url, demoHint: hint });
    step('second desk');
    chromium = await launchChromium({ viewport: { width: 1280, height: 900 } });
    step('chromium');
    counsellorPage = await chromium.context.newPage();
    leadPage = await chromium.context.newPage();
    for (const p of [counsellorPage, leadPage]) p.setDefaultTimeout(30_000);
    for (const u of ['counsellor2', 'admin']) {
      tokens[u] = (await api<{ token: string }>('/auth/login', { method: 'POST', body: JSON.stringify({ username: u, password: central.demoPassword }) })).token;
    }
  }, 400_000);

  afterAll(async () => {
    await chromium?.close();
    await desk1?.close();
    await deskLead?.close();
    await central?.stop();
  });

  it('shows presence set at a desk and by the API live on the board', async () => {
    await signIn(counsellorPage, desk1, 'counsellor1');
    // The desk holds the event stream: counsellor1 is 상담 가능 without doing anything.
    await counsellorPage.getByRole('button', { name: '내 상태: 상담 가능' }).waitFor();
    await counsellorPage.keyboard.press('Control+Shift+A');
    await counsellorPage.getByRole('button', { name: '내 상태: 자리 비움' }).waitFor();

    await signIn(leadPage, deskLead, 'supervisor1');
    await leadPage.keyboard.press('Control+Shift+B');
    const board = leadPage.getByRole('dialog', { name: '현황판 (팀장)' });
    await board.waitFor();
    const row = (name: string) => board.getByRole('row').filter({ has: leadPage.getByRole('rowheader', { name, exact: true }) });
    await row('상담원 김민지').getByText('자리 비움').waitFor();
    await row('상담원 이준호').getByText('오프라인').waitFor();

    // counsellor2 (no desk) says 상담 가능 through the API: the board follows within a second or two.
    const started = Date.now();
    await api('/me/presence', { method: 'PUT', bearer: tokens.counsellor2, body: JSON.stringify({ status: 'available' }) });
    await row('상담원 이준호').getByText('상담 가능').waitFor({ timeout: 5_000 });
    console.info(`board: presence change visible after ${Date.now() - started} ms`);
  }, 180_000);

  it('lists a new citizen as waiting and reassigns them by keyboard', async () => {
    const userKey = `e2e-board-${crypto.randomUUID()}`;
    const raw = JSON.stringify({ serial_number: crypto.randomUUID(), event: 'message', user_key: userKey, message_type: 'TX', message: '긴급하게 도움이 필요합니다', time: new Date().toISOString() });
    const res = await fetch(`${central.url}/api/v1/channels/kakao/webhook`, {
      method: 'POST', body: raw, headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(raw, central.webhookSecret) },
    });
    expect(res.status).toBe(200);
    const board = leadPage.getByRole('dialog', { name: '현황판 (팀장)' });
    const label = `시민 ${userKey.slice(-4)}`;
    const select = board.getByRole('combobox', { name: `배정 바꾸기: ${label}` });
    await select.waitFor({ timeout: 10_000 });

    // Keyboard only: focus the list, choose counsellor2 with the arrow keys, Tab to 배정, Enter.
    await select.focus();
    const counsellor2 = await api<{ counsellor: { id: string } }>('/me', { bearer: tokens.counsellor2 });
    for (let i = 0; i < 12 && (await select.inputValue()) !== counsellor2.counsellor.id; i++) await leadPage.keyboard.press('ArrowDown');
    expect(await select.inputValue()).toBe(counsellor2.counsellor.id);
    await leadPage.keyboard.press('Tab');
    await leadPage.keyboard.press('Enter');

    await expect.poll(async () => {
      const list = await api<{ items: Conversation[] }>(`/conversations?q=${encodeURIComponent(userKey)}`, { bearer: tokens.admin });
      return list.items.find((c) => c.citizenKey === userKey)?.assigneeId ?? null;
    }, { timeout: 15_000 }).toBe(counsellor2.counsellor.id);
    // The board shows the new assignee and counsellor2's open-chat count.
    await expect.poll(async () => select.inputValue(), { timeout: 10_000 }).toBe(counsellor2.counsellor.id);
  }, 120_000);

  it('refuses the board to a counsellor desk', async () => {
    await expect(desk1.services.handlers.team.board(undefined)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await counsellorPage.getByRole('button', { name: '현황판' }).count()).toBe(0);
  });
});
