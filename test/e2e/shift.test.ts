import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { KAKAO_WEBHOOK_PATH } from '../../server/channels/kakao/webhook-routes.js';
import { signKakaoBody } from '../../server/simulator/index.js';
import { launchChromium, type LaunchedChromium } from '../harness/browser.js';
import { DEMO_USERNAMES, startCentralService, type CentralService } from '../harness/central-service.js';
import { startHarness, type Harness } from '../harness/harness.js';

/**
 * Issue 10 in real Chromium: focus rules, layout details and an axe-core scan of every main screen
 * and dialog in the wide and the narrow layout (0 serious or critical violations).
 */
describe('a shift at the desk in Chromium: focus, layout and accessibility', () => {
  let central: CentralService;
  let harness: Harness;
  let chromium: LaunchedChromium;
  let page: Page;
  const userKey = `e2e-shift-${randomUUID().slice(0, 8)}`;
  let serial = 0;
  const scanned: string[] = [];

  async function citizenSays(message: string): Promise<void> {
    const body = JSON.stringify({ serial_number: `${userKey}-${++serial}`, event: 'message', user_key: userKey, message_type: 'TX', message, time: new Date().toISOString() });
    const res = await fetch(new URL(KAKAO_WEBHOOK_PATH, central.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(body, central.webhookSecret) },
      body,
    });
    expect(res.status).toBe(200);
  }

  /** axe-core over the page as it is now: serious and critical violations fail the test, with what and where. */
  async function scan(what: string, include?: string): Promise<void> {
    let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
    if (include) builder = builder.include(include);
    const result = await builder.analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 6).map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('')}`).join('\n')}`);
    expect(report, `${what}:\n${report.join('\n')}`).toEqual([]);
    scanned.push(what);
  }

  const list = () => page.getByRole('region', { name: '상담 목록' });
  const chat = () => page.getByRole('region', { name: '대화' });
  const focused = () => page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName ?? '', label: el?.getAttribute('aria-label') ?? '', text: (el?.textContent ?? '').trim().slice(0, 40) };
  });

  beforeAll(async () => {
    central = await startCentralService();
    harness = await startHarness({ serverUrl: central.url, demoHint: { usernames: DEMO_USERNAMES, password: central.demoPassword } });
    chromium = await launchChromium({ viewport: { width: 1280, height: 860 } });
    page = await chromium.context.newPage();
    page.setDefaultTimeout(20_000);
    // The first run builds the renderer (minutes on a loaded 2-core machine).
  }, 480_000);

  afterAll(async () => {
    console.log(`[e2e shift] axe-core scanned: ${scanned.join(' · ')}`);
    await chromium?.close();
    await harness?.close();
    await central?.stop();
  });

  it('signs in (the login screen passes axe too)', async () => {
    await page.goto(harness.url);
    await page.getByRole('textbox', { name: '아이디' }).waitFor();
    await scan('login');
    await page.getByRole('textbox', { name: '아이디' }).fill(DEMO_USERNAMES[0]!);
    await page.getByLabel('비밀번호', { exact: false }).first().fill(central.demoPassword);
    await page.getByRole('button', { name: '로그인' }).click();
    await list().waitFor();
    await expect.poll(async () => (await harness.services.handlers.sync.getStatus(undefined)).state, { timeout: 60_000 }).toBe('online');
    const all = list().getByRole('radio', { name: '전체' });
    await all.evaluate((el: HTMLElement) => el.click());
    await citizenSays(`아주 긴 문의입니다. ${'기초생활수급자 생계급여 주거급여 의료급여 신청 자격과 필요한 서류를 알고 싶습니다. '.repeat(4)}`);
    await list().getByRole('option', { name: /기초생활수급자/ }).first().waitFor();
  });

  it('keeps the unread badge readable beside a long preview and breaks Korean between words in bubbles', async () => {
    const row = list().getByRole('option', { name: /기초생활수급자/ }).first();
    const badge = row.getByLabel(/읽지 않음/);
    const box = await badge.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(16);
    await row.click();
    const body = chat().locator('.msg-body').first();
    await body.waitFor();
    expect(await body.evaluate((el) => getComputedStyle(el).wordBreak)).toBe('keep-all');
  });

  it('Ctrl+2 lands in the reply box; Esc from the programme search goes back there', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+2');
    expect(await focused()).toMatchObject({ tag: 'TEXTAREA', label: '답장 입력' });
    await page.keyboard.press('Control+k');
    expect(await focused()).toMatchObject({ label: '복지 프로그램 검색' });
    await page.keyboard.type('주거');
    await page.keyboard.press('Escape');
    await expect.poll(focused).toMatchObject({ tag: 'TEXTAREA', label: '답장 입력' });
  });

  it('Ctrl+K → type → Enter opens the keyboard’s result while the mouse rests where the results appear (item 12)', async () => {
    const side = page.getByRole('complementary', { name: '프로그램과 상담 기록' });
    const search = side.getByRole('searchbox', { name: '복지 프로그램 검색' });
    const results = side.getByRole('listbox', { name: '검색 결과' });
    // Where the results will be: look once, then leave the pointer resting on the third result's spot.
    await search.fill('생계');
    await results.getByRole('option').nth(2).waitFor();
    const spot = (await results.getByRole('option').nth(2).boundingBox())!;
    await search.fill('');
    await results.waitFor({ state: 'detached' });
    await page.keyboard.press('Control+2');
    await page.mouse.move(spot.x + spot.width / 2, spot.y + spot.height / 2);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('생계');
    await results.getByRole('option').nth(2).waitFor();
    // The list has rendered under the resting pointer. A windowed Chromium then sends mouseover and a
    // mousemove at the same spot (headless does not: send that move here, the pointer unmoved).
    await page.waitForTimeout(400);
    await page.mouse.move(spot.x + spot.width / 2, spot.y + spot.height / 2);
    await page.waitForTimeout(100);
    const first = results.getByRole('option').first();
    expect(await first.getAttribute('aria-selected')).toBe('true');
    expect(await results.getByRole('option').nth(2).getAttribute('aria-selected')).not.toBe('true');
    // ↓ moves the keyboard's highlight; another unmoved pointer event (as after the list scrolls) leaves it.
    await page.keyboard.press('ArrowDown');
    await page.mouse.move(spot.x + spot.width / 2, spot.y + spot.height / 2);
    await page.waitForTimeout(100);
    const chosen = results.getByRole('option').nth(1);
    expect(await chosen.getAttribute('aria-selected')).toBe('true');
    const name = ((await chosen.locator('p').first().textContent()) ?? '').trim();
    await page.keyboard.press('Enter');
    await side.getByRole('heading', { level: 3 }).filter({ hasText: name }).waitFor();
    // A real move over a result takes over.
    await page.keyboard.press('Escape');
    await results.getByRole('option').nth(2).waitFor();
    const third = (await results.getByRole('option').nth(2).boundingBox())!;
    await page.mouse.move(third.x + third.width / 2, third.y + third.height / 2 + 3, { steps: 3 });
    await expect.poll(() => results.getByRole('option').nth(2).getAttribute('aria-selected')).toBe('true');
    await search.fill('');
    await page.mouse.move(5, 5);
  });

  it('shows a focus ring on the list after a mouse click and then the keyboard', async () => {
    const listbox = list().getByRole('listbox', { name: '상담 목록' });
    await listbox.getByRole('option').first().click();
    await listbox.press('ArrowDown');
    const active = listbox.locator('.conv-row[data-active]');
    expect(await active.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  });

  it('returns focus after the 보류 dialog closes, and scans every dialog of the conversation (wide)', async () => {
    await list().getByRole('option', { name: /기초생활수급자/ }).first().click();
    await chat().getByRole('heading').first().waitFor();
    await scan('wide: list, conversation, lookup, call log');

    const dialogs: Array<[string, string]> = [['배정/이관', '상담 배정/이관'], ['보류', '상담 보류'], ['전화 상담 전환', '전화 상담 전환'], ['종료', '상담 종료']];
    for (const [button, title] of dialogs) {
      const trigger = chat().getByRole('toolbar', { name: '상담 처리' }).getByRole('button', { name: button, exact: true });
      await trigger.click();
      const dialog = page.getByRole('dialog', { name: title });
      await dialog.waitFor();
      await scan(`dialog ${title}`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(async () => (await focused()).text, { message: `focus after ${title}` }).toContain(button);
    }
  });

  it('scans the programme lookup, its detail and the quick screen, and the call-log tabs (wide)', async () => {
    const side = page.getByRole('complementary', { name: '프로그램과 상담 기록' });
    await side.getByRole('searchbox', { name: '복지 프로그램 검색' }).fill('기초연금');
    await side.getByRole('option', { name: /기초연금/ }).first().waitFor();
    await scan('wide: programme results');
    await side.getByRole('option', { name: /기초연금/ }).first().click();
    await side.getByRole('button', { name: '대화에 보내기' }).waitFor();
    await scan('wide: programme detail');
    await side.getByRole('tab', { name: '소득 간이 판정' }).click();
    await scan('wide: 소득 간이 판정');
    await side.getByRole('tab', { name: '검색' }).click();
    for (const name of ['목록', '콜백', '통계', '기록']) {
      await side.getByRole('tab', { name, exact: true }).click();
      await page.waitForTimeout(300);
      await scan(`wide: call log ${name}`);
    }
    await page.getByRole('button', { name: /설정/ }).first().click();
    await page.waitForTimeout(300);
    await scan('wide: settings menu');
    await page.keyboard.press('Escape');
  });

  it('lets the counsellor resize and fold the side panel halves, and remembers it', async () => {
    const programmes = page.locator('#area-programmes');
    const calls = page.locator('#area-calls');
    const before = (await programmes.boundingBox())!.height;
    const handle = page.getByRole('separator', { name: '프로그램 검색과 상담 기록 높이 나누기' });
    await handle.focus();
    await handle.press('End');
    await expect.poll(async () => (await programmes.boundingBox())!.height).toBeGreaterThan(before * 1.4);
    const grown = (await programmes.boundingBox())!.height;
    await scan('wide: side panel split');
    await page.getByRole('button', { name: '상담 기록 접기' }).click();
    await expect.poll(() => calls.isVisible()).toBe(false);
    // Ctrl+4 unfolds the call log again.
    await page.keyboard.press('Control+4');
    await expect.poll(() => calls.isVisible()).toBe(true);
    await page.reload();
    await programmes.waitFor();
    await expect.poll(async () => Math.abs((await programmes.boundingBox())!.height - grown)).toBeLessThan(4);
    await list().waitFor();
  });

  it('scans every tab of the narrow column', async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    const tabs = page.getByRole('tablist', { name: '작업 영역' });
    await tabs.waitFor();
    for (const name of ['상담', '프로그램', '상담 기록']) {
      await tabs.getByRole('tab', { name, exact: true }).click();
      await page.waitForTimeout(300);
      await scan(`narrow: ${name}`);
    }
    await tabs.getByRole('tab', { name: '상담', exact: true }).click();
    const back: Locator = page.getByRole('button', { name: '상담 목록', exact: true });
    if (await back.isVisible()) await back.click();
    await list().getByRole('listbox').getByRole('option').first().click();
    await chat().getByRole('heading').first().waitFor();
    await scan('narrow: conversation');
  });
});
