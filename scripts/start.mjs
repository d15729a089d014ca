#!/usr/bin/env node
/**
 * `npm start`: one command on one machine. Unless BOKJI_SERVER_URL names a server, it starts the
 * central service locally with demo data (embedded SQLite in the user's data folder), waits for
 * it, opens the desktop on it with the demo sign-in shown, and stops the service when the
 * desktop exits. `npm start -- --preview` runs the built app (app:// protocol) instead of the
 * dev server.
 */
import { spawn } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_PORT = 8787;
export const DEMO_USERNAMES = ['counsellor1', 'counsellor2', 'counsellor3', 'counsellor4', 'supervisor1', 'admin'];
/** Only for the local demo service on loopback; a real deployment sets its own. */
export const LOCAL_WEBHOOK_SECRET = 'bokji-local-webhook-secret-0001';

/** Where the local central service keeps its embedded database, per OS convention. */
export function serverDataDir(platform = process.platform, env = process.env, home = homedir()) {
  if (env.BOKJI_DATA_DIR) return env.BOKJI_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'bokji-desk', 'server');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'bokji-desk', 'server');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'bokji-desk', 'server');
}

/** Whether a port can be bound on loopback right now. */
export function portIsFree(port, host = '127.0.0.1') {
  return new Promise((done) => {
    const srv = createServer();
    srv.once('error', () => done(false));
    srv.listen(port, host, () => srv.close(() => done(true)));
  });
}

async function anyFreePort() {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => done(port));
    });
  });
}

export async function isHealthy(url) {
  try {
    const res = await fetch(`${url}/api/v1/healthz`, { signal: AbortSignal.timeout(1500) });
    return res.ok;
  } catch {
    return false;
  }
}

/** The Electron binary is fetched lazily (electron >= 42); here we only look whether it is there. */
export function electronBinaryPresent(root = ROOT) {
  try {
    const pkgDir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    return existsSync(pathFile) && existsSync(join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
  } catch {
    return false;
  }
}

const log = (msg) => console.log(`[bokji-desk] ${msg}`);

/**
 * A stand-in for Kakao's send API on loopback, so the demo's replies to citizens count as
 * delivered (a real deployment sets KAKAO_SEND_URL to its provider bridge).
 */
function startKakaoStandIn() {
  return new Promise((done, fail) => {
    const server = createHttpServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(req.method === 'POST' ? 200 : 405, { 'content-type': 'application/json' }).end('{"ok":true}'));
    });
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      done({ url: `http://127.0.0.1:${port}/v1/send`, close: () => new Promise((r) => server.close(() => r(undefined))) });
    });
  });
}

function startCentral(port, dataDir, password, kakaoSendUrl) {
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BOKJI_DATA_DIR: dataDir,
      BOKJI_DEMO: '1',
      BOKJI_DEMO_PASSWORD: password,
      KAKAO_WEBHOOK_SECRET: process.env.KAKAO_WEBHOOK_SECRET || LOCAL_WEBHOOK_SECRET,
      ...(kakaoSendUrl ? { KAKAO_SEND_URL: kakaoSendUrl } : {}),
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
    },
  });
  return child;
}

async function waitHealthy(url, child, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    if (await isHealthy(url)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

function stop(child) {
  return new Promise((done) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** Runs Electron's own download (it needs its release host); resolves to whether the binary is there after. */
function fetchElectron() {
  return new Promise((done) => {
    const installer = join(dirname(createRequire(join(ROOT, 'package.json')).resolve('electron/package.json')), 'install.js');
    log('Electron is not downloaded yet: fetching it (first run only) …');
    const child = spawn(process.execPath, [installer], { cwd: ROOT, stdio: 'inherit' });
    child.once('exit', () => done(electronBinaryPresent()));
    child.once('error', () => done(false));
  });
}

export async function main(argv = process.argv.slice(2)) {
  const preview = argv.includes('--preview');
  const password = process.env.BOKJI_DEMO_PASSWORD || 'bokji-demo-2026';
  let serverUrl = process.env.BOKJI_SERVER_URL?.replace(/\/+$/, '');
  let server = null;
  let kakao = null;
  let demoHint = null;

  if (serverUrl) {
    log(`using the central service at ${serverUrl} (BOKJI_SERVER_URL)`);
  } else if (await isHealthy(`http://127.0.0.1:${DEFAULT_PORT}`)) {
    serverUrl = `http://127.0.0.1:${DEFAULT_PORT}`;
    log(`a central service already answers at ${serverUrl}: using it (the demo sign-in is ${DEMO_USERNAMES[0]} / ${password} if it runs with BOKJI_DEMO=1)`);
  } else {
    const port = (await portIsFree(DEFAULT_PORT)) ? DEFAULT_PORT : await anyFreePort();
    const dataDir = serverDataDir();
    serverUrl = `http://127.0.0.1:${port}`;
    log(`starting the local central service with demo data on ${serverUrl} (data: ${dataDir}) …`);
    if (!process.env.KAKAO_SEND_URL) kakao = await startKakaoStandIn();
    server = startCentral(port, dataDir, password, kakao?.url);
    if (!(await waitHealthy(serverUrl, server))) {
      await stop(server);
      await kakao?.close();
      console.error(`[bokji-desk] the central service did not come up on ${serverUrl}. Its output is above; \`npm run server\` runs it alone.`);
      return 1;
    }
    demoHint = { usernames: DEMO_USERNAMES, password };
    log(`central service ready. Demo sign-in: ${DEMO_USERNAMES[0]} / ${password}`);
  }

  if (!electronBinaryPresent() && !(await fetchElectron())) {
    await stop(server);
    await kakao?.close();
    console.error(
      [
        '',
        '[bokji-desk] Electron could not be downloaded (its binary comes from github.com/electron/electron on first run).',
        '  On a machine without that access, run the same app in a browser instead:',
        '      npm run dev:web',
        '  (it starts the central service and the desktop services and prints the URL and the demo sign-in).',
        '  Behind a proxy or mirror, set ELECTRON_MIRROR / HTTPS_PROXY and run `npm start` again.',
        '',
      ].join('\n'),
    );
    return 1;
  }

  const electronVite = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const desktop = spawn(process.execPath, [electronVite, preview ? 'preview' : 'dev'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, BOKJI_SERVER_URL: serverUrl, ...(demoHint ? { BOKJI_DEMO_HINT: JSON.stringify(demoHint) } : {}) },
  });
  const forward = (signal) => {
    desktop.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise((done) => {
    desktop.once('exit', (c, signal) => done(c ?? (signal ? 1 : 0)));
    desktop.once('error', (err) => {
      console.error(`[bokji-desk] could not launch electron-vite: ${err.message}`);
      done(1);
    });
  });
  if (server) {
    log('desktop closed: stopping the local central service …');
    await stop(server);
  }
  await kakao?.close();
  return code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error('[bokji-desk] start failed:', err);
      process.exit(1);
    },
  );
}
