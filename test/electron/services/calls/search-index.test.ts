import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { CallLog } from '../../../../common/domain/index.js';
import { byStartedDesc, matchesFilter } from '../../../../electron/services/calls/filter.js';
import { queryPage, queryViews } from '../../../../electron/services/calls/repo.js';
import { LOWER_TO_ASCII, ensureSearchIndex, foldText, indexCanAnswer } from '../../../../electron/services/calls/search-index.js';
import { type Fixture, log, makeFixture, putReplica } from './fixture.js';

let f: Fixture;
beforeEach(async () => {
  f = await makeFixture();
});
afterEach(async () => {
  await f.close();
});

describe('folded-text index', () => {
  it('no character outside those mapped lowercases into a character the index may be asked for', () => {
    const mapped = new Set(LOWER_TO_ASCII.map(([cp]) => cp));
    const offenders: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if ((cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x41 && cp <= 0x5a) || mapped.has(cp)) continue;
      const ch = String.fromCodePoint(cp);
      const lower = ch.toLowerCase();
      if (lower !== ch && [...lower].some((c) => indexCanAnswer(c))) offenders.push(cp.toString(16));
    }
    expect(offenders).toEqual([]);
    expect(indexCanAnswer(foldText('기초 생활 ABC'))).toBe(true);
    expect(indexCanAnswer(foldText('Σίσυφος'))).toBe(false);
  });

  it('is kept current by the replica triggers and rebuilt on start', async () => {
    const a = log({ need: '주거 급여' });
    await putReplica(f.store, a);
    // Built after the row: the rebuild picks it up.
    await ensureSearchIndex(f.store);
    const search = (q: string) => queryViews(f.store, { q }, { textIndex: true }).then((r) => r.map((l) => l.id));
    expect(await search('주거급여')).toEqual([a.id]);
    await putReplica(f.store, { ...a, need: '기초연금', version: 2 });
    expect(await search('주거급여')).toEqual([]);
    expect(await search('기초 연금')).toEqual([a.id]);
    await f.store.run('UPDATE call_logs SET data = ? WHERE id = ?', [JSON.stringify({ ...a, need: '에너지 바우처' }), a.id]);
    expect(await search('에너지바우처')).toEqual([a.id]);
    await f.store.run('DELETE FROM call_logs WHERE id = ?', [a.id]);
    expect(await f.store.all('SELECT id FROM calls_search')).toEqual([]);
  });

  it('list and export find exactly what the in-memory match finds, page by page, with unsent edits merged', async () => {
    const alphabet = ['긴', '급', '복', '지', ' ', '\n', '\u3000', '\u00a0', 'A', 'a', 'b', 'İ', 'i', 'K', 'k', '\u212a', '%', '_', 'ß', 'Σ', 'σ', '1', '-'];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 8 }).map((cs) => cs.join(''));
    const record = fc.record({
      need: text,
      notes: text,
      callerName: fc.option(text, { nil: null }),
      agency: fc.option(text, { nil: null }),
      startedAt: fc.constantFrom('2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', '2026-03-03T05:00:00.000Z'),
      pending: fc.boolean(),
      field: fc.constantFrom<CallLog['field']>(null, '보건의료', '복지일반'),
    });
    const randomQuery = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 3 }).map((cs) => cs.join(''));
    // Mostly a piece of a record's own text, re-spaced and re-cased, so that matches are common.
    const caseOf = (c: string, upper: boolean) => (upper ? c.toUpperCase() : c);
    const casesAndQuery = fc.array(record, { maxLength: 14 }).chain((recs) => {
      const texts = recs.flatMap((r) => [r.need, r.notes, r.callerName ?? '', r.agency ?? '']).filter((x) => x.replace(/\s/g, '').length > 0);
      const derived = texts.length === 0 ? randomQuery : fc.tuple(fc.constantFrom(...texts), fc.nat(), fc.nat(), fc.boolean(), fc.boolean()).map(([t, a, b, up, space]) => {
        const chars = [...t.replace(/\s/g, '')];
        const i = a % chars.length;
        const piece = chars.slice(i, i + 1 + (b % 3)).map((c) => caseOf(c, up));
        return space ? piece.join(' ') : piece.join('');
      });
      return fc.tuple(fc.constant(recs), fc.oneof({ arbitrary: derived, weight: 3 }, { arbitrary: randomQuery, weight: 1 }));
    });
    await ensureSearchIndex(f.store);
    await fc.assert(
      fc.asyncProperty(casesAndQuery, fc.constantFrom<CallLog['field'] | undefined>(undefined, '보건의료'), fc.integer({ min: 1, max: 4 }), async ([recs, q], field, pageSize) => {
        await f.store.run('DELETE FROM call_logs');
        await f.store.run("DELETE FROM local_pending WHERE entity = 'callLog'");
        const logs = recs.map(({ pending: _p, ...r }) => log({ ...r, id: randomUUID() }));
        for (const [i, l] of logs.entries()) {
          await putReplica(f.store, l);
          if (recs[i]!.pending) {
            // This desk's unsent edit, which wins over the replica row.
            const { id, counsellorId: _c, createdAt: _ca, updatedAt: _u, version: _v, ...input } = l;
            await f.service.handlers.save({ id, input: { ...input, need: `${input.need}급`, notes: input.notes }, baseVersion: 1 });
            logs[i] = { ...l, need: `${l.need}급` };
          }
        }
        const filter = { q, ...(field ? { field } : {}) };
        const expected = logs.filter((l) => matchesFilter(l, filter)).sort(byStartedDesc).map((l) => l.id);
        const full = (await queryViews(f.store, filter, { textIndex: true })).map((l) => l.id);
        expect(full).toEqual(expected);
        const paged: string[] = [];
        for (let offset = 0; offset < expected.length + pageSize; offset += pageSize) {
          paged.push(...(await queryPage(f.store, filter, { offset, limit: pageSize }, { textIndex: true })).map((l) => l.id));
        }
        expect(paged).toEqual(expected);
        const listed = await f.service.handlers.list({ ...filter, limit: 500 });
        expect(listed.map((l) => l.id)).toEqual(expected);
        expect((await f.service.handlers.export({ format: 'csv', filter, reason: { kind: 'statistics', text: '' } })).rows).toBe(expected.length);
      }),
      { numRuns: 150 },
    );
  });
});
