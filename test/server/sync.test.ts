import { randomUUID } from 'node:crypto';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { Change } from '../../common/domain/index.js';
import { PullResponse, SYNC_POKE_CARRY_MAX_BYTES, SYNC_POKE_CARRY_MAX_CHANGE_BYTES, SYNC_POKE_CARRY_MAX_CHANGES, SyncPoke } from '../../common/rest/contract.js';
import { systemMessage } from '../../server/db/conversations.js';
import { startServer, ENGINES, isProblem, type TestServer } from './helpers.js';

/** Opens the SSE stream and collects its events until stopped. */
async function openEvents(s: TestServer, token: string, lastEventId?: string) {
  const controller = new AbortController();
  const res = await fetch(s.api('/events'), {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    signal: controller.signal,
  });
  const events: EventSourceMessage[] = [];
  const comments: string[] = [];
  const waiters: (() => void)[] = [];
  const parser = createParser({
    onEvent: (e) => {
      events.push(e);
      waiters.splice(0).forEach((w) => w());
    },
    onComment: (c) => {
      comments.push(c);
      waiters.splice(0).forEach((w) => w());
    },
  });
  const reading = (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
    } catch {
      // aborted
    }
  })();
  const waitFor = async (pred: () => boolean, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  };
  return {
    res,
    events,
    comments,
    waitFor,
    /** Resolves when the response body ends (or the read is aborted). */
    done: reading,
    async close() {
      controller.abort();
      await reading;
    },
  };
}

