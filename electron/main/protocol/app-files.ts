import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/** The custom scheme the packaged renderer is served from: app://bokji/index.html. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bokji';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path to a file under root, or null when the path would leave root (`..`, encoded
 * separators, absolute paths, NUL). `/` is index.html.
 */
export function resolveAppFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const clean = decoded.replace(/^\/+/, '');
  const rel = clean === '' ? 'index.html' : clean;
  if (rel.split('/').some((part) => part === '..')) return null;
  const base = resolve(root);
  const file = resolve(base, rel);
  const within = relative(base, file);
  if (within === '' || within.startsWith('..') || isAbsolute(within) || within.split(sep).includes('..')) return null;
  return file;
}

export interface AppFileResponseOptions {
  root: string;
  /** The Content-Security-Policy header sent with every response. */
  csp: string;
  /** Host the requests must name (the app's own). */
  host?: string;
}

const securityHeaders = (csp: string): Record<string, string> => ({
  'content-security-policy': csp,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
});

/**
 * The app:// protocol handler's logic, as a plain fetch-style function so it can be tested
 * without Electron. Only GET/HEAD of files under root; everything else is 4xx.
 */
export function createAppRequestHandler(options: AppFileResponseOptions): (request: Request) => Promise<Response> {
  const host = options.host ?? APP_HOST;
  return async (request) => {
    const headers = securityHeaders(options.csp);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('method not allowed', { status: 405, headers });
    }
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return new Response('bad request', { status: 400, headers });
    }
    if (url.host !== host) return new Response('not found', { status: 404, headers });
    // URL parsing folds plain `/../`; encoded separators (`..%2f`) survive it and are caught here.
    const file = resolveAppFile(options.root, url.pathname);
    if (!file) return new Response('forbidden path', { status: 403, headers });
    try {
      const info = await stat(file);
      if (!info.isFile()) return new Response('not found', { status: 404, headers });
      const body = request.method === 'HEAD' ? null : await readFile(file);
      return new Response(body, {
        status: 200,
        headers: { ...headers, 'content-type': contentTypeFor(file), 'content-length': String(info.size), 'cache-control': 'no-cache' },
      });
    } catch {
      return new Response('not found', { status: 404, headers });
    }
  };
}
