import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { DESK_EVENT_CHANNELS, dispatchDeskCall } from '../../common/desk-api/index.js';
import { contentTypeFor, resolveAppFile } from '../../electron/main/protocol/app-files.js';
import { buildCsp, metaCsp } from '../../electron/main/security/csp.js';
import { createDeskServices } from '../../electron/services/create-desk-services.js';
import type { DeskServices, DeskServicesConfig, SecretStore } from '../../electron/services/host.js';
import { createRecordingWindowControl, type RecordingWindowControl } from './recording-window-control.js';
import { BRIDGE_SCRIPT, buildRendererForWeb } from './renderer-build.js';
import { CallFrame, DESK_SOCKET_PATH, type ServerFrame } from './ws-protocol.js';

export interface HarnessOptions {
  /** Central service base URL (without /api/v1). */
  serverUrl: string;
  /** Local data of the services; a fresh temporary folder (removed on close) when omitted. */
  dataDir?: string;
  demoHint?: DeskServicesConfig['demoHint'];
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only, by default. */
  host?: string;
  /** Test seam: another services factory (defaults to the real createDeskServices). */
  createServices?: (config: DeskServicesConfig) => DeskServices | Promise<DeskServices>;
  /** Test seam: serve this folder instead of building the renderer. */
  rendererDir?: string;
  log?: (message: string) => void;
}

export interface Harness {
  /** The page: open it in Chromium. */
  url: string;
  services: DeskServices;
  /** What the services asked of the window (pin, badge, notifications). */
  windowControl: RecordingWindowControl;
  dataDir: string;
  close(): Promise<void>;
}

const MAX_FRAME_BYTES = 1 << 20;

/** A browser page has no OS keychain to offer; the token stays in the harness's temp folder. */
const harnessSecretStore: SecretStore = { kind: 'plain', encrypt: async (plain) => plain, decrypt: async (stored) => stored };

/**
 * The browser harness (DESIGN.md §4): the real desktop services in Node, the real renderer
 * build served over loopback HTTP, and the DeskApi carried over a WebSocket on the same origin.
 */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const log = options.log ?? (() => {});
  const host = options.host ?? '127.0.0.1';
  const ownDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'bokji-harness-')));
  const rendererDir = options.rendererDir ?? (await buildRendererForWeb({ log }));
  const windowControl = createRecordingWindowControl();

  let services: DeskServices;
  try {
    services = await (options.createServices ?? createDeskServices)({
      dataDir,
      serverUrl: options.serverUrl.replace(/\/+$/, ''),
      // The harness is configured with its server, like BOKJI_SERVER_URL: main decides, not the page.
      serverUrlFixed: true,
      secretStore: harnessSecretStore,
      windowControl,
      host: 'web',
      demoHint: options.demoHint ?? null,
    });
  } catch (err) {
    if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    throw err;
  }

  let origin = '';
  let csp = '';
  const server = createServer((req, res) => {
    void serveFile(req, res, rendererDir, csp).catch((err: unknown) => {
      log(`[harness] ${req.url}: ${String(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const wss = new WebSocketServer({
    server,
    path: DESK_SOCKET_PATH,
    maxPayload: MAX_FRAME_BYTES,
    // Only our own page may drive the services: another site open in the same browser must not.
    verifyClient: ({ origin: o }: { origin: string }) => o === origin,
  });
  const sockets = new Set<WebSocket>();
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.terminate());
    socket.on('message', (data, isBinary) => {
      void handleFrame(services, isBinary ? null : data.toString(), log).then((reply) => send(socket, reply));
    });
  });
  const eventChannels = new Set(DESK_EVENT_CHANNELS);
  const unsubscribe = services.onEvent((name, payload) => {
    if (!eventChannels.has(name)) return;
    const frame: ServerFrame = { type: 'event', channel: name, payload };
    for (const s of sockets) send(s, frame);
  });

  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolveListen());
    });
  } catch (err) {
    unsubscribe();
    await services.close();
    if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  origin = `http://${host}:${port}`;
  csp = buildCsp({ 'connect-src': [`ws://${host}:${port}`] });

  let closed = false;
  return {
    url: `${origin}/`,
    services,
    windowControl,
    dataDir,
    async close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      for (const s of sockets) s.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await services.close();
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function send(socket: WebSocket, frame: ServerFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

/** One incoming frame to one reply. Whatever arrives, the answer is an envelope, never a throw. */
export async function handleFrame(services: Pick<DeskServices, 'handlers'>, text: string | null, log: (m: string) => void = () => {}): Promise<ServerFrame> {
  const bad = (message: string, id: number | null = null): ServerFrame => ({
    type: 'result',
    id,
    result: { ok: false, error: { code: 'invalid_argument', message } },
  });
  if (text === null) return bad('텍스트 JSON 프레임만 받습니다 (text JSON frames only)');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return bad('JSON이 아닙니다 (frame is not JSON)');
  }
  const frame = CallFrame.safeParse(json);
  if (!frame.success) {
    const rawId = (json as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'number' && Number.isInteger(rawId) && rawId >= 0 ? rawId : null;
    return bad(`잘못된 프레임입니다: {type:"call", id, channel, arg} (${frame.error.issues[0]?.message ?? 'invalid'})`, id);
  }
  try {
    return { type: 'result', id: frame.data.id, result: await dispatchDeskCall(services.handlers, frame.data.channel, frame.data.arg) };
  } catch (err) {
    log(`[harness] ${frame.data.channel} failed: ${String(err)}`);
    return { type: 'result', id: frame.data.id, result: { ok: false, error: { code: 'internal', message: String(err) } } };
  }
}

const harnessHeaders = (csp: string): Record<string, string> => ({
  'content-security-policy': csp,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
});

/** Static files of the build; index.html gets the bridge script ahead of the app and the harness CSP. */
async function serveFile(req: IncomingMessage, res: ServerResponse, root: string, csp: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, harnessHeaders(csp)).end();
    return;
  }
  const path = new URL(req.url ?? '/', 'http://harness').pathname;
  const file = resolveAppFile(root, path);
  if (!file) {
    res.writeHead(403, harnessHeaders(csp)).end('forbidden path');
    return;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    // The app has no favicon; answering the browser's automatic request keeps test consoles free of 404s.
    res.writeHead(path === '/favicon.ico' ? 204 : 404, harnessHeaders(csp)).end(path === '/favicon.ico' ? undefined : 'not found');
    return;
  }
  let body: Buffer = await readFile(file);
  if (file === join(root, 'index.html')) body = Buffer.from(prepareIndexHtml(body.toString('utf8'), csp), 'utf8');
  res.writeHead(200, { ...harnessHeaders(csp), 'content-type': contentTypeFor(file), 'content-length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** window.desk must exist before the app's module script runs: a classic script first in <head> does that. */
export function prepareIndexHtml(html: string, csp: string): string {
  const meta = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/i;
  const withCsp = meta.test(html) ? html.replace(meta, `<meta http-equiv="Content-Security-Policy" content="${metaCsp(csp)}" />`) : html;
  return withCsp.replace(/<head>/i, `<head>\n    <script src="/${BRIDGE_SCRIPT}"></script>`);
}
