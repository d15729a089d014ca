import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { WorkstationPolicy } from '../../../common/desk-api/index.js';
import { WrappedKey } from './key-wrap.js';

/**
 * workstation.json: what the desk needs before anyone signs in, and nothing about citizens —
 * which replica file belongs to which account (with its wrapped key), the server URL main
 * decided, the administrator's workstation policy and the window pin.
 */
export const WORKSTATION_FILE = 'workstation.json';

export const ReplicaEntry = z.object({
  /** File name inside the data folder (random, so it says nothing about the account). */
  file: z.string().regex(/^replica-[0-9a-f]{16}\.sqlite$/),
  counsellorId: z.string().nullable(),
  wrapped: WrappedKey,
});
export type ReplicaEntry = z.infer<typeof ReplicaEntry>;

export const DEFAULT_POLICY: WorkstationPolicy = { idleLockMinutes: 10, logoutAction: 'keep' };

const Workstation = z.object({
  v: z.literal(1),
  /** This installation, sent as X-Bokji-Desk-Id and written into the access log (no personal data). */
  deskId: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/).default(() => `desk-${randomBytes(6).toString('hex')}`),
  /** The URL accepted on the first run or saved by an administrator (null until then). */
  serverUrl: z.string().nullable().default(null),
  policy: WorkstationPolicy.default(DEFAULT_POLICY),
  pinned: z.boolean().default(true),
  /** By account name, lower-cased. */
  replicas: z.record(z.string(), ReplicaEntry).default({}),
});
export type Workstation = z.infer<typeof Workstation>;

export const accountKey = (username: string): string => username.trim().toLowerCase();

export function newReplicaFileName(): string {
  return `replica-${randomBytes(8).toString('hex')}.sqlite`;
}

export async function readWorkstation(dataDir: string, onWarning?: (m: string) => void): Promise<Workstation> {
  const file = join(dataDir, WORKSTATION_FILE);
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (text === null) return Workstation.parse({ v: 1 });
  try {
    return Workstation.parse(JSON.parse(text));
  } catch (err) {
    // Without the wrapped keys the replicas cannot be opened: keep the file for an administrator.
    const aside = `${file}.invalid-${Date.now()}`;
    await rename(file, aside).catch(() => undefined);
    onWarning?.(`워크스테이션 설정 파일을 읽을 수 없어 ${aside} 로 옮겼습니다: ${(err as Error).message}`);
    return Workstation.parse({ v: 1 });
  }
}

/** Written to a temporary file and renamed, so a crash never leaves half a file (and lost keys). */
export async function writeWorkstation(dataDir: string, ws: Workstation): Promise<void> {
  const file = join(dataDir, WORKSTATION_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(ws, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, file);
}
