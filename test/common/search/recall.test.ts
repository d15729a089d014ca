import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Programme } from '../../../common/domain/index.js';
import { ProgrammeSearchIndex } from '../../../common/search/index.js';
import { HELD_OUT_ROUND_17, HELD_OUT_ROUND_18 } from './held-out-queries.js';
import { LABELLED_QUERIES, type LabelledQuery, type QueryCategory } from './queries.js';

const catalogue = z.array(Programme).parse(
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../resources/catalogue/demo-programmes.json'), 'utf8')),
);

/** recall@5 per query = share of its expected programmes found in the top five. */
function recallAt5(index: ProgrammeSearchIndex, queries: readonly Omit<LabelledQuery, 'heldOut'>[] = LABELLED_QUERIES): Map<QueryCategory, { recall: number; n: number; misses: string[] }> {
  const byCat = new Map<QueryCategory, { sum: number; n: number; misses: string[] }>();
  for (const lq of queries) {
    const top = index.search(lq.q, lq.filters ?? {}, 5).map((h) => h.id);
    const found = lq.expected.filter((id) => top.includes(id)).length / lq.expected.length;
    const c = byCat.get(lq.category) ?? { sum: 0, n: 0, misses: [] };
    c.sum += found;
    c.n += 1;
    if (found < 1) c.misses.push(lq.q);
    byCat.set(lq.category, c);
  }
  return new Map([...byCat].map(([k, v]) => [k, { recall: v.sum / v.n, n: v.n, misses: v.misses }]));
}

const CATEGORIES = [
  'exact', 'partial', 'choseong', 'spacing', 'typo', 'colloquial', 'filter', 'romanised', 'shorthand', 'sentence', 'situation', 'mixed',
] as const satisfies readonly QueryCategory[];
const ISSUE16: readonly QueryCategory[] = ['sentence', 'situation', 'mixed', 'romanised', 'shorthand'];

describe('labelled query set', () => {
  it('has at least 100 queries covering every category, labelled with programmes of the demo catalogue', () => {
    expect(LABELLED_QUERIES.length).toBeGreaterThanOrEqual(100);
    const ids = new Set(catalogue.map((p) => p.id));
    for (const lq of LABELLED_QUERIES) {
      expect(lq.expected.length).toBeGreaterThan(0);
      for (const id of lq.expected) expect(ids.has(id), `${lq.q}: ${id} is not in the demo catalogue`).toBe(true);
    }
    const categories = new Set(LABELLED_QUERIES.map((q) => q.category));
    expect([...categories].sort()).toEqual([...CATEGORIES].sort());
  });

  it('has at least 80 issue-16 queries (sentences, situations, mixed 초성, romanised, shorthand), a held-out part in each', () => {
    const added = LABELLED_QUERIES.filter((q) => ISSUE16.includes(q.category));
    expect(added.length).toBeGreaterThanOrEqual(80 + 7);
    for (const cat of ISSUE16) expect(added.filter((q) => q.category === cat && q.heldOut).length, cat).toBeGreaterThanOrEqual(4);
  });
});

describe('recall@5 on the demo catalogue', () => {
  const FLOOR = 0.9;
  const index = new ProgrammeSearchIndex(catalogue);
  const results = recallAt5(index);

  it('prints recall@5 per category', () => {
    const rows = [...results].map(([cat, r]) => `${cat.padEnd(11)} n=${String(r.n).padStart(3)} recall@5=${r.recall.toFixed(3)}${r.misses.length ? `  misses: ${r.misses.join(' / ')}` : ''}`);
    console.log(`recall@5 (floor ${FLOOR})\n${rows.join('\n')}`);
    const held = LABELLED_QUERIES.filter((q) => q.heldOut);
    const heldMisses = held.filter((q) => {
      const top = index.search(q.q, q.filters ?? {}, 5).map((h) => h.id);
      return !q.expected.every((id) => top.includes(id));
    });
    console.log(`held-out (never tuned on): n=${held.length}, fully found ${held.length - heldMisses.length}${heldMisses.length ? `  misses: ${heldMisses.map((q) => q.q).join(' / ')}` : ''}`);
    expect(results.size).toBe(CATEGORIES.length);
  });

  it.each(CATEGORIES)('%s stays at or above the floor', (cat) => {
    const r = results.get(cat)!;
    expect(r.recall, `misses: ${r.misses.join(' / ')}`).toBeGreaterThanOrEqual(FLOOR);
  });

  it('puts the exact name first whenever it is typed in full', () => {
    for (const lq of LABELLED_QUERIES.filter((q) => q.category === 'exact')) {
      expect(index.search(lq.q, {}, 1)[0]?.id, lq.q).toBe(lq.expected[0]);
    }
  });
});

describe('held-out rounds (issue 16: queries the engine was not built on)', () => {
  const index = new ProgrammeSearchIndex(catalogue);
  const ids = new Set(catalogue.map((p) => p.id));
  const overall = (queries: readonly Omit<LabelledQuery, 'heldOut'>[]) => {
    let sum = 0;
    for (const lq of queries) {
      const top = index.search(lq.q, {}, 5).map((h) => h.id);
      sum += lq.expected.filter((id) => top.includes(id)).length / lq.expected.length;
    }
    return sum / queries.length;
  };

  it.each([['17', HELD_OUT_ROUND_17], ['18', HELD_OUT_ROUND_18]] as const)('round %s: 120 queries of the demo catalogue, recall@5 ≥ 0.95 overall and ≥ 0.9 in every category', (_round, queries) => {
    expect(queries).toHaveLength(120);
    for (const lq of queries) for (const id of lq.expected) expect(ids.has(id), `${lq.q}: ${id}`).toBe(true);
    const byCategory = recallAt5(index, queries);
    console.log(`held-out round ${_round}: overall ${overall(queries).toFixed(3)} · ${[...byCategory].map(([c, r]) => `${c} ${r.recall.toFixed(3)}`).join(' · ')}`);
    expect(overall(queries)).toBeGreaterThanOrEqual(0.95);
    for (const [cat, r] of byCategory) expect(r.recall, `${cat}, misses: ${r.misses.join(' / ')}`).toBeGreaterThanOrEqual(0.9);
  });
});

describe('example queries and chat noise', () => {
  const index = new ProgrammeSearchIndex(catalogue);
  it('reads past ㅋㅋ / ㅎㅎ: a message with laughter ranks as without it (초성 words alone skip the examples)', () => {
    for (const lq of HELD_OUT_ROUND_18.filter((q) => q.category === 'sentence').slice(0, 10)) {
      const plain = index.search(lq.q, {}, 5).map((h) => h.id);
      expect(index.search(`${lq.q} ㅋㅋㅋ`, {}, 5).map((h) => h.id), lq.q).toEqual(plain);
      expect(index.search(`ㅎㅎ ${lq.q}`, {}, 5).map((h) => h.id), lq.q).toEqual(plain);
    }
  });
});
