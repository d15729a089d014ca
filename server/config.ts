import path from 'node:path';
import { z } from 'zod';

/** Environment switches: "1"/"true"/"yes" turn a flag on; anything else (or unset) is off. */
const flag = z
  .string()
  .optional()
  .transform((v) => v !== undefined && ['1', 'true', 'yes', 'on'].includes(v.trim().toLowerCase()));

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const EnvSchema = z.object({
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int('PORT must be an integer').min(0).max(65535).default(8787)),
  HOST: z.preprocess(blankToUndefined, z.string().min(1).default('127.0.0.1')),
  BOKJI_DATA_DIR: z.preprocess(blankToUndefined, z.string().min(1).default('./.data/server')),
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// (unset it to use the embedded SQLite)')
      .optional(),
  ),
  /** Schema (search_path) to use inside the PostgreSQL database; tests isolate themselves with it. */
  BOKJI_PG_SCHEMA: z.preprocess(
    blankToUndefined,
    z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'BOKJI_PG_SCHEMA must be a lower-case SQL identifier').optional(),
  ),
  BOKJI_DEMO: flag,
  BOKJI_DEMO_PASSWORD: z.preprocess(
    blankToUndefined,
    z.string().min(8, 'BOKJI_DEMO_PASSWORD must have at least 8 characters').default('bokji-demo-2026'),
  ),
  KAKAO_WEBHOOK_SECRET: z.preprocess(
    blankToUndefined,
    z.string().min(16, 'KAKAO_WEBHOOK_SECRET must have at least 16 characters').optional(),
  ),
  KAKAO_SEND_URL: z.preprocess(blankToUndefined, z.url('KAKAO_SEND_URL must be an http(s) URL').optional()),
  KAKAO_SENDER_KEY: z.preprocess(blankToUndefined, z.string().min(1).default('bokji-demo-sender')),
  BOKJI_CTI_TOKEN: z.preprocess(
    blankToUndefined,
    z.string().min(16, 'BOKJI_CTI_TOKEN must have at least 16 characters').optional(),
  ),
  BOKJI_TOKEN_TTL_HOURS: z.preprocess(
    blankToUndefined,
    z.coerce.number().positive('BOKJI_TOKEN_TTL_HOURS must be a positive number of hours').max(24 * 90).default(12),
  ),
  /** Requests per minute per signed-in counsellor (or per IP before sign-in) on ordinary routes. */
  BOKJI_RATE_LIMIT_PER_MIN: z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(6000)),
  /** Login attempts per minute per IP and user name. */
  BOKJI_LOGIN_RATE_PER_MIN: z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(10)),
  /** A token unused this many minutes expires (besides its absolute lifetime). */
  BOKJI_IDLE_TIMEOUT_MIN: z.preprocess(blankToUndefined, z.coerce.number().int().positive('BOKJI_IDLE_TIMEOUT_MIN must be a positive number of minutes').max(24 * 60).default(30)),
  /** Consecutive failed logins that lock an account. */
  BOKJI_LOCKOUT_THRESHOLD: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100).default(5)),
  BOKJI_LOCKOUT_MINUTES: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(24 * 60).default(30)),
  /** Failed authentications (bad tokens, bad CTI tokens, wrong passwords) per minute per IP before 429. */
  BOKJI_AUTH_FAILURES_PER_MIN: z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(30)),
  BOKJI_RETENTION_YEARS_CALL_LOGS: z.preprocess(blankToUndefined, z.coerce.number().positive().max(100).default(3)),
  BOKJI_RETENTION_YEARS_CONVERSATIONS: z.preprocess(blankToUndefined, z.coerce.number().positive().max(100).default(3)),
  /** 접속기록 is kept at least 1 year (고시 제8조: 1 year, 2 for large or sensitive systems). */
  BOKJI_RETENTION_YEARS_ACCESS_LOG: z.preprocess(
    blankToUndefined,
    z.coerce.number().min(1, 'BOKJI_RETENTION_YEARS_ACCESS_LOG must be at least 1 (접속기록은 1년 이상 보관)').max(100).default(2),
  ),
  /** PEM files: with both set the service speaks HTTPS only (and sends HSTS). */
  BOKJI_TLS_CERT: z.preprocess(blankToUndefined, z.string().optional()),
  BOKJI_TLS_KEY: z.preprocess(blankToUndefined, z.string().optional()),
  /** Behind a reverse proxy: "true" or its addresses (comma-separated), so the access log records the client's IP. */
  BOKJI_TRUST_PROXY: z.preprocess(blankToUndefined, z.string().optional()),
  BOKJI_SSE_HEARTBEAT_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(100).default(15_000)),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

