import { ProgrammeSearchIndex } from '../../common/search/programme-search.js';
import type { Programme, ProgrammeFilters, ProgrammeHit } from '../../common/domain/index.js';
import { allProgrammes } from '../db/programmes.js';
import type { Store } from '../db/store.js';

/**
 * The programme catalogue kept in memory for ranked search (the shared index of common/search),
 * rebuilt from the database at start and updated on every PUT.
 */
export class ProgrammeCatalogue {
  #index: ProgrammeSearchIndex;
  #byId = new Map<string, Programme>();

  private constructor(programmes: Programme[]) {
    this.#index = new ProgrammeSearchIndex(programmes);
    for (const p of programmes) this.#byId.set(p.id, p);
  }

  static async load(store: Store): Promise<ProgrammeCatalogue> {
    return new ProgrammeCatalogue(await allProgrammes(store.db));
  }

  get size(): number {
    return this.#byId.size;
  }

  upsert(p: Programme): void {
    this.#index.upsert(p);
    this.#byId.set(p.id, p);
  }

  get(id: string): Programme | null {
    return this.#byId.get(id) ?? null;
  }

  search(q: string, filters: ProgrammeFilters, limit: number): { hits: { hit: ProgrammeHit; programme: Programme }[]; total: number } {
    const all = this.#index.search(q, filters, Math.max(limit, this.#byId.size));
    const hits = all
      .slice(0, limit)
      .flatMap((hit) => {
        const programme = this.#byId.get(hit.id);
        return programme ? [{ hit, programme }] : [];
      });
    return { hits, total: all.length };
  }
}
