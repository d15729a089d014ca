import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createCitizenSimulator, formatSummary } from './citizen-simulator.js';
import { startKakaoSink, type KakaoSink } from './sink.js';

/**
 * `npm run simulate -- [options]`: citizens writing to the KakaoTalk webhook, and optionally a
 * stand-in for Kakao's send API (--sink-port) to point KAKAO_SEND_URL at.
 */
const USAGE = `사용법: npm run simulate -- [options]
  --server URL        central service (default $BOKJI_SERVER_URL or http://127.0.0.1:8787)
  --secret S          webhook secret (default $KAKAO_WEBHOOK_SECRET)
  --citizens N        simulated citizens (default 5; 0 = run only the sink)
  --rate R            webhook requests per second (default 2)
  --messages M        stop after M citizen messages (default citizens × 3)
  --duration S        stop after S seconds (instead of, or as well as, --messages)
  --redeliver P       share of requests that redeliver an earlier event (default 0.05)
  --seed N            replay the same citizens and messages
  --end-chats         send chat_end for every citizen at the end
  --sink-port P       also run a Kakao send sink on port P (0 = any free port) until Ctrl+C
  --json              print the summary as JSON`;

const blank = (v: unknown) => (v === '' ? undefined : v);
const Options = z.object({
  server: z.url('--server must be a URL such as http://127.0.0.1:8787'),
  secret: z.string().min(1, '--secret (or KAKAO_WEBHOOK_SECRET) is required to sign webhook requests').optional(),
  citizens: z.coerce.number().int('--citizens must be a whole number').min(0).max(100_000),
  rate: z.coerce.number().positive('--rate must be a positive number of requests per second').max(100_000),
  messages: z.preprocess(blank, z.coerce.number().int().min(0).optional()),
  duration: z.preprocess(blank, z.coerce.number().positive('--duration must be a positive number of seconds').optional()),
  redeliver: z.coerce.number().min(0).max(1, '--redeliver is a share between 0 and 1'),
  seed: z.preprocess(blank, z.coerce.number().int().optional()),
  endChats: z.boolean(),
  sinkPort: z.preprocess(blank, z.coerce.number().int().min(0).max(65535).optional()),
  json: z.boolean(),
});

function readOptions(argv: string[], env: NodeJS.ProcessEnv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      server: { type: 'string' }, secret: { type: 'string' }, citizens: { type: 'string' }, rate: { type: 'string' },
      messages: { type: 'string' }, duration: { type: 'string' }, redeliver: { type: 'string' }, seed: { type: 'string' },
      'end-chats': { type: 'boolean' }, 'sink-port': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return null;
  return Options.parse({
    server: values.server ?? env.BOKJI_SERVER_URL ?? 'http://127.0.0.1:8787',
    secret: values.secret ?? blank(env.KAKAO_WEBHOOK_SECRET),
    citizens: values.citizens ?? env.SIM_CITIZENS ?? '5',
    rate: values.rate ?? env.SIM_RATE ?? '2',
    messages: values.messages ?? env.SIM_MESSAGES,
    duration: values.duration ?? env.SIM_DURATION,
    redeliver: values.redeliver ?? env.SIM_REDELIVER ?? '0.05',
    seed: values.seed ?? env.SIM_SEED,
    endChats: values['end-chats'] ?? false,
    sinkPort: values['sink-port'] ?? env.SIM_SINK_PORT,
    json: values.json ?? false,
  });
}

async function main(): Promise<number> {
  let options: z.infer<typeof Options> | null;
  try {
    options = readOptions(process.argv.slice(2), process.env);
  } catch (err) {
    const message = err instanceof z.ZodError ? err.issues.map((i) => i.message).join('\n') : (err as Error).message;
    console.error(`${message}\n\n${USAGE}`);
    return 2;
  }
  if (!options) {
    console.log(USAGE);
    return 0;
  }

  let sink: KakaoSink | null = null;
  if (options.sinkPort !== undefined) {
    sink = await startKakaoSink({ port: options.sinkPort });
    console.log(`Kakao send sink listening on ${sink.url}  (KAKAO_SEND_URL=${sink.url})`);
  }

  let code = 0;
  if (options.citizens > 0) {
    if (!options.secret) {
      console.error('--secret (or KAKAO_WEBHOOK_SECRET) is required to sign webhook requests');
      await sink?.close();
      return 2;
    }
    const simulator = createCitizenSimulator({
      serverUrl: options.server,
      secret: options.secret,
      citizens: options.citizens,
      rate: options.rate,
      ...(options.messages !== undefined ? { messages: options.messages } : {}),
      ...(options.duration !== undefined ? { durationMs: options.duration * 1000 } : {}),
      redeliverRatio: options.redeliver,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      endChats: options.endChats,
    });
    const interrupt = () => simulator.stop();
    process.once('SIGINT', interrupt);
    const summary = await simulator.run();
    process.off('SIGINT', interrupt);
    console.log(options.json ? JSON.stringify(summary) : formatSummary(summary));
    code = summary.failures + summary.rejected > 0 ? 1 : 0;
  }

  if (sink) {
    const running = sink;
    console.log('sink: waiting for replies; Ctrl+C to stop');
    let shown = 0;
    const timer = setInterval(() => {
      for (; shown < running.received.length; shown++) {
        const { message } = running.received[shown]!;
        console.log(`sink ← ${message.user_key}: ${message.message.slice(0, 80).replace(/\s+/g, ' ')}${message.buttons ? ` [${message.buttons.map((b) => b.url_mobile).join(', ')}]` : ''}`);
      }
    }, 200);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    clearInterval(timer);
    console.log(`sink: received ${running.received.length} replies (${running.uniqueSerials().size} distinct)`);
    await running.close();
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
