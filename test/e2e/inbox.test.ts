import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { CallLog, Conversation } from '../../common/domain/index.js';
import { createDeskServices } from '../../electron/services/create-desk-services.js';
import { KAKAO_WEBHOOK_PATH } from '../../server/channels/kakao/webhook-routes.js';
import { signKakaoBody, startKakaoSink, type KakaoSink } from '../../server/simulator/index.js';
import { launchChromium, type LaunchedChromium } from '../harness/browser.js';
import { DEMO_USERNAMES, startCentralService, type CentralService } from '../harness/central-service.js';
import { startHarness, type Harness } from '../harness/harness.js';

/**
 * Issue 6 item 8: a citizen writes on KakaoTalk, a counsellor answers in the real renderer (driven
 * by accessible names only) against the real desk services and the real central service, and the
 * replies reach the simulated Kakao endpoint. The citizen's side is the simulator's signed webhook.
 */
describe('chat inbox end to end', () => {
  let sink: KakaoSink;
  let central: CentralService;
  let harness: Harness;
  let chromium: LaunchedChromium;
  let page: Page;
  let token: string;
  let centralDir: string;
  const userKey = `e2e-${randomUUID().slice(0, 8)}`;
  const question = `기초연금 신청하고 싶어요 (${userKey})`;
  let serial = 0;

  async function citizenSays(message: string, key = userKey, event: 'message' | 'chat_start' = 'message'): Promise<void> {
    const body = JSON.stringify({
      serial_number: `${key}-${++serial}`, event, user_key: key, message_type: 'TX', message: event === 'message' ? message : '',
      time: new Date().toISOString(),
    });
    const res = await fetch(new URL(KAKAO_WEBHOOK_PATH, central.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(body, central.webhookSecret) },
      body,
    });
    expect(res.status).toBe(200);
  }

  async function api<T>(path: string): Promise<T> {
    const res = await fetch(new URL(`/api/v1${path}`, central.url), { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }

  beforeAll(async () => {
    sink = await startKakaoSink();
    // Our own data folder, so that the service can be stopped and started again on the same data.
    centralDir = await mkdtemp(join(tmpdir(), 'bokji-e2e-inbox-'));
    central = await startCentralService({ dataDir: centralDir, env: { KAKAO_SEND_URL: sink.url } });
    harness = await startHarness({
      serverUrl: central.url,
      demoHint: { usernames: DEMO_USERNAMES, password: central.demoPassword },
      // Short backoff: the restart in the middle should be noticed in seconds, not minutes.
      createServices: (config) => createDeskServices({ ...config, tuning: { retryBaseMs: 200, retryCapMs: 1500, fallbackPullMs: 2000 } }),
    });
    chromium = await launchChromium({ viewport: { width: 1280, height: 860 } });
    page = await chromium.context.newPage();
    page.setDefaultTimeout(20_000);
    const login = await fetch(new URL('/api/v1/auth/login', central.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: DEMO_USERNAMES[0], password: central.demoPassword }),
    });
    token = ((await login.json()) as { token: string }).token;
  });

  afterAll(async () => {
    await chromium?.close();
    await harness?.close();
    await central?.stop();
    await sink?.close();
    if (centralDir) await rm(centralDir, { recursive: true, force: true });
  });

  it('signs in and shows every conversation', async () => {
    await page.goto(harness.url);
    await page.getByRole('textbox', { name: '아이디' }).fill(DEMO_USERNAMES[0]!);
    await page.getByLabel('비밀번호', { exact: false }).first().fill(central.demoPassword);
    await page.getByRole('button', { name: '로그인' }).click();
    const list = page.getByRole('region', { name: '상담 목록' });
    await list.waitFor();
    // Mantine keeps the segmented control's radios visually hidden under their labels: click the radio itself.
    const all = list.getByRole('radio', { name: '전체' });
    await all.evaluate((el: HTMLElement) => el.click());
    await expect.poll(() => all.isChecked()).toBe(true);
    await expect.poll(async () => (await harness.services.handlers.sync.getStatus(undefined)).state, { timeout: 60_000 }).toBe('online');
  });

  it('shows a citizen’s new message in the list as it arrives', async () => {
    await citizenSays('', userKey, 'chat_start');
    const sentAt = Date.now();
    await citizenSays(question);
    const row = page.getByRole('region', { name: '상담 목록' }).getByRole('option', { name: new RegExp(userKey) });
    // Live path: SSE poke -> pull -> inbox.onChange -> list refetch; no reload, no click.
    await row.waitFor({ timeout: 10_000 });
    console.log(`[e2e inbox] webhook -> row visible: ${Date.now() - sentAt} ms`);
    expect(await row.textContent()).toContain(question);
  });

  it('answers with a canned reply and a programme card, and the Kakao endpoint receives both', async () => {
    const before = sink.received.length;
    await page.getByRole('region', { name: '상담 목록' }).getByRole('option', { name: new RegExp(userKey) }).click();
    const chat = page.getByRole('region', { name: '대화' });
    await chat.getByText(question).waitFor();
    await chat.getByRole('button', { name: '담당하기' }).click();
    await chat.getByRole('button', { name: '담당하기' }).waitFor({ state: 'detached' });

    const box = chat.getByRole('textbox', { name: '답장 입력' });
    await box.click();
    await box.pressSequentially('/인사');
    await page.getByRole('listbox', { name: '상용구' }).getByRole('option', { name: /인사/ }).waitFor();
    await box.press('Enter');
    expect(await box.inputValue()).toContain('복지 상담센터 상담원');
    const greeting = await box.inputValue();
    await box.press('Control+Enter');
    await expect.poll(() => box.inputValue()).toBe('');

    const side = page.getByRole('complementary', { name: '프로그램과 상담 기록' });
    await side.getByRole('searchbox', { name: '복지 프로그램 검색' }).fill('기초연금');
    await side.getByRole('option', { name: /기초연금/ }).first().click();
    await side.getByRole('button', { name: '대화에 보내기' }).click();
    await expect.poll(() => box.inputValue()).toContain('기초연금');
    await chat.getByRole('button', { name: '보내기' }).click();
    // The card text may carry a phone number; the sensitive-number check asks only for mobile numbers.
    await expect.poll(() => box.inputValue()).toBe('');

    await sink.waitFor(before + 2, 30_000);
    // Outside office hours the service's automatic notice also reaches this citizen: look for ours by content.
    const toCitizen = () => sink.received.filter((r) => r.message.user_key === userKey).map((r) => r.message.message);
    await expect.poll(toCitizen, { timeout: 30_000 }).toContain(greeting.trim());
    await expect.poll(() => toCitizen().some((m) => m.startsWith('[') && m.includes('기초연금')), { timeout: 30_000 }).toBe(true);
    expect(toCitizen().indexOf(greeting.trim())).toBeLessThan(toCitizen().findIndex((m) => m.startsWith('[') && m.includes('기초연금')));
    await chat.getByText('전달됨').first().waitFor();
  });

  it('keeps a reply written while the server is down and delivers it after the restart', async () => {
    const chat = page.getByRole('region', { name: '대화' });
    const box = chat.getByRole('textbox', { name: '답장 입력' });
    const text = `서버가 멈춘 사이에 보낸 답장 (${userKey})`;
    const port = central.port;
    await central.stop();
    await box.fill(text);
    await box.press('Control+Enter');
    await expect.poll(() => box.inputValue()).toBe('');
    const bubble = chat.getByText(text).locator('xpath=ancestor::*[contains(@class,"msg-bubble")][1]');
    await bubble.getByText('보내는 중').waitFor();
    await expect
      .poll(async () => (await page.getByRole('status', { name: '동기화 상태' }).textContent()) ?? '', { timeout: 30_000 })
      .toMatch(/오프라인|보낼 항목 1건/);

    central = await startCentralService({ dataDir: centralDir, port, env: { KAKAO_SEND_URL: sink.url } });
    await expect.poll(() => sink.received.some((r) => r.message.user_key === userKey && r.message.message === text), { timeout: 60_000 }).toBe(true);
    await bubble.getByText('전달됨').waitFor({ timeout: 60_000 });
    expect(sink.received.filter((r) => r.message.message === text)).toHaveLength(1);
  });

  it('switches to a phone call, closes with a summary, and the server holds the record', async () => {
    const chat = page.getByRole('region', { name: '대화' });
    await chat.getByRole('button', { name: '전화 상담 전환' }).click();
    // It asks first; this citizen gave no number, so the desk asks for one instead of promising a call.
    const ask = page.getByRole('dialog', { name: '전화 상담 전환' });
    await ask.getByRole('button', { name: '전화번호 묻기' }).click();
    await ask.waitFor({ state: 'detached' });
    // The call-log form opens linked to this conversation.
    await page.getByRole('form', { name: '상담 기록' }).waitFor({ state: 'visible' });

    await chat.getByRole('button', { name: '종료' }).click();
    const dialog = page.getByRole('dialog', { name: '상담 종료' });
    await dialog.getByRole('combobox', { name: /분야/ }).selectOption('복지일반');
    await dialog.getByRole('textbox', { name: /한 줄 요약/ }).fill('기초연금 신청 방법 안내, 전화로 후속 상담');
    await dialog.getByRole('button', { name: '종료하고 기록 만들기' }).click();
    await dialog.waitFor({ state: 'detached' });
    await chat.getByRole('button', { name: '다시 열기' }).waitFor();

    const conversationId = await expect
      .poll(async () => (await api<{ items: Conversation[] }>(`/conversations?q=${encodeURIComponent(userKey)}`)).items.find((c) => c.citizenKey === userKey)?.id)
      .toBeTruthy()
      .then(async () => (await api<{ items: Conversation[] }>(`/conversations?q=${encodeURIComponent(userKey)}`)).items.find((c) => c.citizenKey === userKey)!.id);
    await expect.poll(async () => (await api<Conversation>(`/conversations/${conversationId}`)).status, { timeout: 30_000 }).toBe('closed');
    const conversation = await api<Conversation>(`/conversations/${conversationId}`);
    expect(conversation.summary).toBe('기초연금 신청 방법 안내, 전화로 후속 상담');
    expect(conversation.field).toBe('복지일반');
    await expect
      .poll(async () => (await api<{ items: CallLog[] }>('/call-logs?limit=500')).items.filter((l) => l.conversationId === conversationId).length, { timeout: 30_000 })
      .toBeGreaterThan(0);
    // The citizen was asked for a number to call.
    await expect.poll(() => sink.received.some((r) => r.message.user_key === userKey && /전화번호를 알려/.test(r.message.message)), { timeout: 30_000 }).toBe(true);
  });

  it('shows HTML and script sent through the webhook as text and runs none of it', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const hostileKey = `${userKey}-x`;
    const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b onmouseover=alert(3)>${hostileKey}</b>`;
    await citizenSays('', hostileKey, 'chat_start');
    await citizenSays(payload, hostileKey);
    const row = page.getByRole('region', { name: '상담 목록' }).getByRole('option', { name: new RegExp(hostileKey) });
    await row.click();
    const chat = page.getByRole('region', { name: '대화' });
    await chat.getByText(payload).waitFor();
    await chat.getByText(payload).hover();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBeNull();
    expect(await page.locator('img[src="x"], b[onmouseover]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});
