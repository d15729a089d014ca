import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './renderer-build.js';

export const DEMO_PASSWORD_DEFAULT = 'bokji-demo-2026';
/** The demo seed's accounts (server/seed): shown on the login screen as the demo sign-in. */
export const DEMO_USERNAMES = ['counsellor1', 'counsellor2', 'counsellor3', 'counsellor4', 'supervisor1', 'admin'];
export const LOCAL_WEBHOOK_SECRET = 'bokji-local-webhook-secret-0001';

export interface CentralServiceOptions {
  /** Embedded SQLite folder; a fresh temporary one (removed on stop) when omitted. */
  dataDir?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  demoPassword?: string;
  /** Extra environment (KAKAO_SEND_URL, BOKJI_CTI_TOKEN, DATABASE_URL, …). */
  env?: Record<string, string>;
  /** Where the server's output goes; collected for the error message when omitted. */
  onOutput?: (line: string) => void;
  startTimeoutMs?: number;
}

export interface CentralService {
  /** Base URL without /api/v1. */
  url: string;
  port: number;
  dataDir: string;
  demoPassword: string;
  webhookSecret: string;
  process: ChildProcess;
  /** SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
}

/** A port that was free a moment ago (the server cannot report the port it picked itself). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

export async function isHealthy(url: string, timeoutMs = 1500): Promise<boolean> {
  try {
    const res = await fetch(`${url.replace(/\/+$/, '')}/api/v1/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Starts the real central service (`tsx server/main.ts`) with the demo seed on loopback and
 * waits for /api/v1/healthz. For tests, `npm run dev:web` and demos.
 */
export async function startCentralService(options: CentralServiceOptions = {}): Promise<CentralService> {
  const ownDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'bokji-central-')));
  const demoPassword = options.demoPassword ?? DEMO_PASSWORD_DEFAULT;
  const webhookSecret = options.env?.KAKAO_WEBHOOK_SECRET ?? LOCAL_WEBHOOK_SECRET;
  let lastError: Error | null = null;
  // A port picked free can be taken before the server binds it: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      const child = await launch(port, dataDir, demoPassword, webhookSecret, options);
      const url = `http://127.0.0.1:${port}`;
      return {
        url,
        port,
        dataDir,
        demoPassword,
        webhookSecret,
        process: child,
        async stop() {
          await stopChild(child);
          if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
        },
      };
    } catch (err) {
      lastError = err as Error;
      if (options.port) break;
    }
  }
  if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
  throw lastError ?? new Error('central service did not start');
}

async function launch(
  port: number,
  dataDir: string,
  demoPassword: string,
  webhookSecret: string,
  options: CentralServiceOptions,
): Promise<ChildProcess> {
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'server/main.ts')], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BOKJI_DATA_DIR: dataDir,
      BOKJI_DEMO: '1',
      BOKJI_DEMO_PASSWORD: demoPassword,
      KAKAO_WEBHOOK_SECRET: webhookSecret,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      if (options.onOutput) options.onOutput(line);
      output.push(line);
      if (output.length > 40) output.shift();
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? `code ${code}`}`;
  });
  const deadline = Date.now() + (options.startTimeoutMs ?? 90_000);
  const url = `http://127.0.0.1:${port}`;
  while (Date.now() < deadline) {
    if (exited) break;
    if (await isHealthy(url)) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  await stopChild(child);
  throw new Error(`the central service (tsx server/main.ts) did not answer ${url}/api/v1/healthz: ${exited ?? 'timed out'}\n${output.join('\n')}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
