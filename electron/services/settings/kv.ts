import type { z } from 'zod';
import type { StoreTx } from '../store/index.js';

/** A JSON value in the settings table, validated on the way out (an old or hand-edited row falls back). */
export async function readSetting<S extends z.ZodType>(db: StoreTx, key: string, schema: S): Promise<z.output<S> | null> {
  const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]);
  if (!row) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeSetting(db: StoreTx, key: string, value: unknown): Promise<void> {
  await db.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
    key,
    JSON.stringify(value),
  ]);
}
