import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

export interface LaunchedChromium {
  /** A persistent context on a fresh profile (pages: context.newPage()). */
  context: BrowserContext;
  browser: Browser | null;
  userDataDir: string;
  close(): Promise<void>;
}

/**
 * Debian's Chromium through playwright-core, on a fresh temporary profile so no test sees
 * another's storage. Korean text renders with the renderer's bundled Pretendard (the system has
 * no Korean font).
 */
export async function launchChromium(options: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<LaunchedChromium> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'bokji-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1280, height: 800 },
      locale: options.locale ?? 'ko-KR',
      timezoneId: 'Asia/Seoul',
    });
  } catch (err) {
    await rm(userDataDir, { recursive: true, force: true });
    throw new Error(`Chromium did not start from ${CHROMIUM_PATH} (install the Debian package "chromium" or set CHROMIUM_PATH): ${String(err)}`);
  }
  let closed = false;
  return {
    context,
    browser: context.browser(),
    userDataDir,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
