/**
 * `npm run dev:web`: the real renderer in a browser, against the real desktop services, for UI
 * work and black-box checks. Starts the local demo central service when BOKJI_SERVER_URL is not
 * set and nothing answers on the default address.
 */
import { z } from 'zod';
import { startKakaoSink, type KakaoSink } from '../../server/simulator/index.js';
import { startCentralService, isHealthy, DEMO_PASSWORD_DEFAULT, DEMO_USERNAMES, type CentralService } from './central-service.js';
import { startHarness } from './harness.js';

const Env = z.object({
  WEB_PORT: z.coerce.number().int().min(0, 'WEB_PORT must be a port number').max(65535, 'WEB_PORT must be a port number').default(5174),
  BOKJI_SERVER_URL: z.url({ protocol: /^https?$/, error: 'BOKJI_SERVER_URL must be an http(s) URL' }).optional(),
  BOKJI_DESK_DATA_DIR: z.string().min(1).optional(),
  BOKJI_DEMO_PASSWORD: z.string().min(8).optional(),
});

const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

async function main(): Promise<void> {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    process.exit(2);
  }
  const env = parsed.data;
  let central: CentralService | null = null;
  let sink: KakaoSink | null = null;
  let serverUrl = env.BOKJI_SERVER_URL ?? DEFAULT_SERVER_URL;
  let demoHint: { usernames: string[]; password: string } | null = null;

  if (!env.BOKJI_SERVER_URL && !(await isHealthy(serverUrl))) {
    console.log('[dev:web] no central service at %s: starting the local demo service …', serverUrl);
    const password = env.BOKJI_DEMO_PASSWORD ?? DEMO_PASSWORD_DEFAULT;
    // Replies "to KakaoTalk" land in a local stand-in of Kakao's send API, so they show as delivered.
    sink = await startKakaoSink({ port: 0 });
    const centralOptions = {
      demoPassword: password,
      env: { KAKAO_SEND_URL: sink.url },
      onOutput: (line: string) => console.log(`[server] ${line}`),
    };
    // The documented address first (so `npm run dev:web` and the README agree), any free port if taken.
    central = await startCentralService({ ...centralOptions, port: 8787 }).catch(() => startCentralService(centralOptions));
    serverUrl = central.url;
    demoHint = { usernames: DEMO_USERNAMES, password };
  } else if (!env.BOKJI_SERVER_URL) {
    // Something already answers on the default address: most likely `npm start` or `npm run server` with demo data.
    demoHint = { usernames: DEMO_USERNAMES, password: env.BOKJI_DEMO_PASSWORD ?? DEMO_PASSWORD_DEFAULT };
  }

  const harness = await startHarness({
    serverUrl,
    port: env.WEB_PORT,
    demoHint,
    log: (m) => console.log(m),
    ...(env.BOKJI_DESK_DATA_DIR ? { dataDir: env.BOKJI_DESK_DATA_DIR } : {}),
  });

  console.log('');
  console.log(`  복지 데스크 (browser harness): ${harness.url}`);
  console.log(`  central service:               ${serverUrl}${central ? ' (local demo, stopped with this process)' : ''}`);
  console.log(`  desk data:                     ${harness.dataDir}${env.BOKJI_DESK_DATA_DIR ? '' : ' (temporary)'}`);
  if (sink) console.log(`  Kakao send stand-in:           ${sink.url} (replies to citizens land here)`);
  if (demoHint) console.log(`  demo sign-in:                  ${demoHint.usernames[0]} / ${demoHint.password}  (also: ${demoHint.usernames.slice(1).join(', ')})`);
  console.log('  Ctrl+C to stop.');

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await harness.close().catch((err: unknown) => console.error(err));
    await central?.stop().catch((err: unknown) => console.error(err));
    await sink?.close().catch((err: unknown) => console.error(err));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error('[dev:web] could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
