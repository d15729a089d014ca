import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from '../harness/browser.js';
import { type CentralService, DEMO_PASSWORD_DEFAULT, isHealthy, startCentralService } from '../harness/central-service.js';
import { DEMO_CONVERSATIONS } from '../../server/seed/demo-data.js';
import { PROJECT_ROOT } from '../harness/renderer-build.js';
import { demoCitizenNeedles, filesContaining } from '../support/citizen-traces.js';

/** The page address dev:web prints once the harness listens. */
async function harnessUrl(output: () => string, child: ChildProcess, ms: number): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const url = /복지 데스크 \(browser harness\): (http:\/\/\S+)/.exec(output())?.[1];
    if (url) return url;
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`dev:web exited before it listened:\n${output()}`);
    if (Date.now() > until) throw new Error(`dev:web did not print its address in ${ms} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The held-out check, as a test: `npm run dev:web` (its own demo server), a sign-in through the
 * real renderer in Chromium, the demo data synced, and then no file of the desk's data folder
 * holds a demo citizen's name or phone number, while signed in and after the process stopped.
 */
describe('npm run dev:web keeps the desk data folder free of citizen data', () => {
  let dataDir: string;
  let child: ChildProcess | null = null;
  let chromium: LaunchedChromium | null = null;
  let central: CentralService | null = null;
  let output = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'bokji-devweb-'));
  });

  afterAll(async () => {
    await chromium?.close();
    if (child && child.exitCode === null && child.signalCode === null) {
      // SIGTERM first: dev:web then stops its own demo server (a SIGKILL would orphan it on 8787).
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await central?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('signs in through the renderer, syncs the demo data, and no file holds a demo name or phone', async () => {
    // dev:web starts its own demo server on 8787 unless something answers there already (another
    // run's server, with data we do not know): then this test brings its own and names it.
    let serverUrl = '';
    if (await isHealthy('http://127.0.0.1:8787')) {
      central = await startCentralService({ demoPassword: DEMO_PASSWORD_DEFAULT });
      serverUrl = central.url;
    }
    child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'test/harness/dev-web.ts')], {
      cwd: PROJECT_ROOT,
      // WEB_PORT 0: any free port (another run may hold 5174); the demo server picks a free port if 8787 is taken.
      env: { ...process.env, WEB_PORT: '0', BOKJI_DESK_DATA_DIR: dataDir, BOKJI_SERVER_URL: serverUrl, BOKJI_DEMO_PASSWORD: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    const url = await harnessUrl(() => output, child, 240_000);
    expect(output).toContain(`desk data:                     ${dataDir}`);

    chromium = await launchChromium({ viewport: { width: 1280, height: 800 } });
    const page: Page = await chromium.context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(url);
    await page.getByRole('textbox', { name: '아이디' }).fill('counsellor1');
    await page.getByLabel('비밀번호', { exact: false }).first().fill(DEMO_PASSWORD_DEFAULT);
    await page.getByRole('button', { name: '로그인' }).click();
    const list = page.getByRole('region', { name: '상담 목록' });
    await list.waitFor();
    // The demo data really reached the desk (so the search below can fail): counsellor1's demo
    // citizen is on screen (the list opens on 내 상담).
    const shown = DEMO_CONVERSATIONS.find((c) => c.citizenName && c.assignee === 'counsellor1')!.citizenName!;
    await list.getByText(shown, { exact: false }).first().waitFor({ timeout: 60_000 });
    await page.locator('.sync-indicator [data-state="online"]').waitFor({ timeout: 60_000 });

    const needles = demoCitizenNeedles();
    expect(needles.length).toBeGreaterThan(5);
    const files = await readdir(dataDir);
    expect(files.some((f) => /^replica-[0-9a-f]{16}\.sqlite$/.test(f))).toBe(true);
    expect(await filesContaining(dataDir, needles)).toEqual([]);

    await chromium.close();
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // After a clean stop (checkpointed WAL, closed files) the folder is still free of them.
    expect(await filesContaining(dataDir, needles)).toEqual([]);
  }, 420_000);
});
