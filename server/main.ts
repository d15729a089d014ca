import { buildServer } from './app.js';
import { ConfigError, loadConfig } from './config.js';

/** `npm run server`: the central service on PORT, until SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const app = await buildServer(config);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // A stuck close must not keep the process alive forever.
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ engine: config.database.engine, demo: config.demo }, 'Bokji Desk central service ready');
}

main().catch((err: unknown) => {
  process.stderr.write(`서버를 시작할 수 없습니다 (server failed to start): ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
