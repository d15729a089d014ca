import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { WebSocket } from 'ws';
import type { DeskHandlers } from '../../common/desk-api/index.js';
import { launchChromium, type LaunchedChromium } from '../harness/browser.js';
import { DEMO_USERNAMES, startCentralService, type CentralService } from '../harness/central-service.js';
import { startHarness, type Harness } from '../harness/harness.js';
import { DESK_SOCKET_PATH } from '../harness/ws-protocol.js';

// The README's pictures are refreshed on request (BOKJI_SCREENSHOTS=1 npm test); other runs write to .tmp.
const SHOTS = process.env.BOKJI_SCREENSHOTS === '1' ? join(import.meta.dirname, '../../docs') : join(import.meta.dirname, '../../.tmp/screenshots');

describe('the app shell in Chromium, against the real services and central service', () => {
  let central: CentralService;
  let harness: Harness;
  let chromium: LaunchedChromium;
  let page: Page;
  /** The narrow column's tab bar (the call-log panel has sub-tabs of its own). */
  const shellTabs = () => page.getByRole('tablist', { name: '작업 영역' });

  beforeAll(async () => {
    central = await startCentralService();
    harness = await startHarness({ serverUrl: central.url, demoHint: { usernames: DEMO_USERNAMES, password: central.demoPassword } });
    chromium = await launchChromium({ viewport: { width: 1280, height: 800 } });
    page = await chromium.context.newPage();
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await chromium?.close();
    await harness?.close();
    await central?.stop();
  });

  it('signs in with the demo account shown on the login screen', async () => {
    await page.goto(harness.url);
    await expect.poll(() => page.getByText(DEMO_USERNAMES[0]!, { exact: false }).count()).toBeGreaterThan(0);
    await page.getByRole('textbox', { name: '아이디' }).fill(DEMO_USERNAMES[0]!);
    await page.getByLabel('비밀번호', { exact: false }).first().fill(central.demoPassword);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByRole('region', { name: '상담 목록' }).waitFor();
    const session = await harness.services.handlers.session.getState(undefined);
    expect(session.signedIn).toBe(true);
    expect(session.counsellor?.username).toBe(DEMO_USERNAMES[0]);
  });

  it('shows the three areas side by side in the wide layout', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const areas = [
      page.getByRole('region', { name: '상담 목록' }),
      page.getByRole('region', { name: '대화' }),
      page.getByRole('searchbox', { name: '복지 프로그램 검색' }),
      page.getByRole('form', { name: '상담 기록' }),
    ];
    for (const area of areas) await area.waitFor({ state: 'visible' });
    // All at once, without the narrow column's tab bar.
    expect(await Promise.all(areas.map((a) => a.isVisible()))).toEqual([true, true, true, true]);
    expect(await shellTabs().count()).toBe(0);
    await page.getByRole('status', { name: '동기화 상태' }).waitFor();
    // Let the sync settle (list filled, indicator calm) so the screenshot shows a working desk.
    await expect.poll(async () => (await harness.services.handlers.sync.getStatus(undefined)).state, { timeout: 30_000 }).toBe('online');
  });

  it('switches to tabs in the narrow column and every area is reachable there', async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    const tab = (name: string) => shellTabs().getByRole('tab', { name, exact: true });
    await tab('상담').waitFor();
    // One area at a time: the call-log form is hidden until its tab is chosen.
    await tab('상담').click();
    await page.getByRole('region', { name: '상담 목록' }).waitFor({ state: 'visible' });
    expect(await page.getByRole('form', { name: '상담 기록' }).isVisible()).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'screenshot-narrow.png') });
    await tab('프로그램').click();
    await page.getByRole('searchbox', { name: '복지 프로그램 검색' }).waitFor({ state: 'visible' });
    await tab('상담 기록').click();
    await page.getByRole('form', { name: '상담 기록' }).waitFor({ state: 'visible' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('region', { name: '대화' }).waitFor({ state: 'visible' });
    expect(await shellTabs().count()).toBe(0);
  });

  it('pins and unpins the window through the DeskApi', async () => {
    const pin = page.getByRole('button', { name: '창 고정' });
    const before = (await harness.services.handlers.window.getState(undefined)).pinned;
    await pin.click();
    await expect.poll(() => pin.getAttribute('aria-pressed')).toBe(String(!before));
    expect((await harness.services.handlers.window.getState(undefined)).pinned).toBe(!before);
    expect(await page.evaluate(() => window.desk.window.getState())).toEqual({ pinned: !before, host: 'web' });
    expect(harness.windowControl.alwaysOnTop.at(-1)).toBe(!before);
    await pin.click();
    await expect.poll(() => pin.getAttribute('aria-pressed')).toBe(String(before));
    expect(harness.windowControl.alwaysOnTop.at(-1)).toBe(before);
  });

  it('opens a conversation beside a programme search (the README screenshot)', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const list = page.getByRole('region', { name: '상담 목록' });
    await list.getByRole('listbox', { name: '상담 목록' }).getByRole('option').first().click();
    await page.getByRole('region', { name: '대화' }).getByRole('textbox', { name: '답장 입력' }).waitFor({ state: 'visible' });
    await expect.poll(async () => (await harness.services.handlers.sync.getStatus(undefined)).initialProgress, { timeout: 60_000 }).toBeNull();
    await page.getByRole('searchbox', { name: '복지 프로그램 검색' }).fill('월세');
    // For the picture only: give the lookup a moment to list hits (its behaviour is tested in its own suites).
    await page.getByText(/월세/).first().waitFor({ timeout: 5000 }).catch(() => {});
    await page.screenshot({ path: join(SHOTS, 'screenshot-wide.png') });
  });
});

