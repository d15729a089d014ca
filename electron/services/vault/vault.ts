import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sqlite3 from '@journeyapps/sqlcipher';
import type { WorkstationPolicy } from '../../../common/desk-api/index.js';
import type { SecretStore } from '../host.js';
import { clearReplica } from '../replica/write.js';
import { MIGRATIONS, StoreKeyError, openStore, type Store } from '../store/index.js';
import { KeyUnavailableError, newReplicaKey, sameKey, unwrapKey, wrapKey, type SCRYPT_DEFAULTS } from './key-wrap.js';
import { secureRemoveDatabase } from './secure-remove.js';
import {
  accountKey, newReplicaFileName, readWorkstation, writeWorkstation, type ReplicaEntry, type Workstation,
} from './workstation-file.js';

/** The single plain replica of the desks before encryption (one file for whoever signed in). */
export const LEGACY_STORE_FILE = 'desk.sqlite';

export interface OpenedReplica {
  store: Store;
  key: Buffer;
  /** A plain replica was moved into this one (and removed): it is re-synced from the server. */
  migratedLegacy: boolean;
}

export interface VaultOptions {
  dataDir: string;
  secretStore: SecretStore;
  now: () => Date;
  onWarning?: (message: string) => void;
  /** Tests lower the scrypt cost; the default suits a workstation. */
  kdf?: { N: number; r: number; p: number } | typeof SCRYPT_DEFAULTS;
}

function runPlain(file: string, sql: string[]): Promise<unknown[][]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (err) => {
      if (err) return reject(err);
      const out: unknown[][] = [];
      const step = (i: number): void => {
        if (i >= sql.length) return db.close((e) => (e ? reject(e) : resolve(out)));
        db.all(sql[i]!, (e: Error | null, rows: unknown[]) => {
          if (e) return db.close(() => reject(e));
          out.push(rows);
          step(i + 1);
        });
      };
      step(0);
    });
  });
}

/**
 * The counsellors' encrypted replicas on this workstation: one SQLCipher file per account, its
 * random key wrapped by scrypt(password) and the OS (workstation.json), plus the workstation
 * settings that file holds. Keys live only in memory while a replica is open.
 */
