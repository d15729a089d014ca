import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { signKakaoBody } from '../../server/channels/kakao/index.js';
import { KAKAO_WEBHOOK_PATH } from '../../server/channels/kakao/webhook-routes.js';
import { startKakaoSink, type KakaoSink } from '../../server/simulator/index.js';
import { launchChromium, type LaunchedChromium } from '../harness/browser.js';
import { startCentralService, type CentralService } from '../harness/central-service.js';
import { startHarness, type Harness } from '../harness/harness.js';

/**
 * 구독 소식 end to end (issue 14): a citizen subscribes over the KakaoTalk webhook; the admin
 * writes a notice at one desk in Chromium and is refused its approval (four eyes); supervisor1
 * approves it at another desk; the sink receives it exactly once for the subscriber and for
 * nobody else; the report counts it. axe-core scans every 구독 소식 screen (0 serious/critical).
 */
describe('구독 소식 in Chromium: subscribe, write, approve, send', () => {
  let sink: KakaoSink;
  let central: CentralService;
  let adminDesk: Harness;
  let leadDesk: Harness;
  let chromium: LaunchedChromium;
  let adminPage: Page;
  let leadPage: Page;
  const tag = randomUUID().slice(0, 8);
  const subscriberKey = `e2e-sub-${tag}`;
  const outsiderKey = `e2e-out-${tag}`;
  const title = `행복주택 모집 ${tag}`;
  const scanned: string[] = [];
  let serial = 0;

  const repliesTo = (key: string) => sink.received.filter((r) => r.message.user_key === key && !r.message.broadcast_id);

  /** The citizen writes over the signed webhook and waits for the channel's answer. */
  async function citizenSays(key: string, message: string): Promise<string> {
    const before = repliesTo(key).length;
    const body = JSON.stringify({ serial_number: `${key}-${++serial}`, event: 'message', user_key: key, message_type: 'TX', message, time: new Date().toISOString() });
    const res = await fetch(new URL(KAKAO_WEBHOOK_PATH, central.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(body, central.webhookSecret) },
      body,
    });
    expect(res.status).toBe(200);
    await expect.poll(() => repliesTo(key).length, { timeout: 20_000, message: `answer to ${message}` }).toBeGreaterThan(before);
    return repliesTo(key).at(-1)!.message.message;
  }

  async function scan(page: Page, what: string): Promise<void> {
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).include('[role="dialog"]').analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 6).map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('')}`).join('\n')}`);
    expect(report, `${what}:\n${report.join('\n')}`).toEqual([]);
    scanned.push(what);
  }

  async function signIn(page: Page, harness: Harness, username: string): Promise<void> {
    await page.goto(harness.url);
    await page.getByRole('textbox', { name: '아이디' }).fill(username);
    await page.getByLabel('비밀번호', { exact: false }).first().fill(central.demoPassword);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByRole('region', { name: '상담 목록' }).waitFor();
  }

  /** Opens 구독 소식 by its shortcut and returns the dialog. */
  async function openNotices(page: Page): Promise<Locator> {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Shift+N');
    const dialog = page.getByRole('dialog', { name: '구독 소식' });
    await dialog.waitFor();
    return dialog;
  }

  beforeAll(async () => {
    sink = await startKakaoSink();
    central = await startCentralService({
      env: { KAKAO_SEND_URL: sink.url, BOKJI_BROADCAST_QUIET_HOURS: 'off', BOKJI_BROADCAST_RATE_PER_S: '50', BOKJI_RATE_LIMIT_PER_MIN: '100000' },
    });
    const hint = { usernames: ['admin', 'supervisor1'], password: central.demoPassword };
    adminDesk = await startHarness({ serverUrl: central.url, demoHint: hint });
    leadDesk = await startHarness({ serverUrl: central.url, demoHint: hint });
    chromium = await launchChromium({ viewport: { width: 1280, height: 900 } });
    adminPage = await chromium.context.newPage();
    leadPage = await chromium.context.newPage();
    for (const p of [adminPage, leadPage]) p.setDefaultTimeout(30_000);
  }, 480_000);

  afterAll(async () => {
    console.log(`[e2e broadcasts] axe-core scanned: ${scanned.join(' · ')}`);
    await chromium?.close();
    await adminDesk?.close();
    await leadDesk?.close();
    await central?.stop();
    await sink?.close();
  });

  it('a citizen subscribes to 임대주택 over KakaoTalk with an explicit yes', async () => {
    expect(await citizenSays(subscriberKey, '구독')).toContain('1. 임대주택');
    await citizenSays(subscriberKey, '1');
    expect(await citizenSays(subscriberKey, '동의')).toContain('임대주택');
    // Another citizen subscribes to 공공일자리 only: the housing notice must not reach them.
    await citizenSays(outsiderKey, '구독');
    await citizenSays(outsiderKey, '2');
    await citizenSays(outsiderKey, '동의');
  });

  it('the admin writes the notice with a live preview and audience, and submits it', async () => {
    await signIn(adminPage, adminDesk, 'admin');
    const dialog = await openNotices(adminPage);
    await dialog.getByRole('tab', { name: '소식 작성' }).waitFor();
    await scan(adminPage, 'compose (empty)');
    await dialog.getByRole('textbox', { name: '제목' }).fill(title);
    await dialog.getByRole('textbox', { name: '내용' }).fill('금천구 행복주택 입주자를 모집합니다. 자세한 내용은 https://www.geumcheon.go.kr 에서 보세요.');
    await dialog.getByRole('checkbox', { name: '임대주택' }).check();
    await dialog.getByRole('textbox', { name: '버튼 1 이름' }).fill('공고 보기');
    await dialog.getByRole('textbox', { name: '버튼 1 링크 (https://)' }).fill('https://www.geumcheon.go.kr/notice');
    await expect.poll(() => dialog.getByTestId('audience').textContent()).toMatch(/지금 보내면 받는 구독자: [1-9]\d*명/);
    const bubble = dialog.getByTestId('kakao-bubble');
    expect(await bubble.textContent()).toContain(`[${title}]`);
    expect(await bubble.textContent()).toContain('공고 보기');
    await scan(adminPage, 'compose (filled, preview)');
    await dialog.getByRole('button', { name: '승인 요청' }).click();
    await dialog.getByRole('status').filter({ hasText: '승인을 요청했습니다' }).waitFor();
  });

  it("refuses the author's own approval with the Korean reason", async () => {
    const dialog = adminPage.getByRole('dialog', { name: '구독 소식' });
    await dialog.getByRole('tab', { name: '승인 대기' }).click();
    const item = dialog.getByRole('article', { name: title });
    await item.waitFor();
    await scan(adminPage, 'approval queue');
    await item.getByRole('button', { name: '승인' }).click();
    const alert = item.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('작성자는 자기 소식을 승인할 수 없습니다');
    expect(await alert.textContent()).not.toContain('four-eyes');
    await scan(adminPage, 'approval refused');
  });

  it('supervisor1 approves it; the subscriber receives it exactly once, nobody else; the progress and the report count it', async () => {
    await signIn(leadPage, leadDesk, 'supervisor1');
    const dialog = await openNotices(leadPage);
    await dialog.getByRole('tab', { name: '승인 대기' }).click();
    const item = dialog.getByRole('article', { name: title });
    await item.getByRole('button', { name: '승인' }).click();
    // Approved, it leaves the queue.
    await item.waitFor({ state: 'detached' });

    await dialog.getByRole('tab', { name: '발송 현황' }).click();
    const sent = dialog.getByRole('article', { name: title });
    await sent.getByText('발송 완료').waitFor({ timeout: 60_000 });
    const bar = sent.getByRole('progressbar', { name: `${title} 발송 진행` });
    const targeted = Number((await bar.getAttribute('aria-valuemax')) ?? '0');
    expect(targeted).toBeGreaterThanOrEqual(1);
    expect(await bar.getAttribute('aria-valuetext')).toBe(`${targeted} / ${targeted}`);
    await scan(leadPage, 'sending list');

    const toNotice = sink.received.filter((r) => r.message.broadcast_id && r.message.message.includes(title));
    const forSubscriber = toNotice.filter((r) => r.message.user_key === subscriberKey);
    expect(forSubscriber).toHaveLength(1);
    expect(toNotice.some((r) => r.message.user_key === outsiderKey)).toBe(false);
    expect(new Set(toNotice.map((r) => r.message.serial_number)).size).toBe(toNotice.length);

    await sent.getByRole('button', { name: `결과 보기: ${title}` }).click();
    const report = dialog.getByRole('region', { name: `발송 결과: ${title}` });
    await report.getByRole('table', { name: '받는 사람' }).getByRole('row').nth(1).waitFor();
    expect(await report.getByRole('table', { name: '실패 이유' }).count()).toBe(0);
    await scan(leadPage, 'report');
    await report.getByRole('button', { name: '결과 닫기' }).click();
  });

  it('the subscriber list (masked) and the counsellor-assisted lookup pass axe too', async () => {
    const dialog = leadPage.getByRole('dialog', { name: '구독 소식' });
    await dialog.getByRole('tab', { name: '구독자' }).click();
    const table = dialog.getByRole('table', { name: '구독자 목록' });
    await table.getByRole('row').nth(1).waitFor();
    expect(await table.textContent()).not.toContain(subscriberKey);
    await scan(leadPage, 'subscriber list');
    await dialog.getByRole('tab', { name: '구독 관리' }).click();
    await dialog.getByRole('textbox', { name: /시민 식별값/ }).fill(subscriberKey);
    await dialog.getByRole('button', { name: '조회' }).click();
    await dialog.getByText('구독 중', { exact: true }).waitFor();
    await dialog.getByText(/구독 \(카카오톡, 시민 본인\)/).first().waitFor();
    await scan(leadPage, 'subscription lookup');

    // Counsellor-assisted: 구정 소식 for the other citizen, after the statement was read on the phone.
    await dialog.getByRole('textbox', { name: /시민 식별값/ }).fill(outsiderKey);
    await dialog.getByRole('button', { name: '조회' }).click();
    await dialog.getByText('지금 구독: 공공일자리').waitFor();
    await dialog.getByRole('checkbox', { name: '구정 소식' }).check();
    await dialog.getByRole('combobox', { name: '동의 방법' }).selectOption('phone');
    const save = dialog.getByRole('button', { name: '구독 저장' });
    expect(await save.isDisabled()).toBe(true);
    await dialog.getByRole('checkbox', { name: /동의 문구를 시민에게 읽어 주었고/ }).check();
    await save.click();
    await dialog.getByRole('status').filter({ hasText: '구독을 저장했습니다.' }).waitFor();
    await dialog.getByText('지금 구독: 공공일자리, 구정 소식').waitFor();
    await dialog.getByText(/변경 \(전화, 팀장 정하늘\)/).waitFor();
    await scan(leadPage, 'subscription saved');
  });
});