describe('the harness socket', () => {
  let harness: Harness;
  let rendererDir: string;
  const calls: string[] = [];

  beforeAll(async () => {
    rendererDir = await mkdtemp(join(tmpdir(), 'bokji-harness-page-'));
    await writeFile(
      join(rendererDir, 'index.html'),
      '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"><script type="module" src="/assets/app.js"></script></head><body></body></html>',
    );
    const handlers = {
      window: {
        getState: async () => {
          calls.push('window:getState');
          return { pinned: false, host: 'web' as const };
        },
      },
    } as unknown as DeskHandlers;
    harness = await startHarness({
      serverUrl: 'http://127.0.0.1:9',
      rendererDir,
      createServices: () => ({ handlers, onEvent: () => () => {}, close: async () => {} }),
    });
  });

  afterAll(async () => {
    await harness?.close();
    await rm(rendererDir, { recursive: true, force: true });
  });

  const origin = () => new URL(harness.url).origin;
  const connect = (o = origin()): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`${origin().replace('http', 'ws')}${DESK_SOCKET_PATH}`, { origin: o });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  const exchange = (ws: WebSocket, data: string | Buffer): Promise<unknown> =>
    new Promise((resolve) => {
      ws.once('message', (m) => resolve(JSON.parse(m.toString())));
      ws.send(data);
    });

  it('serves the page with the window.desk bridge ahead of the app and the CSP allowing its socket', async () => {
    const res = await fetch(harness.url);
    const html = await res.text();
    expect(html.indexOf('/__harness/desk-bridge.js')).toBeGreaterThan(-1);
    expect(html.indexOf('/__harness/desk-bridge.js')).toBeLessThan(html.indexOf('/assets/app.js'));
    expect(res.headers.get('content-security-policy')).toContain(`ws://${new URL(harness.url).host}`);
    expect(html).toContain(`ws://${new URL(harness.url).host}`);
    expect((await fetch(`${harness.url}..%2f..%2fetc%2fpasswd`)).status).toBe(403);
  });

  it('answers a valid call through the DeskApi dispatcher', async () => {
    const ws = await connect();
    expect(await exchange(ws, JSON.stringify({ type: 'call', id: 7, channel: 'window:getState' }))).toEqual({
      type: 'result',
      id: 7,
      result: { ok: true, value: { pinned: false, host: 'web' } },
    });
    ws.close();
  });

  it('answers malformed frames with an error and keeps serving', async () => {
    const ws = await connect();
    const before = calls.length;
    const replies = [
      await exchange(ws, 'not json'),
      await exchange(ws, JSON.stringify({ id: 3, channel: 42 })),
      await exchange(ws, JSON.stringify(null)),
      await exchange(ws, Buffer.from([1, 2, 3])),
      await exchange(ws, JSON.stringify({ type: 'call', id: 4, channel: 'fs:readFile', arg: '/etc/passwd' })),
      await exchange(ws, JSON.stringify({ type: 'call', id: 5, channel: 'window:setPinned', arg: { pinned: 'yes' } })),
    ];
    for (const r of replies) expect(r).toMatchObject({ type: 'result', result: { ok: false, error: { code: expect.any(String) } } });
    expect((replies[1] as { id: unknown }).id).toBe(3);
    expect(calls.length).toBe(before);
    expect(await exchange(ws, JSON.stringify({ type: 'call', id: 6, channel: 'window:getState' }))).toMatchObject({ id: 6, result: { ok: true } });
    ws.close();
  });

  it('refuses a socket opened by another origin', async () => {
    await expect(connect('http://evil.example')).rejects.toThrow(/403|Unexpected server response/);
  });
});
