/**
 * The Content-Security-Policy of the window. The same policy is sent as a response header by the
 * app:// protocol handler and the browser harness, and written as a <meta> tag in
 * renderer/index.html, so a renderer bug cannot load code or data from anywhere but the app.
 *
 * - style-src 'unsafe-inline': Mantine (Emotion-free since v7, but still) sets inline style
 *   attributes and injects <style> for CSS variables.
 * - img-src https:: citizens' KakaoTalk image messages arrive as https URLs.
 * - font-src data:: Vite inlines small font subsets as data URIs.
 * - connect-src 'self': the renderer talks to the desktop through window.desk only; the browser
 *   harness widens this to its own WebSocket.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:', 'https:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'media-src': ["'self'", 'data:'],
  'worker-src': ["'self'", 'blob:'],
  'manifest-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
  'frame-src': ["'none'"],
  'object-src': ["'none'"],
};

/** Serialises the policy, with extra sources per directive (the harness adds its WebSocket). */
export function buildCsp(extra: Readonly<Record<string, readonly string[]>> = {}): string {
  const names = new Set([...Object.keys(CSP_DIRECTIVES), ...Object.keys(extra)]);
  return [...names]
    .map((name) => {
      const sources = [...(CSP_DIRECTIVES[name] ?? []), ...(extra[name] ?? [])];
      return `${name} ${[...new Set(sources)].join(' ')}`;
    })
    .join('; ');
}

/** The production policy, as written into renderer/index.html. */
export const APP_CSP = buildCsp();

/**
 * electron-vite's dev server needs an inline React Refresh preamble, eval for source maps and its
 * HMR WebSocket; used only when the window loads the dev server URL (never in a build).
 */
export function devServerCsp(devOrigin: string): string {
  const ws = devOrigin.replace(/^http/, 'ws');
  return buildCsp({
    'script-src': ["'unsafe-inline'", "'unsafe-eval'", devOrigin],
    'connect-src': [devOrigin, ws],
    'style-src': [devOrigin],
    'img-src': [devOrigin],
    'font-src': [devOrigin],
  });
}
