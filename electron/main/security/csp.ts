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

/** The production policy, sent as the response header. */
export const APP_CSP = buildCsp();

/** Directives a <meta> policy may not carry (browsers ignore them there, with a console warning). */
const HEADER_ONLY = ['frame-ancestors', 'report-uri', 'sandbox'];

/** The same policy for the <meta> tag of index.html: without the header-only directives. */
export function metaCsp(policy: string): string {
  return policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && !HEADER_ONLY.includes(d.split(/\s+/)[0] ?? ''))
    .join('; ');
}

/**
 * electron-vite's dev server (development only, never a build) needs an inline React Refresh
 * preamble, eval for its module transforms, and its HMR WebSocket on a loopback port.
 */
export function devServerCsp(): string {
  const loopback = ['http://localhost:*', 'http://127.0.0.1:*'];
  return buildCsp({
    'script-src': ["'unsafe-inline'", "'unsafe-eval'", ...loopback],
    'connect-src': [...loopback, 'ws://localhost:*', 'ws://127.0.0.1:*'],
    'style-src': loopback,
    'img-src': loopback,
    'font-src': loopback,
  });
}