export async function openVault(options: VaultOptions) {
  const { dataDir, secretStore } = options;
  let ws: Workstation = await readWorkstation(dataDir, options.onWarning);
  const save = async (): Promise<void> => writeWorkstation(dataDir, ws);
  // Written once at start, so a generated desk id is kept.
  await save();
  const legacyFile = join(dataDir, LEGACY_STORE_FILE);

  /** The counsellor who owns the plain replica, and whether it holds anything not on the server yet. */
  async function inspectLegacy(): Promise<{ counsellorId: string | null; pending: number } | null> {
    if (!(await stat(legacyFile).then(() => true, () => false))) return null;
    try {
      const [owner, pending] = await runPlain(legacyFile, [
        'SELECT counsellor_id FROM sync_state WHERE id = 1',
        'SELECT (SELECT count(*) FROM outbox) + (SELECT count(*) FROM drafts) + (SELECT count(*) FROM local_pending) AS n',
      ]);
      return {
        counsellorId: (owner?.[0] as { counsellor_id: string | null } | undefined)?.counsellor_id ?? null,
        pending: (pending?.[0] as { n: number } | undefined)?.n ?? 0,
      };
    } catch {
      // Not a readable plain replica (damaged): nothing can be carried over; remove it.
      return { counsellorId: null, pending: 0 };
    }
  }

  // A plain replica with nothing unsent is only a copy of the server: remove it at once. One
  // with unsent work waits for its owner's next sign-in, which moves it into their encrypted file.
  {
    const legacy = await inspectLegacy();
    if (legacy && legacy.pending === 0) {
      await secureRemoveDatabase(legacyFile);
      options.onWarning?.('암호화되지 않은 이전 로컬 데이터 파일을 안전하게 삭제했습니다. 로그인하면 서버에서 다시 동기화합니다.');
    }
  }

  /** Moves the plain replica into the new encrypted file (sqlcipher_export), then removes it. */
  async function adoptLegacy(target: string, key: Buffer, counsellorId: string): Promise<boolean> {
    const legacy = await inspectLegacy();
    if (!legacy || legacy.counsellorId !== counsellorId) return false;
    const latest = MIGRATIONS[MIGRATIONS.length - 1]!.version;
    const [version] = await runPlain(legacyFile, ['PRAGMA user_version']);
    const from = (version?.[0] as { user_version: number } | undefined)?.user_version ?? 0;
    if (from > latest) return false;
    // Created private (and empty) first: ATTACH opens it with the plain file's flags.
    await writeFile(target, '', { mode: 0o600, flag: 'wx' });
    await runPlain(legacyFile, [
      // Paths and the hex key are ours (no user text); ATTACH … KEY is SQLCipher's documented migration.
      `ATTACH DATABASE '${target.replace(/'/g, "''")}' AS encrypted KEY "x'${key.toString('hex')}'"`,
      "SELECT sqlcipher_export('encrypted')",
      `PRAGMA encrypted.user_version = ${Math.trunc(from)}`,
      'DETACH DATABASE encrypted',
    ]);
    await secureRemoveDatabase(legacyFile);
    return true;
  }

  async function open(entry: ReplicaEntry, key: Buffer): Promise<Store> {
    return openStore(join(dataDir, entry.file), { key, now: options.now, onWarning: options.onWarning });
  }

  return {
    workstation: (): Workstation => ws,
    hasReplica: (username: string): boolean => Object.hasOwn(ws.replicas, accountKey(username)),

    /**
     * Offline sign-in and the lock screen: the key of this account's replica, or null when the
     * password is wrong (or there is no replica). KeyUnavailableError when the OS layer is gone.
     */
    async unwrap(username: string, password: string): Promise<Buffer | null> {
      const entry = ws.replicas[accountKey(username)];
      if (!entry) return null;
      return unwrapKey(entry.wrapped, password, secretStore);
    },

    async checkPassword(username: string, password: string, openKey: Buffer): Promise<boolean> {
      const entry = ws.replicas[accountKey(username)];
      if (!entry) return false;
      const key = await unwrapKey(entry.wrapped, password, secretStore).catch(() => null);
      return key !== null && sameKey(key, openKey);
    },

    /** Opens the replica with a key from unwrap(). */
    async openWithKey(username: string, key: Buffer): Promise<OpenedReplica> {
      const entry = ws.replicas[accountKey(username)];
      if (!entry) throw new StoreKeyError('이 계정의 로컬 데이터가 없습니다.');
      return { store: await open(entry, key), key, migratedLegacy: false };
    },

    /**
     * After the server accepted the password: open this account's replica, creating it (and
     * carrying over a plain replica of the same counsellor) on the first sign-in. When the
     * password was changed elsewhere the old key cannot be unwrapped: that replica is wiped and a
     * fresh one synced.
     */
    async openOrCreate(username: string, password: string, counsellorId: string): Promise<OpenedReplica> {
      const name = accountKey(username);
      const existing = ws.replicas[name];
      if (existing) {
        const key = await unwrapKey(existing.wrapped, password, secretStore).catch((err: unknown) => {
          if (err instanceof KeyUnavailableError) return null;
          throw err;
        });
        if (key) {
          try {
            const store = await open(existing, key);
            if (existing.counsellorId !== counsellorId) {
              ws.replicas[name] = { ...existing, counsellorId };
              await save();
            }
            return { store, key, migratedLegacy: false };
          } catch (err) {
            if (!(err instanceof StoreKeyError)) throw err;
          }
        }
        options.onWarning?.('이 PC에 있던 로컬 데이터를 열 수 없어(비밀번호 변경 등) 삭제하고 서버에서 다시 동기화합니다.');
        await secureRemoveDatabase(join(dataDir, existing.file));
        delete ws.replicas[name];
      }
      const key = newReplicaKey();
      const entry: ReplicaEntry = { file: newReplicaFileName(), counsellorId, wrapped: await wrapKey(key, password, secretStore, options.kdf) };
      const migratedLegacy = await adoptLegacy(join(dataDir, entry.file), key, counsellorId);
      ws.replicas[name] = entry;
      await save();
      const store = await open(entry, key);
      if (migratedLegacy) {
        // Re-synced into the encrypted file: the outbox, drafts and settings come along, the
        // replica tables are fetched again.
        await store.transaction((tx) => clearReplica(tx));
      }
      return { store, key, migratedLegacy };
    },

    /** Logout with the wipe policy: the file, its WAL/journal, and its wrapped key are gone. */
    async wipe(username: string): Promise<void> {
      const name = accountKey(username);
      const entry = ws.replicas[name];
      if (!entry) return;
      delete ws.replicas[name];
      await save();
      await secureRemoveDatabase(join(dataDir, entry.file));
    },

    async setPolicy(policy: WorkstationPolicy): Promise<void> {
      ws = { ...ws, policy };
      await save();
    },
    async setServerUrl(url: string): Promise<void> {
      ws = { ...ws, serverUrl: url };
      await save();
    },
    async setPinned(pinned: boolean): Promise<void> {
      ws = { ...ws, pinned };
      await save();
    },
  };
}
export type Vault = Awaited<ReturnType<typeof openVault>>;
