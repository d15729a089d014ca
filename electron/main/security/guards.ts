import { dialog, shell, type BrowserWindow, type Session, type WebContents } from 'electron';
import { isAllowedOrigin } from './sender.js';

/** Permissions our own page may use: writing to the clipboard ("복사" buttons). Nothing else, from nowhere else. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/**
 * Session-wide denial of permission requests (camera, geolocation, notifications from the page,
 * …). Desktop notifications come from the main process and need no page permission.
 */
export function lockDownSession(session: Session, allowedOrigins: readonly string[]): void {
  session.setPermissionRequestHandler((webContents, permission, callback) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isAllowedOrigin(webContents.getURL(), allowedOrigins));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => {
    return ALLOWED_PERMISSIONS.has(permission) && isAllowedOrigin(requestingOrigin, allowedOrigins);
  });
}

/** Asks the counsellor before a link leaves the app; only http(s) ever reaches the OS. */
export async function confirmExternalOpen(url: string, parent: BrowserWindow | null): Promise<boolean> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  const options = {
    type: 'question' as const,
    buttons: ['열기', '취소'],
    defaultId: 1,
    cancelId: 1,
    title: '외부 링크',
    message: '이 주소를 브라우저에서 여시겠습니까?',
    detail: parsed.href,
  };
  const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  if (response !== 0) return false;
  await shell.openExternal(parsed.href);
  return true;
}

/**
 * Per-page guards: no new windows (links open in the OS browser after a confirmation), no
 * navigation away from the app, no <webview>.
 */
export function guardWebContents(
  contents: WebContents,
  allowedOrigins: readonly string[],
  parentWindow: () => BrowserWindow | null,
  log: (message: string) => void = (m) => console.warn(m),
): void {
  contents.setWindowOpenHandler(({ url }) => {
    log(`[bokji-desk] blocked window.open(${url})`);
    void confirmExternalOpen(url, parentWindow()).catch((err: unknown) => log(`[bokji-desk] external open failed: ${String(err)}`));
    return { action: 'deny' };
  });
  const blockForeign = (event: { preventDefault(): void }, url: string): void => {
    // DevTools (development only) navigate inside their own devtools:// pages.
    if (!isAllowedOrigin(url, allowedOrigins) && !url.startsWith('devtools://')) {
      event.preventDefault();
      log(`[bokji-desk] blocked navigation to ${url}`);
    }
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[bokji-desk] blocked <webview>');
  });
}
