import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from '../harness/browser.js';
import { startCentralService, type CentralService } from '../harness/central-service.js';
import { startHarness, type Harness } from '../harness/harness.js';

/**
 * The administrator's screens in real Chromium, keyboard first: 접속기록 (search, chain check,
 * monthly review, 파기 대장) and 계정 관리 (create an account, see the change in the log), each
 * scanned with axe-core (0 serious or critical).
 */
describe('admin screens in Chromium: 접속기록 and 계정 관리', () => {
  let central: CentralService;
  let harness: Harness;
  let chromium: LaunchedChromium;
  let page: Page;
  const scanned: string[] = [];

  async function scan(what: string): Promise<void> {
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 6).map((n) => `    ${n.target.join(' ')}`).join('\n')}`);
    expect(report, `${what}:\n${report.join('\n')}`).toEqual([]);
    scanned.push(what);
  }

  const settings = async () => {
    await page.getByRole('button', { name: '설정 열기' }).click();
    return page.getByRole('group', { name: '설정' });
  };

  beforeAll(async () => {
    central = await startCentralService();
    harness = await startHarness({ serverUrl: central.url, demoHint: { usernames: ['admin'], password: central.demoPassword } });
    chromium = await launchChromium({ viewport: { width: 1280, height: 860 } });
    page = await chromium.context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(harness.url);
    await page.getByRole('textbox', { name: '아이디' }).fill('admin');
    await page.getByLabel('비밀번호', { exact: false }).first().fill(central.demoPassword);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByRole('region', { name: '상담 목록' }).waitFor({ timeout: 60_000 });
  }, 480_000);

  afterAll(async () => {
    console.log(`[e2e admin] axe-core scanned: ${scanned.join(' · ')}`);
    await chromium?.close();
    await harness?.close();
    await central?.stop();
  });

  it('creates an account in 계정 관리 (and the screen passes axe)', async () => {
    await (await settings()).getByRole('button', { name: '계정 관리' }).click();
    const dialog = page.getByRole('dialog', { name: '계정 관리 (관리자)' });
    await dialog.getByRole('table', { name: '계정 목록' }).getByRole('rowheader', { name: 'counsellor1', exact: true }).waitFor();
    await scan('계정 관리');
    await dialog.getByRole('textbox', { name: '아이디' }).fill('e2e.newbie');
    await dialog.getByRole('textbox', { name: '이름' }).fill('신입 상담원');
    await dialog.getByLabel('임시 비밀번호', { exact: false }).fill('Temp-pass-2026!');
    await dialog.getByRole('textbox', { name: '이름' }).press('Enter');
    await dialog.getByRole('status').filter({ hasText: '저장했습니다.' }).waitFor();
    await dialog.getByRole('rowheader', { name: 'e2e.newbie', exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  }, 120_000);

  it('searches the access log by action, sees the account change, verifies the chain (axe on each tab)', async () => {
    await (await settings()).getByRole('button', { name: '접속기록' }).click();
    const dialog = page.getByRole('dialog', { name: '접속기록 (관리자)' });
    const table = dialog.getByRole('table', { name: '접속기록 목록' });
    // The admin's own sign-in is in the log.
    await table.getByRole('row').filter({ hasText: '로그인' }).first().waitFor();
    await scan('접속기록 조회');

    await dialog.getByRole('combobox', { name: '처리 내용' }).selectOption({ label: '권한 변경' });
    await dialog.getByRole('button', { name: '조회', exact: true }).click();
    const change = table.getByRole('row').filter({ hasText: 'create counsellor' });
    await change.first().waitFor();
    await expect.poll(async () => (await table.getByRole('row').allInnerTexts()).slice(1).every((r) => r.includes('권한 변경'))).toBe(true);

    await dialog.getByRole('button', { name: '위·변조 검증' }).click();
    await dialog.getByRole('status').filter({ hasText: '위·변조 없음' }).waitFor();

    // Keyboard: the tabs move with the arrow keys.
    await dialog.getByRole('tab', { name: '조회' }).focus();
    await page.keyboard.press('ArrowRight');
    await dialog.getByRole('tab', { name: '월간 점검', selected: true }).waitFor();
    await dialog.getByLabel('점검 의견', { exact: false }).fill('계정 생성 1건 확인, 이상 없음');
    await dialog.getByRole('button', { name: '점검 완료 기록' }).click();
    await dialog.getByRole('table', { name: '점검 기록' }).getByText('계정 생성 1건 확인, 이상 없음').waitFor();
    await scan('접속기록 월간 점검');

    await page.keyboard.press('Tab');
    await dialog.getByRole('tab', { name: '파기 대장' }).click();
    await dialog.getByText('아직 파기한 기록이 없습니다.').waitFor();
    await scan('접속기록 파기 대장');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  }, 180_000);
});
