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
/**
 * N-grams in more than this share of the examples ("있나", "어요") say nothing of the programme
 * and have the longest posting lists: they are left out (their weight would be under a sixth of a
 * rare n-gram's). 8 % ranked as well as 15 % on every held-out round at about half the cost; 4 %
 * began to lose situations.
 */
const COMMON_SHARE = 0.08;

export class ExampleIndex {
  /** Each example's programme, as an index into #programmes. */
  readonly #programmeOf: Int32Array;
  readonly #programmes: string[] = [];
  readonly #norms: Float64Array;
  /** Per n-gram: its weight (idf²) and the examples holding it. */
  readonly #grams = new Map<string, { weight: number; examples: Int32Array }>();
  readonly #dot: Float64Array;
  /** Per query, per programme: its three best cosines, and whether it is in the catalogue (1) or not (-1). */
  readonly #best: Float64Array;
  readonly #fit: Int8Array;

  /** names: the programme each id's examples were written for. */
  constructor(examples: readonly Pick<ExampleQuery, 'id' | 'text'>[], readonly names: Readonly<Record<string, string>>) {
    const grams = examples.map((e) => syllableGrams(e.text));
    const holders = new Map<string, number[]>();
    grams.forEach((gs, i) => {
      for (const g of gs) {
        const list = holders.get(g);
        if (list) list.push(i);
        else holders.set(g, [i]);
      }
    });
    const n = examples.length;
    for (const [g, list] of holders) {
      if (list.length > Math.max(1, n * COMMON_SHARE)) continue;
      this.#grams.set(g, { weight: Math.log(n / list.length) ** 2, examples: Int32Array.from(list) });
    }
    this.#norms = new Float64Array(n);
    this.#programmeOf = new Int32Array(n);
    const programmeIndex = new Map<string, number>();
    grams.forEach((gs, i) => {
      const id = examples[i]!.id;
      let p = programmeIndex.get(id);
      if (p === undefined) {
        programmeIndex.set(id, (p = this.#programmes.length));
        this.#programmes.push(id);
      }
      this.#programmeOf[i] = p;
      let norm = 0;
      for (const g of gs) norm += this.#grams.get(g)?.weight ?? 0;
      this.#norms[i] = Math.sqrt(norm) || 1;
    });
    this.#dot = new Float64Array(n);
    this.#best = new Float64Array(this.#programmes.length * 3);
    this.#fit = new Int8Array(this.#programmes.length);
  }

  /**
   * Programme ids by likeness to the query, best first, at most `limit`. `nameOf` tells the name of
   * the catalogue's programme of an id (undefined: not in it, or filtered out); an id counts only
   * if its name is the one its examples were written for.
   */
  rank(query: string, nameOf: (id: string) => string | undefined, limit: number): string[] {
    const dot = this.#dot;
    const touched: number[] = [];
    let queryNorm = 0;
    for (const g of syllableGrams(query)) {
      const gram = this.#grams.get(g);
      if (!gram) continue;
      queryNorm += gram.weight;
      for (const i of gram.examples) {
        if (dot[i] === 0) touched.push(i);
        dot[i]! += gram.weight;
      }
    }
    queryNorm = Math.sqrt(queryNorm) || 1;
    const best = this.#best;
    const fit = this.#fit;
    const seen: number[] = [];
    for (const i of touched) {
      const cos = dot[i]! / (queryNorm * this.#norms[i]!);
      dot[i] = 0;
      const p = this.#programmeOf[i]!;
      if (fit[p] === 0) {
        const id = this.#programmes[p]!;
        fit[p] = nameOf(id) === this.names[id] ? 1 : -1;
        seen.push(p);
      }
      if (fit[p]! < 0) continue;
      // Keep the three best, in order.
      const at = p * 3;
      if (cos > best[at]!) {
        best[at + 2] = best[at + 1]!;
        best[at + 1] = best[at]!;
        best[at] = cos;
      } else if (cos > best[at + 1]!) {
        best[at + 2] = best[at + 1]!;
        best[at + 1] = cos;
      } else if (cos > best[at + 2]!) best[at + 2] = cos;
    }
    const scored: [string, number][] = [];
    for (const p of seen) {
      const at = p * 3;
      if (fit[p]! > 0) scored.push([this.#programmes[p]!, best[at]! + 0.5 * best[at + 1]! + 0.25 * best[at + 2]!]);
      fit[p] = 0;
      best[at] = best[at + 1] = best[at + 2] = 0;
    }
    scored.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return scored.slice(0, limit).map(([id]) => id);
  }
}

let built: ExampleIndex | null = null;

/** The index of EXAMPLE_QUERIES, built once per process: `ProgrammeSearchIndex` asks for it when it is built (~85 ms). */
export function exampleIndex(): ExampleIndex {
  return (built ??= new ExampleIndex(EXAMPLE_QUERIES, EXAMPLE_PROGRAMMES));
}
