import { open, stat, unlink } from 'node:fs/promises';
import { randomFillSync } from 'node:crypto';

/** The companions SQLite (and SQLCipher) may leave beside a database file. */
export const DB_COMPANIONS = ['', '-wal', '-shm', '-journal'] as const;

/**
 * Overwrites a file with random bytes, flushes it to disk and unlinks it. On a journaling file
 * system or an SSD the old blocks may survive elsewhere, which is why replicas are encrypted in
 * the first place; this removes the readable copy a plain (pre-encryption) replica left behind.
 */
export async function secureRemove(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => null);
  if (!info) return false;
  const handle = await open(file, 'r+');
  try {
    const chunk = Buffer.alloc(64 * 1024);
    for (let pos = 0; pos < info.size; pos += chunk.length) {
      const n = Math.min(chunk.length, info.size - pos);
      randomFillSync(chunk, 0, n);
      await handle.write(chunk, 0, n, pos);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  await unlink(file);
  return true;
}

/** A database file and its WAL, shared-memory and journal files. */
export async function secureRemoveDatabase(file: string): Promise<void> {
  for (const suffix of DB_COMPANIONS) await secureRemove(`${file}${suffix}`);
}