describe.each(ENGINES)('change feed and SSE (%s)', (engine) => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    s = await startServer(engine, { env: { BOKJI_SSE_HEARTBEAT_MS: '200' } });
    token = await s.login('counsellor1');
  });
  afterAll(async () => {
    await s?.close();
  });

  const pullAll = async (from = '0', limit = 100) => {
    const changes: Change[] = [];
    let cursor = from;
    let pages = 0;
    for (;;) {
      const r = await s.call('GET', `/sync/pull?cursor=${cursor}&limit=${limit}`, { token });
      expect(r.status).toBe(200);
      const page = PullResponse.parse(r.body);
      changes.push(...page.changes);
      cursor = page.cursor;
      pages++;
      if (!page.hasMore) break;
    }
    return { changes, cursor, pages };
  };

  it('pulls the whole feed in pages, gap-free and in order, every change a valid record', async () => {
    const { changes, cursor, pages } = await pullAll('0', 37);
    expect(pages).toBeGreaterThan(1);
    expect(changes.map((c) => c.seq)).toEqual(changes.map((_, i) => i + 1));
    expect(cursor).toBe(String(changes.length));
    const entities = new Set(changes.map((c) => c.entity));
    for (const e of ['counsellor', 'conversation', 'message', 'cannedReply']) expect(entities.has(e as Change['entity'])).toBe(true);
    // Nothing after the end.
    const tail = PullResponse.parse((await s.call('GET', `/sync/pull?cursor=${cursor}`, { token })).body);
    expect(tail).toEqual({ changes: [], cursor, hasMore: false });
  });

  it('rejects a bad cursor or limit with 400', async () => {
    expect((await s.call('GET', '/sync/pull?cursor=-1', { token })).status).toBe(400);
    expect((await s.call('GET', '/sync/pull?limit=0', { token })).status).toBe(400);
    expect((await s.call('GET', '/sync/pull?cursor=abc', { token })).status).toBe(400);
    // Beyond any seq the feed can hold (PostgreSQL bigint): was a 500 there.
    for (const cursor of ['99999999999999999999', '9'.repeat(400)]) {
      const r = await s.call('GET', `/sync/pull?cursor=${cursor}`, { token });
      expect(isProblem(r, 400), r.text).toBe(true);
      expect((r.body as { detail: string }).detail).toContain('cursor');
    }
  });

  it('concurrent writers never let a cursor skip a late-committing row', async () => {
    const store = s.app.store;
    const start = await store.latestSeq();
    const writers = 8;
    const perWriter = 15;
    const written = new Set<string>();
    let done = false;
    const writer = async (w: number) => {
      for (let i = 0; i < perWriter; i++) {
        const id = randomUUID();
        await store.write(null, async (tx) => {
          await tx.change('cannedReply', id, null);
          // Commit late: the seq is taken, the transaction lingers.
          await new Promise((r) => setTimeout(r, (w * 7 + i * 3) % 5));
          await tx.change('cannedReply', id, null);
        });
        written.add(id);
      }
    };
    const seen: Change[] = [];
    const reader = async () => {
      let cursor = String(start);
      for (;;) {
        const finished = done;
        const page = PullResponse.parse((await s.call('GET', `/sync/pull?cursor=${cursor}&limit=7`, { token })).body);
        seen.push(...page.changes);
        cursor = page.cursor;
        if (finished && !page.hasMore) break;
      }
    };
    const readerRun = reader();
    await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
    done = true;
    await readerRun;
    const seqs = seen.map((c) => c.seq);
    expect(seqs).toEqual(Array.from({ length: writers * perWriter * 2 }, (_, i) => start + i + 1));
    const ids = seen.map((c) => c.id);
    expect(new Set(ids)).toEqual(written);
    // Each record's two changes are adjacent: transactions did not interleave in the feed.
    for (let i = 0; i < ids.length; i += 2) expect(ids[i]).toBe(ids[i + 1]);
  });

  it('SSE: pokes with id = seq after a write, heartbeats, and resumes from Last-Event-ID', async () => {
    // A desk connecting while its counsellor is 오프라인 makes them 상담 가능 (a feed change, issue 15):
    // be 상담 가능 already, so that the only change below is the note.
    expect((await s.call('PUT', '/me/presence', { token, body: { status: 'available' } })).status).toBe(200);
    const latest = await s.app.store.latestSeq();
    const stream = await openEvents(s, token, String(latest));
    expect(stream.res.headers.get('content-type')).toContain('text/event-stream');
    await stream.waitFor(() => stream.comments.some((c) => c.includes('heartbeat')), 'a heartbeat');
    expect(stream.events).toHaveLength(0);
    const conv = (await s.call('GET', '/conversations?limit=1', { token })).body as { items: { id: string }[] };
    const note = await s.call('POST', `/conversations/${conv.items[0]!.id}/messages`, {
      token,
      body: { id: randomUUID(), direction: 'note', body: '알림 테스트' },
    });
    expect(note.status).toBe(201);
    const after = await s.app.store.latestSeq();
    await stream.waitFor(() => stream.events.some((e) => Number(e.id) === after), 'a poke');
    const poke = stream.events.find((e) => Number(e.id) === after)!;
    expect(poke.event).toBe('change');
    // The note and its conversation are small: they ride in the event, exactly as the pull has them.
    const carried = SyncPoke.parse(JSON.parse(poke.data));
    expect(carried).toMatchObject({ seq: after, after: latest });
    const pulled = PullResponse.parse((await s.call('GET', `/sync/pull?cursor=${latest}`, { token })).body);
    expect(carried.changes).toEqual(pulled.changes);
    await stream.close();

    // Reconnect with an older Last-Event-ID: a poke arrives at once.
    const resumed = await openEvents(s, token, String(latest));
    await resumed.waitFor(() => resumed.events.length > 0, 'the resume poke');
    expect(Number(resumed.events[0]!.id)).toBe(after);
    await resumed.close();

    // Up to date: no poke.
    const current = await openEvents(s, token, String(after));
    await current.waitFor(() => current.comments.some((c) => c.includes('heartbeat')), 'a heartbeat');
    expect(current.events).toHaveLength(0);
    await current.close();
  });

  /** A canned reply as the feed carries it (written straight into the feed, one transaction). */
  const cannedReply = (body: string) => ({
    id: randomUUID(), title: '상용구', body, shortcut: null, updatedAt: new Date().toISOString(), version: 1,
  });
  const writeFeed = (records: ({ id: string } | string)[]) =>
    s.app.store.write(null, async (tx) => {
      for (const r of records) await tx.change('cannedReply', typeof r === 'string' ? r : r.id, typeof r === 'string' ? null : r);
    });
  const accessEntries = (recordId: string) =>
    s.app.store.db.selectFrom('access_log').select(['actor_name', 'action', 'entity', 'rows']).where('record_id', '=', recordId).execute();

  it('SSE: carries a small write with its access-log entry; a write over 4 KiB or over one page is a plain poke', async () => {
    const start = await s.app.store.latestSeq();
    const stream = await openEvents(s, token, String(start));
    const next = async (what: string) => {
      const seen = stream.events.length;
      await stream.waitFor(() => stream.events.length > seen, what);
      return { id: Number(stream.events.at(-1)!.id), body: SyncPoke.parse(JSON.parse(stream.events.at(-1)!.data)) };
    };
    // Presence or other feed news may arrive first: start from a quiet stream.
    await new Promise((r) => setTimeout(r, 300));

    const small = cannedReply('작은 변경');
    let from = await s.app.store.latestSeq();
    let waiting = next('the carried change');
    await writeFeed([small]);
    let ev = await waiting;
    expect(ev.body.after).toBe(from);
    expect(ev.body.changes?.map((c) => c.id)).toEqual([small.id]);
    expect(ev.id).toBe(ev.body.seq);
    const firstCarriedSeq = ev.body.seq;
    // Handing records out is logged as a pull would be (the entry is written before the event).
    expect(await accessEntries(`${from}..${ev.body.seq}`)).toEqual([{ actor_name: expect.any(String), action: 'list', entity: 'changes', rows: 1 }]);

    // A record of 1,500 Hangul characters (3 bytes each in UTF-8): one change over 4 KiB, a plain poke.
    from = await s.app.store.latestSeq();
    waiting = next('the plain poke for a big change');
    // (A canned reply holds at most 1,000 characters: a message of 1,500, as a system message is.)
    const long = systemMessage(randomUUID(), '가'.repeat(1500), null, new Date().toISOString());
    await s.app.store.write(null, (tx) => tx.change('message', long.id, long));
    ev = await waiting;
    expect(ev.body).toEqual({ seq: from + 1 });
    const bigPage = PullResponse.parse((await s.call('GET', `/sync/pull?cursor=${from}`, { token })).body);
    expect(Buffer.byteLength(JSON.stringify(bigPage.changes[0]))).toBeGreaterThan(SYNC_POKE_CARRY_MAX_CHANGE_BYTES);

    // Eleven records of 1,000 (about 3 KiB each, small): over 32 KiB together, a plain poke too.
    from = await s.app.store.latestSeq();
    waiting = next('the plain poke for a big write');
    await writeFeed(Array.from({ length: 11 }, () => cannedReply('나'.repeat(1000))));
    ev = await waiting;
    expect(ev.body).toEqual({ seq: from + 11 });
    expect(Buffer.byteLength((await s.call('GET', `/sync/pull?cursor=${from}`, { token })).text)).toBeGreaterThan(SYNC_POKE_CARRY_MAX_BYTES);

    // Small records but more than one page of them: a plain poke too.
    from = await s.app.store.latestSeq();
    waiting = next('the plain poke for many changes');
    await writeFeed(Array.from({ length: SYNC_POKE_CARRY_MAX_CHANGES + 1 }, () => randomUUID()));
    ev = await waiting;
    expect(ev.body).toEqual({ seq: from + SYNC_POKE_CARRY_MAX_CHANGES + 1 });

    // And after a plain poke the next small write is carried from the seq that poke told.
    from = await s.app.store.latestSeq();
    waiting = next('carried after the plain poke');
    await writeFeed([randomUUID()]);
    ev = await waiting;
    expect(ev.body).toMatchObject({ seq: from + 1, after: from });
    // Within the stream's log window a carried batch adds to one entry, written when the window
    // ends or the stream closes: seq range from the first batch's end, and the rows carried since.
    const windowFrom = firstCarriedSeq;
    expect(await accessEntries(`${from}..${from + 1}`)).toEqual([]);
    await stream.close();
    await expect.poll(() => accessEntries(`${windowFrom}..${from + 1}`), { timeout: 5000 }).toEqual([{ actor_name: expect.any(String), action: 'list', entity: 'changes', rows: 1 }]);
  });

  it('SSE: without Last-Event-ID the first event is a plain poke, later ones carry from it', async () => {
    const stream = await openEvents(s, token);
    await stream.waitFor(() => stream.events.length > 0, 'the first poke');
    const first = SyncPoke.parse(JSON.parse(stream.events[0]!.data));
    expect(first.changes).toBeUndefined();
    await new Promise((r) => setTimeout(r, 300));
    const told = Number(stream.events.at(-1)!.id);
    const seen = stream.events.length;
    const id = randomUUID();
    await writeFeed([id]);
    await stream.waitFor(() => stream.events.length > seen, 'the carried change');
    expect(SyncPoke.parse(JSON.parse(stream.events.at(-1)!.data))).toMatchObject({ after: told, changes: [{ entity: 'cannedReply', id, data: null }] });
    await stream.close();
  });

  it('SSE: a signed-out token gets plain pokes only, as its pull would get a 401', async () => {
    const other = await s.login('counsellor2');
    const stream = await openEvents(s, other);
    await stream.waitFor(() => stream.events.length > 0, 'the first poke');
    await new Promise((r) => setTimeout(r, 300));
    const seen = stream.events.length;
    expect((await s.call('POST', '/auth/logout', { token: other })).status).toBeLessThan(300);
    expect((await s.call('GET', '/sync/pull', { token: other })).status).toBe(401);
    await writeFeed([randomUUID()]);
    const head = await s.app.store.latestSeq();
    await stream.waitFor(() => stream.events.some((e) => Number(e.id) >= head), 'the poke after the logout');
    for (const e of stream.events.slice(seen)) expect(JSON.parse(e.data)).toEqual({ seq: Number(e.id) });
    await stream.close();
  });

  it('SSE requires a token', async () => {
    const res = await fetch(s.api('/events'));
    expect(res.status).toBe(401);
    await res.body?.cancel();
  });
});

