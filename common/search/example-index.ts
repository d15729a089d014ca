import { syllableGrams } from '../text/index.js';
import { EXAMPLE_PROGRAMMES, EXAMPLE_QUERIES, type ExampleQuery } from './example-corpus.js';

/**
 * Which programmes a described situation is about, read from how others described them
 * (`example-corpus.ts`): the example messages most like the query (cosine of their syllable
 * n-grams weighted by rarity), summed per programme with a falling weight for its second and
 * third example. Why: a citizen writes "노인되면 매달 나오는 돈", not 기초연금; the words a name or
 * summary holds rarely are the words of a chat, but the examples are. A nearest-neighbour reading
 * was measured against naive Bayes on the same examples and held-out messages (README, programme
 * lookup) and ranked better; it learns nothing at build time beyond the n-gram counts.
 */
export class ExampleIndex {
  readonly #ids: string[] = [];
  readonly #norms: number[] = [];
  readonly #postings = new Map<string, number[]>();
  readonly #idf = new Map<string, number>();

  /** names: the programme each id's examples were written for. */
  constructor(examples: readonly Pick<ExampleQuery, 'id' | 'text'>[], readonly names: Readonly<Record<string, string>>) {
    const grams = examples.map((e) => syllableGrams(e.text));
    const df = new Map<string, number>();
    for (const gs of grams) for (const g of gs) df.set(g, (df.get(g) ?? 0) + 1);
    for (const [g, n] of df) this.#idf.set(g, Math.log(examples.length / n) ** 2);
    grams.forEach((gs, i) => {
      this.#ids.push(examples[i]!.id);
      let norm = 0;
      for (const g of gs) {
        norm += this.#idf.get(g)!;
        let list = this.#postings.get(g);
        if (!list) this.#postings.set(g, (list = []));
        list.push(i);
      }
      this.#norms.push(Math.sqrt(norm) || 1);
    });
  }

  /**
   * Programme ids by likeness to the query, best first, at most `limit`. `nameOf` tells the name of
   * the catalogue's programme of an id (undefined: not in it, or filtered out); an id counts only
   * if its name is the one its examples were written for.
   */
  rank(query: string, nameOf: (id: string) => string | undefined, limit: number): string[] {
    const grams = syllableGrams(query).filter((g) => this.#idf.has(g));
    let queryNorm = 0;
    for (const g of grams) queryNorm += this.#idf.get(g)!;
    queryNorm = Math.sqrt(queryNorm) || 1;
    const dot = new Map<number, number>();
    for (const g of grams) {
      const w = this.#idf.get(g)!;
      for (const i of this.#postings.get(g)!) dot.set(i, (dot.get(i) ?? 0) + w);
    }
    const byProgramme = new Map<string, number[]>();
    const fits = new Map<string, boolean>();
    for (const [i, v] of dot) {
      const id = this.#ids[i]!;
      let fit = fits.get(id);
      if (fit === undefined) fits.set(id, (fit = nameOf(id) === this.names[id]));
      if (!fit) continue;
      const list = byProgramme.get(id);
      const cos = v / (queryNorm * this.#norms[i]!);
      if (list) list.push(cos);
      else byProgramme.set(id, [cos]);
    }
    const scored: [string, number][] = [];
    for (const [id, list] of byProgramme) {
      list.sort((a, b) => b - a);
      scored.push([id, list[0]! + 0.5 * (list[1] ?? 0) + 0.25 * (list[2] ?? 0)]);
    }
    scored.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return scored.slice(0, limit).map(([id]) => id);
  }
}

let built: ExampleIndex | null = null;

/** The index of EXAMPLE_QUERIES, built on first use (a few tens of milliseconds). */
export function exampleIndex(): ExampleIndex {
  return (built ??= new ExampleIndex(EXAMPLE_QUERIES, EXAMPLE_PROGRAMMES));
}
