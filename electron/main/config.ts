import { join } from 'node:path';
import { z } from 'zod';
import { checkServerUrl } from '../services/session/server-url.js';

/** What the desktop reads from its environment; `npm start` (scripts/start.mjs) sets these. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

const DemoHint = z.object({
  usernames: z.array(z.string().min(1)).min(1),
  password: z.string().min(1),
});

const Env = z.object({
  BOKJI_SERVER_URL: z
    .string()
    .superRefine((v, ctx) => {
      const check = checkServerUrl(v);
      if (!check.ok) ctx.addIssue({ code: 'custom', message: `BOKJI_SERVER_URL must be https:// (http:// only on loopback, e.g. http://127.0.0.1:8787): ${check.message}` });
    })
    .optional(),
  BOKJI_DEMO_HINT: z.string().optional(),
  BOKJI_DESK_DATA_DIR: z.string().min(1).optional(),
  ELECTRON_RENDERER_URL: z.url({ protocol: /^https?$/, error: 'ELECTRON_RENDERER_URL must be the http:// URL of the dev server' }).optional(),
});

export interface DesktopConfig {
  serverUrl: string;
  /** BOKJI_SERVER_URL was given: main uses it and the login screen cannot propose another. */
  serverUrlFixed: boolean;
  dataDir: string;
  demoHint: { usernames: string[]; password: string } | null;
  /** The electron-vite dev server, in development only; the build is served from app://. */
  devServerUrl: string | null;
}

export class ConfigError extends Error {}

/**
 * Parses the environment. A wrong value stops the start with a message that names the variable
 * (silently falling back would connect a counsellor to the wrong server).
 */
export function readDesktopConfig(env: Record<string, string | undefined>, userDataDir: string, isPackaged: boolean): DesktopConfig {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  const e = parsed.data;
  let demoHint: DesktopConfig['demoHint'] = null;
  if (e.BOKJI_DEMO_HINT) {
    let json: unknown;
    try {
      json = JSON.parse(e.BOKJI_DEMO_HINT);
    } catch {
      throw new ConfigError('BOKJI_DEMO_HINT must be JSON: {"usernames":["counsellor1"],"password":"…"}');
    }
    const hint = DemoHint.safeParse(json);
    if (!hint.success) throw new ConfigError('BOKJI_DEMO_HINT must be JSON: {"usernames":["counsellor1"],"password":"…"}');
    demoHint = hint.data;
  }
  return {
    serverUrl: e.BOKJI_SERVER_URL ? (checkServerUrl(e.BOKJI_SERVER_URL) as { url: string }).url : DEFAULT_SERVER_URL,
    serverUrlFixed: e.BOKJI_SERVER_URL !== undefined,
    dataDir: e.BOKJI_DESK_DATA_DIR ?? join(userDataDir, 'desk'),
    demoHint,
    // A packaged app never loads a URL from its environment.
    devServerUrl: isPackaged ? null : (e.ELECTRON_RENDERER_URL ?? null),
  };
}
