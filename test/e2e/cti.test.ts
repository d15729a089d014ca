import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { CallLog } from '../../common/domain/index.js';
import { launchChromium, type LaunchedChromium } from '../harness/browser.js';
import { DEMO_USERNAMES, startCentralService, type CentralService } from '../harness/central-service.js';
import { startHarness, type Harness } from '../harness/harness.js';

const CTI_TOKEN = 'e2e-cti-token-0123456789abcdef';
const CALLER = '010-7777-8888';
const CALLER_DIGITS = '01077778888';
/** How the screens show the caller's number (issue 13: masked until revealed). */
const CALLER_MASKED = '010-****-8888';
const USERNAME = DEMO_USERNAMES[0]!;

/**
 * The telephony flow end to end: the CTI integration posts newCall / answer / hangup to the real
 * central service, the answering counsellor's desk (real services, real renderer in Chromium)
 * pops the caller's history and a prefilled record with the measured duration; saving it lands
 * on the server. An unanswered call shows in the missed list.
 */
describe('CTI: incoming call to saved record, in Chromium', () => {
  let central: CentralService;
  let harness: Harness;
  let chromium: LaunchedChromium;
  let page: Page;
  let token = '';

  const api = async <T>(path: string, init: RequestInit & { bearer?: string } = {}): Promise<T> => {
    const res = await fetch(`${central.url}/api/v1${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${init.bearer ?? token}`, ...(init.headers ?? {}) },
    });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const cti = (body: Record<string, unknown>) => api('/cti/events', { method: 'POST', body: JSON.stringify(body), bearer: CTI_TOKEN });

  beforeAll(async () => {
    central = await startCentralService({ env: { BOKJI_CTI_TOKEN: CTI_TOKEN } });
    harness = await startHarness({ serverUrl: central.url, demoHint: { usernames: DEMO_USERNAMES, password: central.demoPassword } });
    chromium = await launchChromium({ viewport: { width: 1280, height: 900 } });
    page = await chromium.context.newPage();
    page.setDefaultTimeout(30_000);
    token = (await api<{ token: string }>('/auth/login', { method: 'POST', body: JSON.stringify({ username: USERNAME, password: central.demoPassword }), bearer: '' })).token;
  }, 600_000);

  afterAll(async () => {
    await chromium?.close();
    await harness?.close();
    await central?.stop();
  });

  it('signs in and has the caller’s earlier record on the server', async () => {
    await page.goto(harness.url);
    await page.getByRole('textbox', { name: '아이디' }).fill(USERNAME);
    await page.getByLabel('비밀번호', { exact: false }).first().fill(central.demoPassword);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByRole('form', { name: '상담 기록' }).waitFor();
    await expect.poll(async () => (await harness.services.handlers.sync.getStatus(undefined)).state, { timeout: 60_000 }).toBe('online');
    await expect.poll(async () => (await harness.services.handlers.sync.getStatus(undefined)).initialProgress, { timeout: 60_000 }).toBeNull();

    // An earlier consultation with the same caller, recorded by another desk straight on the server.
    await api(`/call-logs/${crypto.randomUUID()}`, {
      method: 'PUT',
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ channel: 'phone', startedAt: '2026-01-05T01:00:00.000Z', durationSec: 300, callerPhone: CALLER_DIGITS, need: '지난달 주거급여 문의', field: '저소득층 지원' }),
    });
    await expect.poll(async () => (await harness.services.handlers.calls.history({ phone: CALLER })).callLogs.length, { timeout: 30_000 }).toBe(1);
  });

  it('pops the caller history and a prefilled record with the measured duration; saving lands on the server', async () => {
    const answeredAt = new Date(Date.now() - 200_000);
    const endedAt = new Date(answeredAt.getTime() + 185_000);
    const base = { callId: 'e2e-call-1', from: CALLER, to: '02-2627-0000', counsellor: USERNAME };
    await cti({ ...base, type: 'newCall', at: new Date(answeredAt.getTime() - 8000).toISOString() });
    await cti({ ...base, type: 'answer', at: answeredAt.toISOString() });

    const dialog = page.getByRole('dialog', { name: '수신 전화' });
    await dialog.waitFor();
    await dialog.getByText('지난달 주거급여 문의').waitFor();
    // The pop-up shows the number masked; the reveal button shows it in full (and is logged).
    expect(await dialog.getByText(CALLER_MASKED).count()).toBeGreaterThan(0);
    expect(await dialog.getByText(CALLER).count()).toBe(0);

    await cti({ ...base, type: 'hangup', at: endedAt.toISOString() });
    // The desk measures answer -> hang-up; the open pop-up takes the hang-up in place (and is not popped again).
    await dialog.getByRole('status').filter({ hasText: '통화 종료 (03:05)' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('dialog', { name: '수신 전화' }).count()).toBe(1);
    // A prefilled draft nobody typed into is not offered under 복원할 초안.
    expect((await harness.services.handlers.calls.listDrafts(undefined)).some((d) => d.ctiCallId === 'e2e-call-1')).toBe(false);

    await page.getByRole('dialog', { name: '수신 전화' }).getByRole('button', { name: '기록 시작' }).click();
    const form = page.getByRole('form', { name: '상담 기록' });
    await expect.poll(() => form.getByLabel('전화번호').inputValue()).toBe(CALLER);
    expect(await form.getByLabel('상담 시간(분)').inputValue()).toBe('3');
    expect(await form.getByLabel('상담 시간', { exact: true }).textContent()).toBe('03:05');
    expect(await form.getByRole('radio', { name: '전화' }).isChecked()).toBe(true);

    await form.getByLabel('주호소').fill('전화로 긴급복지 생계지원 문의');
    await form.getByLabel('조치').selectOption({ label: '긴급지원 요청' });
    await form.getByLabel('위기가구').check();
    await form.getByLabel('주호소').press('Control+s');
    await form.getByText(/저장했습니다/).waitFor();

    await expect
      .poll(async () => (await api<{ items: CallLog[] }>(`/call-logs?phone=${CALLER_DIGITS}`)).items.some((l) => l.ctiCallId === 'e2e-call-1'), { timeout: 30_000 })
      .toBe(true);
    const saved = (await api<{ items: CallLog[] }>(`/call-logs?phone=${CALLER_DIGITS}`)).items.find((l) => l.ctiCallId === 'e2e-call-1')!;
    expect(saved).toMatchObject({
      channel: 'phone', callerPhone: CALLER_DIGITS, durationSec: 185, need: '전화로 긴급복지 생계지원 문의', action: 'emergency', crisis: true,
      startedAt: answeredAt.toISOString(),
    });
    // The draft is gone once the record is committed.
    expect((await harness.services.handlers.calls.listDrafts(undefined)).some((d) => d.ctiCallId === 'e2e-call-1')).toBe(false);
  });

  it('exports what was entered: CSV from the records list, phone masked for a counsellor', async () => {
    await page.getByRole('tab', { name: '목록', exact: true }).click();
    const list = page.getByRole('region', { name: '상담 기록 목록' });
    await list.getByText('전화로 긴급복지 생계지원 문의').waitFor();
    await list.getByRole('button', { name: 'CSV 내보내기' }).click();
    // The export asks why first; the reason goes into the file and the access log.
    const reason = page.getByRole('dialog', { name: '내보내기 사유' });
    await reason.getByRole('radio', { name: '통계 보고' }).check();
    await reason.getByLabel('상세 사유').fill('12월 통계');
    const [download] = await Promise.all([page.waitForEvent('download'), reason.getByRole('button', { name: '내보내기' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^상담기록_\d{12}\.csv$/);
    const path = await download.path();
    const [block, table] = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n\r\n') as [string, string];
    expect(block).toContain('# 사유,통계 보고: 12월 통계');
    const lines = table.split('\r\n');
    expect(lines[0]).toMatch(/^상담일시,상담시간\(초\),채널,상담원,성명,전화번호/);
    const row = lines.find((l) => l.includes('전화로 긴급복지 생계지원 문의'));
    expect(row).toBeDefined();
    expect(row).toContain('010-****-8888');
    expect(row).toContain(',185,전화,');
    expect(row).toContain('긴급지원 요청');
    expect(row).not.toContain('7777-8888');
  });

  it('an unanswered call lands in the missed-call list', async () => {
    const ring = new Date(Date.now() - 60_000);
    const base = { callId: 'e2e-missed-1', from: '02-123-4567', to: '02-2627-0000', counsellor: USERNAME };
    await cti({ ...base, type: 'newCall', at: ring.toISOString() });
    await cti({ ...base, type: 'hangup', at: new Date(ring.getTime() + 20_000).toISOString() });
    await page.getByRole('tab', { name: '콜백', exact: true }).click();
    const missed = page.getByRole('region', { name: '부재중 전화' });
    await missed.getByText(/02-\*\*\*-4567/).waitFor({ timeout: 30_000 });
    expect((await harness.services.handlers.calls.missedCalls(undefined)).map((c) => c.callId)).toContain('e2e-missed-1');
    // No pop-up for a call nobody answered.
    expect(await page.getByRole('dialog', { name: '수신 전화' }).count()).toBe(0);
  });
});
