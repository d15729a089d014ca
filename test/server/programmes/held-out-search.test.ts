import type { Programme, ProgrammeHit } from '../../../common/domain/index.js';
import { HELD_OUT_ROUND_18 } from '../../common/search/held-out-queries.js';
import { startServer, type TestServer } from '../helpers.js';

/** The held-out round that was never read query by query, asked as a desk asks: through the REST lookup. */
describe('programme lookup over HTTP: held-out round 18 through GET /programmes?q=', () => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    s = await startServer('sqlite');
    token = await s.login('counsellor1');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('finds the expected programmes in the first five: ≥ 0.95 overall, ≥ 0.9 per category', async () => {
    const byCategory = new Map<string, { sum: number; n: number }>();
    let sum = 0;
    for (const lq of HELD_OUT_ROUND_18) {
      const res = await s.call('GET', `/programmes?q=${encodeURIComponent(lq.q)}&limit=5`, { token });
      expect(res.status, lq.q).toBe(200);
      const top = (res.body as { items: { hit: ProgrammeHit; programme: Programme }[] }).items.map((i) => i.programme.id);
      expect(top.length).toBeLessThanOrEqual(5);
      const found = lq.expected.filter((id) => top.includes(id)).length / lq.expected.length;
      const c = byCategory.get(lq.category) ?? { sum: 0, n: 0 };
      c.sum += found;
      c.n++;
      byCategory.set(lq.category, c);
      sum += found;
    }
    expect(sum / HELD_OUT_ROUND_18.length).toBeGreaterThanOrEqual(0.95);
    for (const [cat, c] of byCategory) expect(c.sum / c.n, cat).toBeGreaterThanOrEqual(0.9);
  });
});