describe('PostgreSQL LISTEN/NOTIFY across instances', () => {
  // Two servers start (migrations, demo seed) inside this test: on a loaded 2-core machine that alone can take 20 s.
  it('an SSE client of one instance is poked by a write made through another', async () => {
    const { newStoreLocation, dropStoreLocation } = await import('./helpers.js');
    const location = await newStoreLocation('postgres');
    const a = await startServer('postgres', { location });
    const b = await startServer('postgres', { location });
    try {
      const tokenA = await a.login('counsellor1');
      const tokenB = await b.login('counsellor2');
      const latest = await a.app.store.latestSeq();
      const stream = await openEvents(a, tokenA, String(latest));
      const conv = (await b.call('GET', '/conversations?limit=1', { token: tokenB })).body as { items: { id: string }[] };
      const note = await b.call('POST', `/conversations/${conv.items[0]!.id}/messages`, {
        token: tokenB,
        body: { id: randomUUID(), direction: 'note', body: '다른 서버에서 쓴 메모' },
      });
      expect(note.status).toBe(201);
      const seq = await b.app.store.latestSeq();
      await stream.waitFor(() => stream.events.some((e) => Number(e.id) === seq), 'a poke from the other instance');
      await stream.close();
    } finally {
      await a.stop();
      await b.stop();
      await dropStoreLocation(location);
    }
  }, 120_000);
});

describe('shutdown with desktops connected', () => {
  it('close() ends open SSE streams instead of waiting for clients to hang up', async () => {
    const s = await startServer('sqlite');
    try {
      const token = await s.login('counsellor1');
      const stream = await openEvents(s, token);
      await stream.waitFor(() => stream.events.length > 0, 'the first poke');
      await s.stop();
      // The stream ended from the server side: reading finishes without our abort.
      const ended = await Promise.race([
        stream.done.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000)),
      ]);
      expect(ended).toBe(true);
      await stream.close();
    } finally {
      await s.close();
    }
  });
});
