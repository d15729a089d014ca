import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Page } from 'playwright-core';
import type { CallLog } from '../../common/domain/index.js';
import { launchChromium, type LaunchedChromium } from '../harness/browser.js';
import { DEMO_USERNAMES, startCentralService, type CentralService } from '../harness/central-service.js';
import { startHarness, type Harness } from '../harness/harness.js';

/**
 * Issue 10, the record form in real Chromium against the real desk services and central service:
 * the shortcuts after 목록 → 열기, Enter in one-line fields, one tab stop for the start time, the
 * A4 print read back from page.pdf(), and a conflict between two desks answered with both versions.
 */
describe('상담 기록 form in Chromium', () => {
  let central: CentralService;
  let deskA: Harness;
  let deskB: Harness;
  let chromium: LaunchedChromium;
  let pageA: Page;
  let pageB: Page;
  let token = '';

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${central.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const signIn = async (page: Page, desk: Harness, username: string) => {
    await page.goto(desk.url);
    await page.getByRole('textbox', { name: '아이디' }).fill(username);
    await page.getByLabel('비밀번호', { exact: false }).first().fill(central.demoPassword);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByRole('form', { name: '상담 기록' }).waitFor();
    await expect.poll(async () => (await desk.services.handlers.sync.getStatus(undefined)).initialProgress, { timeout: 90_000 }).toBeNull();
    await expect.poll(async () => (await desk.services.handlers.sync.getStatus(undefined)).state, { timeout: 60_000 }).toBe('online');
  };
  /** Closes whatever dialog an earlier step left on screen (Esc, as the counsellor would). */
  const closeDialogs = async (page: Page) => {
    for (let i = 0; i < 3 && (await page.getByRole('dialog').count()) > 0; i++) {
      await page.keyboard.press('Escape');
      await page.waitForTimeout(300);
    }
    await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);
  };
  const byName = async (desk: Harness, name: string): Promise<CallLog | undefined> =>
    (await desk.services.handlers.calls.list({ q: name, limit: 10 })).find((l) => l.callerName === name) as CallLog | undefined;

  beforeAll(async () => {
    central = await startCentralService();
    const demoHint = { usernames: DEMO_USERNAMES, password: central.demoPassword };
    deskA = await startHarness({ serverUrl: central.url, demoHint });
    deskB = await startHarness({ serverUrl: central.url, demoHint });
    chromium = await launchChromium({ viewport: { width: 1280, height: 900 } });
    pageA = await chromium.context.newPage();
    pageB = await chromium.context.newPage();
    pageA.setDefaultTimeout(30_000);
    pageB.setDefaultTimeout(30_000);
    const login = await fetch(`${central.url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: DEMO_USERNAMES[0], password: central.demoPassword }),
    });
    token = ((await login.json()) as { token: string }).token;
  }, 600_000);

  afterAll(async () => {
    await chromium?.close();
    await deskA?.close();
    await deskB?.close();
    await central?.stop();
  });

  it('signs in on two desks (a counsellor and the 팀장)', { timeout: 240_000 }, async () => {
    await signIn(pageA, deskA, DEMO_USERNAMES[0]!);
    // Need-to-know: another counsellor may not change this counsellor's records; the 팀장 may.
    await signIn(pageB, deskB, 'supervisor1');
  });

  it('Enter in one-line fields never saves; the start time is one tab stop; Enter picks a programme suggestion', { timeout: 120_000 }, async () => {
    const form = pageA.getByRole('form', { name: '상담 기록' });
    await form.getByLabel('성명').fill('엔터시험');
    await form.getByLabel('성명').press('Enter');
    await form.getByLabel('거주 동').fill('독산1동');
    await form.getByLabel('거주 동').press('Enter');
    await form.getByLabel('연계 기관').fill('독산1동 주민센터');
    await form.getByLabel('연계 기관').press('Enter');
    await form.getByRole('combobox', { name: '연계 프로그램 검색' }).fill('생계급여');
    const option = form.getByRole('listbox', { name: '연계 프로그램 검색' }).getByRole('option').first();
    await option.waitFor();
    const programmeName = ((await option.textContent()) ?? '').replace(/^추가:\s*/, '').trim();
    await form.getByRole('combobox', { name: '연계 프로그램 검색' }).press('Enter');
    await form.getByRole('listitem').filter({ hasText: programmeName }).waitFor();
    await pageA.waitForTimeout(500);
    expect(await byName(deskA, '엔터시험')).toBeUndefined();
    expect(await form.getByLabel('성명').inputValue()).toBe('엔터시험');
    expect(await form.getByLabel('연계 기관').inputValue()).toBe('독산1동 주민센터');

    // 시작 시각 → one Tab → 상담 시간(분): not seven stops through a datetime-local.
    await form.getByLabel('시작 시각').focus();
    await pageA.keyboard.press('Tab');
    expect(await pageA.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent)).toMatch(/상담 시간\(분\)/);

    await form.getByLabel('주호소').fill('생계급여 신청 방법 문의');
    await form.getByRole('button', { name: '저장' }).click();
    await form.getByRole('status').filter({ hasText: '저장했습니다' }).waitFor();
    await expect.poll(async () => (await byName(deskA, '엔터시험'))?.programmeIds.length, { timeout: 30_000 }).toBe(1);
  });

  it('after 목록 → 열기 → 열기, Ctrl+S saves the edit (no invisible dialog holds the keys)', { timeout: 120_000 }, async () => {
    await pageA.getByRole('tab', { name: '목록', exact: true }).click();
    const list = pageA.getByRole('region', { name: '상담 기록 목록' });
    await list.getByRole('button', { name: /^열기: .*엔터시험/ }).click();
    const detail = pageA.getByRole('dialog', { name: '상담 기록' });
    await detail.getByRole('button', { name: '열기', exact: true }).click();
    await detail.waitFor({ state: 'hidden' });
    const form = pageA.getByRole('form', { name: '상담 기록' });
    await expect.poll(() => form.getByLabel('성명').inputValue()).toBe('엔터시험');
    await form.getByLabel('메모').fill('목록에서 열어 고침');
    await form.getByLabel('메모').press('Control+s');
    await form.getByRole('status').filter({ hasText: '저장했습니다' }).waitFor();
    await expect.poll(async () => (await byName(deskA, '엔터시험'))?.notes, { timeout: 30_000 }).toBe('목록에서 열어 고침');
    // The closed dialog left nothing over the page: its overlay is gone and the list takes real clicks again.
    await expect.poll(() => pageA.locator('.mantine-Modal-overlay').count(), { timeout: 5_000 }).toBe(0);
    await pageA.getByRole('tab', { name: '목록', exact: true }).click();
    await list.getByRole('button', { name: /^열기: .*엔터시험/ }).click({ timeout: 5_000 });
    await detail.waitFor();
    await pageA.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });
    await expect.poll(() => pageA.locator('.mantine-Modal-overlay').count(), { timeout: 5_000 }).toBe(0);
  });

  it('인쇄 prints the whole record on A4: every field, the caller history line, the counsellor, the record id', { timeout: 120_000 }, async () => {
    const record = (await byName(deskA, '엔터시험'))!;
    const programme = (await deskA.services.handlers.programmes.get({ id: record.programmeIds[0]! }))!;
    const me = (await deskA.services.handlers.session.getState(undefined)).counsellor!;
    await closeDialogs(pageA);
    await pageA.getByRole('tab', { name: '목록', exact: true }).click();
    await pageA.getByRole('region', { name: '상담 기록 목록' }).getByRole('button', { name: /^열기: .*엔터시험/ }).click();
    const detail = pageA.getByRole('dialog', { name: '상담 기록' });
    await detail.getByText(programme.name).first().waitFor();
    await pageA.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    const pdf = await pageA.pdf({ preferCSSPageSize: true, printBackground: true });
    const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
    const first = await doc.getPage(1);
    const [, , w, h] = first.view;
    expect(Math.round(w!)).toBe(595);
    expect(Math.round(h!)).toBe(842);
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      text += content.items.map((it) => ('str' in it ? it.str : '')).join('');
    }
    const flat = text.replace(/\s+/g, '');
    for (const label of ['일시', '상담시간', '상담채널', '상담원', '성명', '전화번호', '거주동', '분야', '세부주제', '주호소', '연계프로그램', '조치', '연계기관', '위기가구', '콜백일시', '메모', '기록ID', '발신자이력']) {
      expect(flat).toContain(label);
    }
    for (const value of ['엔터시험', '독산1동주민센터', '생계급여신청방법문의', '목록에서열어고침', programme.name.replace(/\s+/g, ''), me.displayName.replace(/\s+/g, ''), record.id]) {
      expect(flat).toContain(value);
    }
    // Names, not catalogue ids.
    expect(flat).not.toContain(programme.id);
    await pageA.keyboard.press('Escape');
  });

  it('a record saved first on another desk opens both versions; merging field by field lands on the server', { timeout: 180_000 }, async () => {
    const formA = pageA.getByRole('form', { name: '상담 기록' });
    await closeDialogs(pageA);
    await pageA.getByRole('tab', { name: '기록', exact: true }).click();
    await formA.getByLabel('성명').fill('충돌시험');
    await formA.getByLabel('주호소').fill('처음 주호소');
    await formA.getByLabel('주호소').press('Control+s');
    await formA.getByRole('status').filter({ hasText: '저장했습니다' }).waitFor();
    await expect.poll(async () => (await byName(deskB, '충돌시험'))?.version ?? 0, { timeout: 60_000 }).toBe(1);
    const id = (await byName(deskB, '충돌시험'))!.id;

    // Desk B (the 팀장) opens it from the list…
    await pageB.getByRole('tab', { name: '목록', exact: true }).click();
    await pageB.getByRole('region', { name: '상담 기록 목록' }).getByRole('button', { name: /^열기: .*충돌시험/ }).click();
    await pageB.getByRole('dialog', { name: '상담 기록' }).getByRole('button', { name: '열기', exact: true }).click();
    const formB = pageB.getByRole('form', { name: '상담 기록' });
    await expect.poll(() => formB.getByLabel('성명').inputValue()).toBe('충돌시험');

    // …while desk A saves a change first.
    const current = (await deskA.services.handlers.calls.get({ id }))!.callLog as CallLog & { localState: unknown; localError: unknown };
    const { localState: _s, localError: _e, id: _i, counsellorId: _c, createdAt: _ca, updatedAt: _u, version, ...input } = current;
    await deskA.services.handlers.calls.save({ id, input: { ...input, need: 'A가 고친 주호소' }, baseVersion: version });
    await expect.poll(async () => (await deskB.services.handlers.calls.get({ id }))?.callLog.version, { timeout: 60_000 }).toBe(2);

    await formB.getByLabel('주호소').fill('B가 고친 주호소');
    await formB.getByLabel('메모').fill('B의 메모');
    await formB.getByLabel('메모').press('Control+s');
    const both = pageB.getByRole('dialog', { name: '두 버전 비교' });
    await both.waitFor();
    await both.getByText('A가 고친 주호소').waitFor();
    await both.getByRole('radio', { name: /주호소: 먼저 저장된 내용/ }).check();
    await both.getByRole('button', { name: '고른 대로 합쳐 저장' }).click();
    await both.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await api<CallLog>(`/call-logs/${id}`)).version, { timeout: 60_000 }).toBe(3);
    expect(await api<CallLog>(`/call-logs/${id}`)).toMatchObject({ need: 'A가 고친 주호소', notes: 'B의 메모' });
  });
  it('in the narrow column the records table starts at its first columns whenever it is shown again or filtered', { timeout: 120_000 }, async () => {
    await closeDialogs(pageA);
    await pageA.setViewportSize({ width: 420, height: 800 });
    try {
      const shellTab = (name: string) => pageA.getByRole('tablist', { name: '작업 영역' }).getByRole('tab', { name, exact: true });
      await shellTab('상담 기록').click();
      await pageA.getByRole('tab', { name: '목록', exact: true }).click();
      const list = pageA.getByRole('region', { name: '상담 기록 목록' });
      await list.getByRole('button', { name: /^열기: .*엔터시험/ }).waitFor();
      const viewport = list.locator('.mantine-ScrollArea-viewport').first();
      const scrollLeft = () => viewport.evaluate((el) => el.scrollLeft);
      /** Scrolls the table to its last columns, as a counsellor reaching for 열기 would. */
      const scrollAway = async () => {
        await viewport.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
        await expect.poll(scrollLeft).toBeGreaterThan(100);
      };
      /** The first column's header (일시) is inside the visible part of the table. */
      const firstColumnShown = async () => {
        const [box, th] = await Promise.all([viewport.boundingBox(), list.getByRole('columnheader', { name: '일시' }).boundingBox()]);
        return box !== null && th !== null && th.x >= box.x - 1 && th.x < box.x + box.width;
      };
      expect(await viewport.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);

      // The call-log panel's own tabs: 기록 and back to 목록.
      await scrollAway();
      await pageA.getByRole('tab', { name: '기록', exact: true }).click();
      await pageA.getByRole('tab', { name: '목록', exact: true }).click();
      await expect.poll(scrollLeft).toBe(0);
      expect(await firstColumnShown()).toBe(true);

      // The narrow column's tabs: 상담 and back to 상담 기록.
      await scrollAway();
      await shellTab('상담').click();
      await shellTab('상담 기록').click();
      await expect.poll(scrollLeft).toBe(0);
      expect(await firstColumnShown()).toBe(true);

      // Filtering.
      await scrollAway();
      await list.getByRole('textbox', { name: '검색어' }).fill('엔터');
      await expect.poll(scrollLeft).toBe(0);
      expect(await firstColumnShown()).toBe(true);
      await list.getByRole('textbox', { name: '검색어' }).fill('');
      // Let that (debounced) filter change land before scrolling again.
      await expect.poll(() => list.getByRole('button', { name: /^열기: .*충돌시험/ }).count()).toBe(1);
      await pageA.waitForTimeout(500);

      // Opening a record and closing it again keeps the counsellor's place (the list never left the screen).
      await scrollAway();
      const before = await scrollLeft();
      await list.getByRole('button', { name: /^열기: .*엔터시험/ }).click();
      const detail = pageA.getByRole('dialog', { name: '상담 기록' });
      await detail.waitFor();
      await pageA.keyboard.press('Escape');
      await detail.waitFor({ state: 'hidden' });
      expect(await scrollLeft()).toBe(before);
    } finally {
      await pageA.setViewportSize({ width: 1280, height: 900 });
    }
  });
});
