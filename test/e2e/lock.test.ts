import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from '../harness/browser.js';
import { DEMO_USERNAMES, startCentralService, type CentralService } from '../harness/central-service.js';
import { startHarness, type Harness } from '../harness/harness.js';

describe('the lock screen in Chromium, against the real services', () => {
  let central: CentralService;
  let harness: Harness;
  let chromium: LaunchedChromium;
  let page: Page;

  beforeAll(async () => {
    central = await startCentralService();
    harness = await startHarness({ serverUrl: central.url, demoHint: { usernames: DEMO_USERNAMES, password: central.demoPassword } });
    chromium = await launchChromium({ viewport: { width: 1280, height: 800 } });
    page = await chromium.context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(harness.url);
    await page.getByRole('textbox', { name: '아이디' }).fill('counsellor1');
    await page.getByLabel('비밀번호', { exact: false }).first().fill(central.demoPassword);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByRole('region', { name: '상담 목록' }).waitFor();
  });

  afterAll(async () => {
    await chromium?.close();
    await harness?.close();
    await central?.stop();
  });

  it('Ctrl+Alt+L hides everything behind the lock screen; a wrong password is refused, the right one unlocks', async () => {
    await page.keyboard.press('Control+Alt+KeyL');
    const lock = page.getByRole('region', { name: '화면이 잠겨 있습니다' });
    await lock.waitFor();
    expect(await page.getByRole('region', { name: '상담 목록' }).count()).toBe(0);
    expect((await harness.services.handlers.session.getState(undefined)).locked).toBe(true);
    await lock.getByLabel('비밀번호', { exact: false }).first().fill('wrong-password');
    await lock.getByRole('button', { name: '잠금 해제' }).click();
    await expect.poll(() => lock.getByRole('alert').textContent()).toContain('4번 더');
    await lock.getByLabel('비밀번호', { exact: false }).first().fill(central.demoPassword);
    await lock.getByRole('button', { name: '잠금 해제' }).click();
    await page.getByRole('region', { name: '상담 목록' }).waitFor();
    expect((await harness.services.handlers.session.getState(undefined)).locked).toBe(false);
  });
});
