import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CentralService, freePort, startCentralService } from '../../harness/central-service.js';

/** The real central service on a fixed port and data folder, so it can be killed -9 and started again. */
export async function startRestartableServer(extraEnv: Record<string, string> = {}) {
  // Tests sign in many times a minute; the login limit is for people.
  const env = { BOKJI_LOGIN_RATE_PER_MIN: '1000', ...extraEnv };
  const dataDir = await mkdtemp(join(tmpdir(), 'bokji-rel-server-'));
  const port = await freePort();
  let current: CentralService = await startCentralService({ dataDir, port, env });
  let kills = 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get demoPassword() {
      return current.demoPassword;
    },
    get kills() {
      return kills;
    },
    /** SIGKILL: no shutdown hooks, no flush: whatever the server acknowledged must already be durable. */
    async kill9(): Promise<void> {
      const child = current.process;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGKILL');
      await exited;
      kills += 1;
    },
    async restart(): Promise<void> {
      current = await startCentralService({ dataDir, port, env });
    },
    async stop(): Promise<void> {
      await current.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
export type RestartableServer = Awaited<ReturnType<typeof startRestartableServer>>;