export type DatabaseConfig =
  | { engine: 'sqlite'; file: string }
  | { engine: 'postgres'; url: string; schema: string | null };

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  demo: boolean;
  demoPassword: string;
  kakao: { webhookSecret: string | null; sendUrl: string | null; senderKey: string };
  ctiToken: string | null;
  tokenTtlHours: number;
  rateLimitPerMinute: number;
  loginRatePerMinute: number;
  sseHeartbeatMs: number;
  idleTimeoutMinutes: number;
  lockout: { threshold: number; minutes: number };
  authFailuresPerMinute: number;
  retentionYears: { callLogs: number; conversations: number; accessLog: number };
  tls: { certFile: string; keyFile: string } | null;
  trustProxy: boolean | string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Where the demo catalogue is read from (resources/catalogue/demo-programmes.json). */
  demoCatalogueFile: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`서버 설정 오류 / invalid server configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function trustProxyOf(v: string | undefined): boolean | string[] {
  if (v === undefined) return false;
  const t = v.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(t)) return true;
  if (['0', 'false', 'no', 'off'].includes(t)) return false;
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  if (!!e.BOKJI_TLS_CERT !== !!e.BOKJI_TLS_KEY) {
    throw new ConfigError(['BOKJI_TLS_CERT and BOKJI_TLS_KEY: set both (PEM certificate and key) or neither']);
  }
  const dataDir = path.resolve(cwd, e.BOKJI_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { engine: 'postgres', url: e.DATABASE_URL, schema: e.BOKJI_PG_SCHEMA ?? null }
      : { engine: 'sqlite', file: path.join(dataDir, 'bokji.sqlite') },
    demo: e.BOKJI_DEMO,
    demoPassword: e.BOKJI_DEMO_PASSWORD,
    kakao: {
      webhookSecret: e.KAKAO_WEBHOOK_SECRET ?? null,
      sendUrl: e.KAKAO_SEND_URL ?? null,
      senderKey: e.KAKAO_SENDER_KEY,
    },
    ctiToken: e.BOKJI_CTI_TOKEN ?? null,
    tokenTtlHours: e.BOKJI_TOKEN_TTL_HOURS,
    rateLimitPerMinute: e.BOKJI_RATE_LIMIT_PER_MIN,
    loginRatePerMinute: e.BOKJI_LOGIN_RATE_PER_MIN,
    sseHeartbeatMs: e.BOKJI_SSE_HEARTBEAT_MS,
    idleTimeoutMinutes: e.BOKJI_IDLE_TIMEOUT_MIN,
    lockout: { threshold: e.BOKJI_LOCKOUT_THRESHOLD, minutes: e.BOKJI_LOCKOUT_MINUTES },
    authFailuresPerMinute: e.BOKJI_AUTH_FAILURES_PER_MIN,
    retentionYears: {
      callLogs: e.BOKJI_RETENTION_YEARS_CALL_LOGS,
      conversations: e.BOKJI_RETENTION_YEARS_CONVERSATIONS,
      accessLog: e.BOKJI_RETENTION_YEARS_ACCESS_LOG,
    },
    tls: e.BOKJI_TLS_CERT && e.BOKJI_TLS_KEY ? { certFile: path.resolve(cwd, e.BOKJI_TLS_CERT), keyFile: path.resolve(cwd, e.BOKJI_TLS_KEY) } : null,
    trustProxy: trustProxyOf(e.BOKJI_TRUST_PROXY),
    logLevel: e.LOG_LEVEL,
    demoCatalogueFile: path.resolve(cwd, 'resources/catalogue/demo-programmes.json'),
  };
}
