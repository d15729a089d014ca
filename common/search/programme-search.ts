import MiniSearch from 'minisearch';
import type { Programme, ProgrammeFilters, ProgrammeHit } from '../domain/index.js';

/**
 * Ranked programme search, shared by the server (GET /programmes?q=) and the desktop's offline
 * lookup. First cut: plain MiniSearch over name and summary; Korean processing follows.
 */
export class ProgrammeSearchIndex {
  private readonly byId = new Map<string, Programme>();
  private readonly mini = new MiniSearch<Programme>({
    fields: ['name', 'summary'],
    storeFields: [],
    searchOptions: { prefix: true, fuzzy: 0.2, boost: { name: 3 } },
  });

  constructor(programmes: Programme[]) {
    for (const p of programmes) this.upsert(p);
  }

  get size(): number {
    return this.byId.size;
  }

  upsert(p: Programme): void {
    if (this.byId.has(p.id)) this.mini.discard(p.id);
    this.byId.set(p.id, p);
    this.mini.add(p);
  }

  remove(id: string): void {
    if (!this.byId.delete(id)) return;
    this.mini.discard(id);
  }

  search(q: string, filters: ProgrammeFilters, limit: number): ProgrammeHit[] {
    const pass = (p: Programme): boolean =>
      (!filters.field || p.field === filters.field) &&
      (!filters.life || p.lifeStages.includes(filters.life)) &&
      (!filters.household || p.households.includes(filters.household)) &&
      (!filters.theme || p.themes.includes(filters.theme)) &&
      (!filters.provider || p.provider === filters.provider);
    if (!q.trim()) {
      return [...this.byId.values()].filter(pass).slice(0, limit).map((p) => ({ id: p.id, score: 0, nameMatches: [] }));
    }
    const hits: ProgrammeHit[] = [];
    for (const r of this.mini.search(q)) {
      const p = this.byId.get(String(r.id));
      if (!p || !pass(p)) continue;
      hits.push({ id: p.id, score: r.score, nameMatches: [] });
      if (hits.length >= limit) break;
    }
    return hits;
  }
}
