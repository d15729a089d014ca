import { mkdtemp, readdir, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { MIGRATIONS, StoreKeyError, StoreOpenError, openStore, type Migration } from '../../../../electron/services/store/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bokji-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const EXPECTED_TABLES = [
  'access_events', 'call_logs', 'canned_replies', 'conflicts', 'conversations', 'counsellors', 'cti_calls', 'drafts', 'favourites',
  'local_pending', 'messages', 'outbox', 'programmes', 'read_marks', 'recents', 'session', 'settings', 'sync_state',
];

async function tableNames(file: string): Promise<string[]> {
  const store = await openStore(file);
  const rows = await store.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  await store.close();
  return rows.map((r) => r.name);
}

describe('openStore', () => {
  it('creates every table from an empty file, with WAL, foreign keys and synchronous=FULL', async () => {
    const file = join(dir, 'desk.sqlite');
    const store = await openStore(file);
    expect(store.version).toBe(MIGRATIONS.length);
    expect((await store.get<{ journal_mode: string }>('PRAGMA journal_mode'))?.journal_mode).toBe('wal');
    expect((await store.get<{ foreign_keys: number }>('PRAGMA foreign_keys'))?.foreign_keys).toBe(1);
    expect((await store.get<{ synchronous: number }>('PRAGMA synchronous'))?.synchronous).toBe(2);
    expect((await store.get<{ user_version: number }>('PRAGMA user_version'))?.user_version).toBe(MIGRATIONS.length);
    await store.close();
    expect(await tableNames(file)).toEqual(EXPECTED_TABLES);
  });

  it('numbers migrations 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it.each(MIGRATIONS.map((_, k) => k))('upgrades a store built with the first %i migrations and keeps its rows', async (k) => {
    const file = join(dir, `v${k}.sqlite`);
    const early = await openStore(file, { migrations: MIGRATIONS.slice(0, k) });
    expect(early.version).toBe(k);
    if (k >= 1) await early.run("INSERT INTO settings (key, value) VALUES ('probe', '\"kept\"')");
    await early.close();
    const store = await openStore(file);
    expect(store.version).toBe(MIGRATIONS.length);
    if (k >= 1) expect((await store.get<{ value: string }>("SELECT value FROM settings WHERE key = 'probe'"))?.value).toBe('"kept"');
    await store.close();
    expect(await tableNames(file)).toEqual(EXPECTED_TABLES);
  });

  it('reopening an up-to-date store runs nothing again', async () => {
    const file = join(dir, 'desk.sqlite');
    await (await openStore(file)).close();
    let ran = 0;
    const counting: Migration[] = MIGRATIONS.map((m) => ({ ...m, up: async (tx) => { ran += 1; await m.up(tx); } }));
    const store = await openStore(file, { migrations: counting });
    expect(ran).toBe(0);
    await store.close();
  });

  it('a failing migration rolls back and leaves the previous version', async () => {
    const file = join(dir, 'desk.sqlite');
    const broken: Migration = { version: MIGRATIONS.length + 1, name: 'broken', up: async (tx) => {
      await tx.exec('CREATE TABLE half_done (x INTEGER)');
      await tx.exec('THIS IS NOT SQL');
    } };
    await expect(openStore(file, { migrations: [...MIGRATIONS, broken] })).rejects.toThrow(/마이그레이션 2 \(broken\)|broken/);
    const store = await openStore(file);
    expect(store.version).toBe(MIGRATIONS.length);
    expect(await store.get("SELECT name FROM sqlite_master WHERE name = 'half_done'")).toBeUndefined();
    await store.close();
  });

  it('refuses a store written by a newer app with a clear error, without moving it', async () => {
    const file = join(dir, 'desk.sqlite');
    const s = await openStore(file);
    await s.exec('PRAGMA user_version = 99');
    await s.close();
    await expect(openStore(file)).rejects.toBeInstanceOf(StoreOpenError);
    await expect(openStore(file)).rejects.toThrow(/newer/);
    expect((await readdir(dir)).some((f) => f.includes('corrupt'))).toBe(false);
  });

  it('moves a corrupt file aside with a timestamp, warns, and starts fresh', async () => {
    const file = join(dir, 'desk.sqlite');
    const garbage = Buffer.from('this is not a database '.repeat(200));
    await writeFile(file, garbage);
    const warnings: string[] = [];
    const store = await openStore(file, { onWarning: (w) => warnings.push(w), now: () => new Date('2026-01-02T03:04:05Z') });
    expect(store.version).toBe(MIGRATIONS.length);
    await store.close();
    const aside = (await readdir(dir)).filter((f) => f.startsWith('desk.sqlite.corrupt-2026-01-02T03-04-05'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, aside[0]!))).toEqual(garbage);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(aside[0]);
  });

  it('moves aside a real database whose pages were damaged', async () => {
    const file = join(dir, 'desk.sqlite');
    const s = await openStore(file);
    await s.transaction(async (tx) => {
      for (let i = 0; i < 300; i += 1) await tx.run('INSERT INTO settings (key, value) VALUES (?, ?)', [`k${i}`, 'x'.repeat(200)]);
    });
    await s.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    await s.close();
    const bytes = await readFile(file);
    // Keep the header (first page) intact and scribble over the b-tree pages behind it.
    for (let i = 4096; i < bytes.length; i += 7) bytes[i] = 0xa5;
    await writeFile(file, bytes);
    const warnings: string[] = [];
    const store = await openStore(file, { onWarning: (w) => warnings.push(w) });
    expect(warnings).toHaveLength(1);
    expect(await store.get<{ n: number }>('SELECT count(*) AS n FROM settings')).toEqual({ n: 0 });
    await store.close();
  });

  it('serialises transactions: a statement issued meanwhile does not land inside a rolled-back transaction', async () => {
    const store = await openStore(join(dir, 'desk.sqlite'));
    const failing = store.transaction(async (tx) => {
      await tx.run("INSERT INTO settings (key, value) VALUES ('a', '1')");
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('boom');
    });
    const outside = store.run("INSERT INTO settings (key, value) VALUES ('b', '2')");
    await expect(failing).rejects.toThrow('boom');
    await outside;
    expect(await store.all<{ key: string }>('SELECT key FROM settings ORDER BY key')).toEqual([{ key: 'b' }]);
    await store.close();
    await expect(store.get('SELECT 1')).rejects.toThrow(/closed/);
  });

  it('with a key the file, its WAL and its journal hold no plain text, and another key cannot open it', async () => {
    const file = join(dir, 'replica.sqlite');
    const key = randomBytes(32);
    const store = await openStore(file, { key });
    await store.run("INSERT INTO settings (key, value) VALUES ('citizen', ?)", [JSON.stringify('정영희 010-2345-6789')]);
    // Read while the write still sits in the WAL (no checkpoint yet).
    const files = (await readdir(dir)).filter((f) => f.startsWith('replica.sqlite'));
    expect(files).toContain('replica.sqlite-wal');
    for (const f of files) {
      const bytes = await readFile(join(dir, f));
      expect(bytes.includes(Buffer.from('정영희')), f).toBe(false);
      expect(bytes.includes(Buffer.from('SQLite format 3')), f).toBe(false);
    }
    await store.close();
    await expect(openStore(file, { key: randomBytes(32) })).rejects.toBeInstanceOf(StoreKeyError);
    // A wrong key is never mistaken for damage: the file stays where it is.
    expect((await readdir(dir)).filter((f) => f.includes('corrupt'))).toEqual([]);
    const again = await openStore(file, { key });
    expect(await again.get<{ value: string }>("SELECT value FROM settings WHERE key = 'citizen'")).toEqual({ value: JSON.stringify('정영희 010-2345-6789') });
    await again.close();
  });
});
