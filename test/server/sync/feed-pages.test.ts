import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponse } from '../../../common/rest/contract.js';
import { openStore, type Store } from '../../../server/db/store.js';
import { FeedPages } from '../../../server/sync/feed-pages.js';

let dir: string;
let store: Store;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bokji-feed-pages-'));
  store = await openStore({ engine: 'sqlite', file: join(dir, 'db.sqlite') });
});

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

const ids = new Map<string, string>();
/** A stable UUID per test name. */
const uuid = (name: string) => ids.get(name) ?? (ids.set(name, randomUUID()), ids.get(name)!);
const counsellor = (name: string, extra: Record<string, unknown> = {}) => ({
  id: uuid(name), username: name, displayName: `상담원 ${name}`, role: 'counsellor', active: true, presence: 'available', presenceSince: null, ...extra,
});

describe('FeedPages', () => {
  it('serialises a page as the response schema would: valid PullResponse, unknown fields stripped', async () => {
    const before = await store.latestSeq();
    await store.write(null, async (tx) => {
      await tx.change('counsellor', uuid('fp-1'), counsellor('fp-1', { passwordHash: 'must-not-leave' }));
    });
    const pages = new FeedPages(store);
    const page = await pages.page(before, 1000);
    expect(page.json).not.toContain('must-not-leave');
    const parsed = PullResponse.parse(JSON.parse(page.json));
    expect(parsed.changes.map((c) => c.id)).toEqual([uuid('fp-1')]);
    expect(parsed.cursor).toBe(String(before + 1));
    expect(parsed.hasMore).toBe(false);
    expect(page).toMatchObject({ count: 1, firstSeq: before + 1, lastSeq: before + 1 });
  });

  it('pages with hasMore and the cursor of the last entry handed out', async () => {
    const before = await store.latestSeq();
    await store.write(null, async (tx) => {
      for (const name of ['fp-a', 'fp-b', 'fp-c']) await tx.change('counsellor', uuid(name), counsellor(name));
    });
    const page = PullResponse.parse(JSON.parse((await new FeedPages(store).page(before, 2)).json));
    expect(page.changes.map((c) => c.id)).toEqual([uuid('fp-a'), uuid('fp-b')]);
    expect(page).toMatchObject({ cursor: String(before + 2), hasMore: true });
  });

  it('reuses a page while the feed has not grown, and reads again once it has', async () => {
    const pages = new FeedPages(store);
    const cursor = await store.latestSeq();
    const first = await pages.page(cursor, 1000);
    expect(first.count).toBe(0);
    expect(await pages.page(cursor, 1000)).toBe(first);
    await store.write(null, async (tx) => {
      await tx.change('counsellor', uuid('fp-new'), counsellor('fp-new'));
    });
    const next = await pages.page(cursor, 1000);
    expect(next).not.toBe(first);
    expect(next.count).toBe(1);
  });

  it('serves the same page asked for at once by many streams with one read of the feed', async () => {
    const cursor = await store.latestSeq();
    await store.write(null, async (tx) => {
      await tx.change('counsellor', uuid('fp-herd'), counsellor('fp-herd'));
    });
    let reads = 0;
    const selectFrom = store.db.selectFrom.bind(store.db);
    const counting = Object.assign(Object.create(store.db) as typeof store.db, {
      selectFrom: ((...args: Parameters<typeof selectFrom>) => {
        reads++;
        return selectFrom(...args);
      }) as typeof selectFrom,
    });
    const herd = new FeedPages({ ...store, db: counting });
    const all = await Promise.all(Array.from({ length: 100 }, () => herd.page(cursor, 1000)));
    expect(reads).toBe(1);
    expect(new Set(all).size).toBe(1);
    expect(all[0]!.count).toBe(1);
    // Once answered, a write makes the next ask read again.
    await store.write(null, async (tx) => {
      await tx.change('counsellor', uuid('fp-herd-2'), counsellor('fp-herd-2'));
    });
    expect((await herd.page(cursor, 1000)).count).toBe(2);
    expect(reads).toBe(2);
  });

  it('does not reuse a page older than its time limit', async () => {
    let clock = 0;
    const pages = new FeedPages(store, () => clock);
    const cursor = await store.latestSeq();
    const first = await pages.page(cursor, 1000);
    clock = 999;
    expect(await pages.page(cursor, 1000)).toBe(first);
    clock = 1001;
    expect(await pages.page(cursor, 1000)).not.toBe(first);
  });
});

describe('FeedPages entry cache', () => {
  it('never serves an old text for a row that took a deleted row\'s seq', async () => {
    const pages = new FeedPages(store);
    const before = await store.latestSeq();
    await store.write(null, async (tx) => {
      await tx.change('counsellor', uuid('fp-reused'), counsellor('fp-reused', { displayName: '지워질 이름' }));
    });
    expect((await pages.page(before, 1000)).json).toContain('지워질 이름');
    // As a destruction at the head of the feed does: delete the copy, append a new entry (same seq).
    await store.write(null, async (tx) => {
      await tx.trx.deleteFrom('changes').where('seq', '>', before).execute();
      await tx.change('counsellor', uuid('fp-reused'), counsellor('fp-reused', { displayName: '새 이름' }));
    });
    const page = await pages.page(before, 1000);
    expect(page.lastSeq).toBe(before + 1);
    expect(page.json).not.toContain('지워질 이름');
    expect(page.json).toContain('새 이름');
  });
});
