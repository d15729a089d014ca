import MiniSearch from 'minisearch';
import type { Programme, ProgrammeFilters, ProgrammeHit } from '../domain/index.js';
import {
  bigrams, choseongKey, compactKey, compactKeyWithOffsets, isChoseongQuery, jamo, substringDistance,
} from '../text/index.js';
import { exampleIndex } from './example-index.js';
import { analyseQuery, type AnalysedQuery, type Facet, type QueryWord } from './query-analysis.js';

/**
 * Ranked programme search, shared by the server (GET /programmes?q=) and the desktop's offline
 * lookup on its replica.
 *
 * Two stages. MiniSearch retrieves candidates from two token fields: character bigrams of the
 * spaceless name and of the other text (Korean has no dependable word boundaries, and bigrams
 * make spacing irrelevant). A re-ranker then scores each candidate word by word: the word inside
 * the name beats a 자모-level typo match in the name, which beats partial overlap, which beats a
 * match in the summary; thesaurus words count through the catalogue vocabulary they stand for,
 * and a sentence's situation facets add the share of them a programme covers (query-analysis.ts).
 * 초성 (alone or inside words) and typo candidates come from scans of the names' initial
 * consonants (a few thousand short strings).
 */

interface Entry {
  p: Programme;
  nameKey: string;
  /** Offset in p.name of each character of nameKey, for highlighting. */
  offsets: number[];
  aliasKeys: string[];
  choseong: string;
  aliasChoseong: string[];
  /** Summary and the other descriptive fields, compact. */
  textKey: string;
  /** Ids of textKey's bigrams, sorted: "is this word in the texts" is answered here first. */
  textGramIds: Int32Array;
  /** 자모 of nameKey, split, computed once: typo scoring runs on every candidate. */
  nameJamo: string[];
  /** Bigrams of nameKey, for spotting near-duplicate names among the hits. */
  nameGrams: Set<string>;
}

interface Doc {
  id: string;
  nameGrams: string;
  textGrams: string;
}

const TEXT_FIELDS = ['summary', 'target', 'benefits', 'criteria', 'agency'] as const;

/** Every bigram seen in a programme's texts, numbered (the vocabulary only grows, as MiniSearch's does). */
const GRAM_IDS = new Map<string, number>();

function gramIdsOf(textKey: string): Int32Array {
  const ids = new Set<number>();
  for (const g of bigrams(textKey)) {
    let id = GRAM_IDS.get(g);
    if (id === undefined) GRAM_IDS.set(g, (id = GRAM_IDS.size));
    ids.add(id);
  }
  return Int32Array.from(ids).sort();
}

function hasId(sorted: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Ids of a query key's bigrams (null when one is in no programme's texts), cached per key. */
const keyGramCache = new Map<string, Int32Array | null>();
function keyGramIds(k: string): Int32Array | null {
  let ids = keyGramCache.get(k);
  if (ids !== undefined) return ids;
  const out: number[] = [];
  for (const g of bigrams(k)) {
    const id = GRAM_IDS.get(g);
    if (id === undefined) {
      ids = null;
      break;
    }
    out.push(id);
  }
  if (ids !== null) ids = Int32Array.from(out);
  if (keyGramCache.size > 5000) keyGramCache.clear();
  keyGramCache.set(k, ids);
  return ids;
}

function gramInText(e: Entry, g: string): boolean {
  const id = GRAM_IDS.get(g);
  return id !== undefined && hasId(e.textGramIds, id);
}

/** k inside the programme's texts: its bigrams are checked first, the long string only when they all are there. */
function inText(e: Entry, k: string): boolean {
  if (k.length < 2) return e.textKey.includes(k);
  const ids = keyGramIds(k);
  if (ids === null) return false;
  for (const id of ids) if (!hasId(e.textGramIds, id)) return false;
  return e.textKey.includes(k);
}

function toEntry(p: Programme): Entry {
  const { key, offsets } = compactKeyWithOffsets(p.name);
  const aliasKeys = (p.aliases ?? []).map(compactKey).filter(Boolean);
  const textKey = compactKey(TEXT_FIELDS.map((f) => p[f]).join(' '));
  return {
    p, nameKey: key, offsets, aliasKeys,
    choseong: choseongKey(key),
    aliasChoseong: aliasKeys.map(choseongKey),
    textKey,
    textGramIds: gramIdsOf(textKey),
    nameJamo: [...jamo(key)],
    nameGrams: new Set(bigrams(key)),
  };
}

function toDoc(e: Entry): Doc {
  const nameTokens = new Set([...bigrams(e.nameKey), ...e.aliasKeys.flatMap(bigrams)]);
  const textTokens = new Set(bigrams(e.textKey));
  return { id: e.p.id, nameGrams: [...nameTokens].join(' '), textGrams: [...textTokens].join(' ') };
}

/**
 * How many retrieved names are ranked in full. Ranking is the costliest step; 60 and 120 found the
 * same programmes in the top five on every labelled and held-out set (README, programme lookup).
 */
const CANDIDATES = 60;
/** How many of each ranking the fusion with the example queries reads, and its constant k (small: the top places count most). */
const FUSED_DEPTH = 30;
const FUSION_K = 3;
const CENTRAL_PRIOR = 0.3;
const FUZZY_CANDIDATES = 60;
const MAX_TERMS = 16;
/**
 * A bigram in more than this share of the catalogue retrieves too much to rank anything (below
 * 20 documents it is never common). 2 % on the national catalogue's 4,650 is ~93 documents: half
 * the posting lists of 4 %, with recall kept or higher.
 */
const COMMON_GRAM_SHARE = 0.02;

interface Scored {
  e: Entry;
  score: number;
  matchedKeys: string[];
}
const byScore = (a: Scored, b: Scored) =>
  b.score - a.score || a.e.nameKey.length - b.e.nameKey.length || a.e.p.id.localeCompare(b.e.p.id);

function wordInName(e: Entry, w: QueryWord): boolean {
  if (w.pattern) return patternAt(e, w) >= 0;
  const has = (k: string) => e.nameKey.includes(k) || e.aliasKeys.some((a) => a.includes(k));
  return w.forms.some(has) || w.means.some(has);
}

/** Where a word with 초성 in it ("ㅅㄱ", "청년ㄷㅇㄱㅈ") sits in the name, its written syllables in place; -1 if nowhere. */
function patternAt(e: Entry, w: QueryWord): number {
  const p = w.pattern!;
  let at = e.choseong.indexOf(p);
  while (at >= 0) {
    let ok = true;
    for (let i = 0; i < w.key.length && ok; i++) {
      const c = w.key[i]!;
      if (c !== p[i] && e.nameKey[at + i] !== c) ok = false;
    }
    if (ok) return at;
    at = e.choseong.indexOf(p, at + 1);
  }
  return -1;
}

export class ProgrammeSearchIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly gramDf = new Map<string, number>();
  /** Bigrams of names and aliases with their document counts: a word none of whose bigrams is here is no typo of a name. */
  private readonly nameGramDf = new Map<string, number>();
  private sorted: Entry[] | null = null;
  /** Every name's 초성, one per line, for native substring scans; rebuilt after a change. */
  private choseongText: { text: string; starts: Int32Array; entries: Entry[] } | null = null;
  private readonly mini = new MiniSearch<Doc>({
    fields: ['nameGrams', 'textGrams'],
    storeFields: [],
    tokenize: (text) => text.split(' ').filter(Boolean),
    processTerm: (term) => term,
  });

  constructor(programmes: Programme[]) {
    // The last version of an id wins, as with upsert.
    const latest = new Map(programmes.map((p) => [p.id, p]));
    const docs: Doc[] = [];
    for (const p of latest.values()) {
      const e = toEntry(p);
      this.entries.set(p.id, e);
      const doc = toDoc(e);
      this.countGrams(doc, 1);
      docs.push(doc);
    }
    this.mini.addAll(docs);
    // Built once per process (~85 ms): with the catalogue, not in the first counsellor's lookup.
    exampleIndex();
  }

  get size(): number {
    return this.entries.size;
  }

  upsert(p: Programme): void {
    this.removeDoc(p.id);
    const e = toEntry(p);
    this.entries.set(p.id, e);
    const doc = toDoc(e);
    this.countGrams(doc, 1);
    this.mini.add(doc);
    this.sorted = null;
    this.choseongText = null;
  }

  remove(id: string): void {
    this.removeDoc(id);
    this.sorted = null;
    this.choseongText = null;
  }

  private removeDoc(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.countGrams(toDoc(e), -1);
    this.mini.discard(id);
    this.entries.delete(id);
  }

  private countGrams(doc: Doc, delta: 1 | -1): void {
    for (const g of new Set(`${doc.nameGrams} ${doc.textGrams}`.split(' '))) {
      if (!g) continue;
      const n = (this.gramDf.get(g) ?? 0) + delta;
      if (n <= 0) this.gramDf.delete(g);
      else this.gramDf.set(g, n);
    }
    for (const g of doc.nameGrams.split(' ')) {
      if (!g) continue;
      const n = (this.nameGramDf.get(g) ?? 0) + delta;
      if (n <= 0) this.nameGramDf.delete(g);
      else this.nameGramDf.set(g, n);
    }
  }

  search(q: string, filters: ProgrammeFilters, limit: number): ProgrammeHit[] {
    const pass = (p: Programme): boolean =>
      (!filters.field || p.field === filters.field) &&
      (!filters.life || p.lifeStages.includes(filters.life)) &&
      (!filters.household || p.households.includes(filters.household)) &&
      (!filters.theme || p.themes.includes(filters.theme)) &&
      (!filters.provider || p.provider === filters.provider);
    // Without any filter set, retrieval need not ask about each hit.
    const filter = Object.values(filters).some(Boolean) ? pass : null;
    const max = Math.max(0, Math.floor(limit));
    if (max === 0) return [];

    if (isChoseongQuery(q)) return this.searchChoseong(q.replace(/\s+/g, ''), pass, max);
    const query = analyseQuery(q);
    if (!query.key) return this.listAll(pass, max);
    // "ㄱㅊㅇㄱ 신청": 초성 and words that mean nothing here.
    if (query.choseong) return this.searchChoseong(query.choseong, pass, max);

    const candidates = this.retrieve(query, filter);
    for (const w of query.words) if (w.pattern) this.retrievePattern(w, candidates);
    const scored = this.rank(candidates, query, pass);
    // Typo fallback: when no name contains every meaningful word, add the names that may hold
    // a mistyped word (same 초성, or one 자모 edit away) and rank them with the rest.
    // Not for sentences: a message's words are many and mostly not in any name, and the scan is the costly part.
    // Nor when the best hit already holds every word, a one-자모 slip in a long word included
    // ("국민취엽지원제도"; a short one like "주거금여" is one slip from several names).
    const best = scored[0]?.e;
    const complete = query.sentence ||
      (best !== undefined && query.words.every((w) => w.weight < 1 || wordInName(best, w) || (w.jamo.length >= 10 && nameScore(best, w, false, false).score >= 0.8)));
    if (!complete) {
      const top = scored.slice(0, 20);
      // A word spelt as in the best candidates' names or texts is no typo.
      const spelt = (w: QueryWord) => top.some((h) => wordInName(h.e, w) || w.forms.some((k) => inText(h.e, k)));
      const extra = this.retrieveFuzzy(query, new Set(scored.map((h) => h.e.p.id)), spelt);
      if (extra.size > 0) scored.push(...this.rank(extra, query, pass));
      scored.sort(byScore);
    }
    // A name typed in full stays first; the examples may rank a sibling programme above it.
    const named = !query.sentence && best !== undefined && scored[0]?.e === best && query.words.every((w) => w.weight < 1 || wordInName(best, w));
    // Words with 초성 in them are not in the examples; "ㅋㅋ" and "ㅎㅎ" are chat noise, read past.
    let ranked = query.words.some((w) => w.pattern !== null) ? scored : this.withExamples(q, scored, pass);
    if (named && ranked[0]?.e !== best) ranked = [{ ...scored[0]!, score: ranked[0]!.score + 0.001 }, ...ranked.filter((h) => h.e !== best)];
    spreadLocalDuplicates(ranked);
    if (query.sentence) coverNeeds(ranked, query.facets);
    return ranked.slice(0, max).map((h) => ({
      id: h.e.p.id,
      score: Math.round(h.score * 1000) / 1000,
      nameMatches: spansOf(h.e, h.matchedKeys),
    }));
  }

  /**
   * The engine's ranking fused with the programmes whose example queries are most like this one
   * (reciprocal-rank fusion: each list gives 1/(k + rank)), so that a description of a situation
   * finds the programme its words never name. A name typed in full still comes first: it leads both
   * lists. Not for 초성 queries, which the examples do not hold.
   */
  private withExamples(q: string, scored: Scored[], pass: (p: Programme) => boolean): Scored[] {
    const examples = exampleIndex().rank(q, (id) => {
      const e = this.entries.get(id);
      return e && pass(e.p) ? e.p.name : undefined;
    }, FUSED_DEPTH);
    if (examples.length === 0) return scored;
    const fused = new Map<string, Scored>();
    scored.slice(0, FUSED_DEPTH).forEach((h, rank) => fused.set(h.e.p.id, { ...h, score: 1 / (FUSION_K + rank) }));
    examples.forEach((id, rank) => {
      const hit = fused.get(id);
      if (hit) hit.score += 1 / (FUSION_K + rank);
      else fused.set(id, { e: this.entries.get(id)!, score: 1 / (FUSION_K + rank), matchedKeys: [] });
    });
    // Below the fused ones, the rest keep the engine's order (and a score on the same scale).
    const rest = scored.slice(FUSED_DEPTH).filter((h) => !fused.has(h.e.p.id)).map((h, i) => ({ ...h, score: 0.5 / (FUSION_K + FUSED_DEPTH + i) }));
    return [...[...fused.values()].sort(byScore), ...rest];
  }

  private rank(candidates: Map<string, number>, query: AnalysedQuery, pass: (p: Programme) => boolean): Scored[] {
    const hits: Scored[] = [];
    for (const [id, bm25] of candidates) {
      const e = this.entries.get(id);
      if (!e || !pass(e.p)) continue;
      const { score, matchedKeys } = scoreEntry(e, query, bm25);
      if (score > 0) hits.push({ e, score, matchedKeys });
    }
    return hits.sort(byScore);
  }

  /** Names holding a word with 초성 in it. */
  private retrievePattern(w: QueryWord, out: Map<string, number>): void {
    let n = 0;
    this.scanChoseong(w.pattern!, (e) => {
      if (!out.has(e.p.id) && patternAt(e, w) >= 0) {
        out.set(e.p.id, 0);
        n++;
      }
      return n < CANDIDATES;
    });
  }

  /**
   * Calls `visit` for each name whose 초성 hold `needle` (once per name, in catalogue order of
   * the text), until it returns false. One native indexOf (or regex search) over all names instead of a loop.
   */
  private scanChoseong(needle: string | RegExp, visit: (e: Entry) => boolean): void {
    if (!needle) return;
    if (!this.choseongText) {
      const entries = [...this.entries.values()];
      const starts = new Int32Array(entries.length);
      let text = '';
      entries.forEach((e, i) => {
        starts[i] = text.length;
        text += `${e.choseong}\n`;
      });
      this.choseongText = { text, starts, entries };
    }
    const { text, starts, entries } = this.choseongText;
    const find = typeof needle === 'string'
      ? (from: number) => text.indexOf(needle, from)
      : (from: number) => {
        needle.lastIndex = from;
        return needle.exec(text)?.index ?? -1;
      };
    let at = find(0);
    while (at >= 0) {
      // The name holding offset `at`: the last start at or before it.
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= at) lo = mid;
        else hi = mid - 1;
      }
      if (!visit(entries[lo]!)) return;
      const next = lo + 1 < starts.length ? starts[lo + 1]! : text.length;
      at = find(next);
    }
  }

  /** Candidate ids with their MiniSearch score normalised to 0..1. */
  private retrieve(query: AnalysedQuery, filter: ((p: Programme) => boolean) | null): Map<string, number> {
    const n = Math.max(1, this.entries.size);
    // Bigrams in many documents ("지원", "사업", "청년") retrieve everything and rank nothing;
    // documents matching only those are not worth re-ranking. Each term costs a posting list, and the thesaurus vocabulary of a
    // sentence brings dozens: the rarest MAX_TERMS are kept.
    const df = (g: string) => this.gramDf.get(g) ?? 0;
    const limit = Math.max(20, n * COMMON_GRAM_SHARE);
    const own = new Set<string>();
    const common: string[] = [];
    const vocabulary = new Set<string>();
    // A query made only of words that mean little here ("지원", "신청") still searches them.
    const onlyFillers = query.words.every((w) => w.weight < 1);
    for (const w of query.words) {
      const known = w.grams.filter((g) => g.length > 1 && df(g) > 0).sort((a, b) => df(a) - df(b));
      const informative = known.filter((g) => df(g) <= limit);
      for (const g of informative) own.add(g);
      if (informative.length === 0 && (w.weight >= 1 || onlyFillers)) common.push(...known.slice(0, 1));
      for (const m of [...w.alts, ...w.means]) for (const g of bigrams(m)) if (df(g) > 0 && df(g) <= limit) vocabulary.add(g);
    }
    const ownTerms = [...own].sort((a, b) => df(a) - df(b));
    const vocabularyTerms = [...vocabulary].filter((g) => !own.has(g)).sort((a, b) => df(a) - df(b));
    // In a sentence most words are the message's own and the thesaurus says what it is about; each
    // need gets its share of the terms ("무주택" beside five other needs still retrieves its names).
    let terms = query.sentence
      ? sentenceTerms(query, df, limit)
      : [...ownTerms, ...vocabularyTerms.slice(0, Math.max(MAX_TERMS / 2, MAX_TERMS - ownTerms.length))];
    // Words of common bigrams only ("지원 사업", "의료비" among many 의료비 programmes): their rarest
    // few. Next to a rare word ("아동수당 지급") a common one adds a long posting list and no candidate.
    if (own.size === 0) terms.unshift(...common.sort((a, b) => df(a) - df(b)).slice(0, 3));
    // A one-character word is searched as a prefix, which walks a large part of the index: only
    // when the query has nothing longer ("돌").
    if (terms.length === 0) terms = query.words.flatMap((w) => w.grams.filter((g) => g.length === 1));
    const out = new Map<string, number>();
    const results = this.mini.search(terms.join(' '), {
      fields: ['nameGrams', 'textGrams'],
      boost: { nameGrams: 3 },
      combineWith: 'OR',
      prefix: (term) => term.length === 1,
      // Filters apply before the cut to the best CANDIDATES, or a narrow filter would keep none.
      ...(filter ? { filter: (r: { id: unknown }) => filter(this.entries.get(String(r.id))!.p) } : {}),
    });
    const top = results[0]?.score ?? 1;
    for (const r of results.slice(0, CANDIDATES)) out.set(String(r.id), r.score / top);
    return out;
  }

  /**
   * Names that may hold a typo'd word: a 자모 slip mostly keeps the word's initial consonants
   * ("기초연긍" is still ㄱㅊㅇㄱ), so names whose 초성 contain the word's 초성 are scanned cheaply;
   * MiniSearch's fuzzy match over name words (one 자모 edit) catches the slips that change them.
   */
  private retrieveFuzzy(query: AnalysedQuery, seen: Set<string>, candidatesHave: (w: QueryWord) => boolean): Map<string, number> {
    const out = new Map<string, number>();
    let n = 0;
    for (const w of query.words) {
      // Words the thesaurus understood are not typos; words already in a candidate's name neither.
      if (w.weight < 1 || w.key.length < 3 || w.means.length > 0 || w.pattern || candidatesHave(w)) continue;
      // One slip in a word of four syllables or more leaves one of its bigrams whole ("아동슈당": 아동).
      if (w.key.length >= 4 && !w.grams.some((g) => this.nameGramDf.has(g))) continue;
      const cho = choseongKey(w.stem ?? w.key);
      // A slip that changes an initial consonant ("근로장녀금", "재난적의료삐") leaves the others: one
      // differing 초성 is allowed in words long enough to allow a 자모 edit.
      const slack = w.jamo.length >= 7 && cho.length >= 2 ? 1 : 0;
      // One pass of the regex engine over all names: each place may be the differing one.
      const needle = slack === 0 ? cho : withOneWildcard(cho);
      this.scanChoseong(needle, (e) => {
        if (!seen.has(e.p.id) && !out.has(e.p.id)) {
          out.set(e.p.id, 0);
          n++;
        }
        return n < FUZZY_CANDIDATES;
      });
      if (n >= FUZZY_CANDIDATES) break;
    }
    return out;
  }

  private searchChoseong(q: string, pass: (p: Programme) => boolean, limit: number): ProgrammeHit[] {
    const hits: Array<{ e: Entry; score: number; at: number; len: number }> = [];
    for (const e of this.entries.values()) {
      if (!pass(e.p)) continue;
      const at = e.choseong.indexOf(q);
      const aliasAt = e.aliasChoseong.some((c) => c.includes(q));
      if (at < 0 && !aliasAt) continue;
      const exact = e.choseong === q;
      const score = 10 * (exact ? 1 : at === 0 ? 0.95 : at > 0 ? 0.85 : 0.8) - 0.004 * Math.min(e.nameKey.length, 60);
      hits.push({ e, score, at, len: q.length });
    }
    hits.sort((a, b) => b.score - a.score || a.e.p.id.localeCompare(b.e.p.id));
    return hits.slice(0, limit).map((h) => ({
      id: h.e.p.id,
      score: Math.round(h.score * 1000) / 1000,
      nameMatches: h.at >= 0 ? mergeSpans([toSpan(h.e, h.at, h.at + h.len)]) : [],
    }));
  }

  private listAll(pass: (p: Programme) => boolean, limit: number): ProgrammeHit[] {
    this.sorted ??= [...this.entries.values()].sort((a, b) => a.p.name.localeCompare(b.p.name, 'ko'));
    const out: ProgrammeHit[] = [];
    for (const e of this.sorted) {
      if (!pass(e.p)) continue;
      out.push({ id: e.p.id, score: 0, nameMatches: [] });
      if (out.length >= limit) break;
    }
    return out;
  }
}

/**
 * A sentence's retrieval terms, taken in turns from its words (heaviest first): each word's rarest
 * own bigrams and those of its first catalogue words, so that no one need fills MAX_TERMS alone.
 */
function sentenceTerms(query: AnalysedQuery, df: (g: string) => number, limit: number): string[] {
  const rare = (k: string, n: number) => bigrams(k).filter((g) => g.length > 1 && df(g) > 0 && df(g) <= limit).sort((a, b) => df(a) - df(b)).slice(0, n);
  const queues = [...query.words]
    .filter((w) => w.weight >= 0.3 || w.means.length > 0)
    .sort((a, b) => b.weight - a.weight)
    .map((w) => [...(w.means.length > 0 ? [] : rare(w.key, 2)), ...[...w.alts, ...w.means].slice(0, 3).flatMap((m) => rare(m, 2))]);
  const out = new Set<string>();
  for (let round = 0; out.size < MAX_TERMS && queues.some((q) => q.length > round); round++) {
    for (const q of queues) {
      const g = q[round];
      if (g !== undefined) out.add(g);
      if (out.size >= MAX_TERMS) break;
    }
  }
  return [...out];
}

/**
 * A global regex for `key` with any one of its characters replaced by any other (a 초성 changed by a
 * slip), within one name of the newline-separated 초성 text.
 */
function withOneWildcard(key: string): RegExp {
  const chars = [...key].map((c) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  return new RegExp(chars.map((_, i) => chars.map((c, j) => (j === i ? '[^\\n]' : c)).join('')).join('|'), 'g');
}

/* ---------- ranking ---------- */

function coverage(grams: string[], key: string): number {
  if (grams.length === 0) return 0;
  let n = 0;
  for (const g of grams) if (key.includes(g)) n++;
  return n / grams.length;
}

interface WordScore {
  score: number;
  /** Compact keys to highlight in the name. */
  keys: string[];
}

function nameScore(e: Entry, w: QueryWord, fuzzyCandidate: boolean, sentence: boolean): WordScore {
  if (w.pattern) {
    const at = patternAt(e, w);
    return at >= 0 ? { score: 1, keys: [e.nameKey.slice(at, at + w.key.length)] } : { score: 0, keys: [] };
  }
  for (const k of w.forms) {
    if (e.nameKey.includes(k)) return { score: 1, keys: [k] };
    if (e.aliasKeys.some((a) => a.includes(k))) return { score: 0.95, keys: [] };
  }
  let best: WordScore = { score: 0, keys: [] };
  const cov = coverage(w.grams, e.nameKey);
  // Keys to highlight are resolved to their longest common run only for the hits shown (spansOf).
  if (cov > 0) best = { score: 0.6 * cov, keys: [w.key] };
  // 자모-level typo: "기초연긍" is one jamo away from a part of "기초연금".
  const key = w.stem ?? w.key;
  // In a sentence only a word with most of its bigrams in the name is worth the 자모 comparison;
  // otherwise a word with `allowed` slips keeps at least all but 2 × allowed of its bigrams.
  const jl = w.jamo.length;
  const allowed = jl >= 15 ? 2 : jl >= 7 ? 1 : 0;
  const grams = w.grams.length;
  const minCov = sentence ? 0.5 : grams > 0 ? Math.max(0, (grams - 2 * allowed) / grams) : 0;
  if (key.length >= 3 && best.score < 0.75 && (fuzzyCandidate && !sentence ? true : cov > 0 && cov >= minCov - 1e-9)) {
    if (allowed > 0) {
      const { distance } = substringDistance(w.jamo, e.nameJamo);
      const typo = distance <= allowed ? (distance === 1 ? 0.8 : 0.65) : 0;
      if (typo > best.score) best = { score: typo, keys: best.keys.length ? best.keys : [key] };
    }
  }
  return best;
}

function textScore(e: Entry, w: QueryWord): number {
  if (w.pattern) return 0;
  for (const k of w.forms) if (inText(e, k)) return 1;
  if (w.grams.length === 0) return 0;
  let n = 0;
  for (const g of w.grams) if (g.length < 2 ? e.textKey.includes(g) : gramInText(e, g)) n++;
  return (0.5 * n) / w.grams.length;
}

function conceptScore(e: Entry, w: QueryWord): WordScore {
  if (w.means.length === 0) return { score: 0, keys: [] };
  const inName: string[] = [];
  let first = -1;
  let foundInText = false;
  w.means.forEach((m, i) => {
    if (e.nameKey.includes(m)) {
      inName.push(m);
      if (first < 0) first = i;
    } else if (!foundInText && (inText(e, m) || e.aliasKeys.some((a) => a.includes(m)))) foundInText = true;
  });
  // A name with the preferred word beats one with a later synonym; naming more of them helps a little.
  let score = inName.length > 0 ? 0.9 - 0.02 * Math.min(first, 5) + 0.04 * Math.min(inName.length - 1, 2) : foundInText ? 0.45 : 0;
  if (score === 0) return { score: 0, keys: [] };
  const tagged =
    w.themes.some((t) => e.p.themes.includes(t)) ||
    w.households.some((h) => e.p.households.includes(h)) ||
    w.lifeStages.some((l) => e.p.lifeStages.includes(l));
  if (tagged) score += 0.1;
  return { score: Math.min(1, score), keys: inName };
}

const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);
function sameConcept(a: QueryWord, b: QueryWord): boolean {
  return a.means.length > 0 && sameList(a.means, b.means) && sameList(a.themes, b.themes) &&
    sameList(a.households, b.households) && sameList(a.lifeStages, b.lifeStages);
}

function scoreEntry(e: Entry, query: AnalysedQuery, bm25: number): { score: number; matchedKeys: string[] } {
  let total = 0;
  let weights = 0;
  const matchedKeys: string[] = [];
  const conceptKeys = new Set<string>();
  let previous: { w: QueryWord; concept: WordScore } | null = null;
  for (const w of query.words) {
    const name = nameScore(e, w, bm25 === 0, query.sentence);
    const text = 0.4 * textScore(e, w);
    // The words of one phrase ("쉴 수 있게") stand for the same vocabulary: scored once.
    const concept: WordScore = previous && sameConcept(previous.w, w) ? previous.concept : conceptScore(e, w);
    previous = { w, concept };
    // Two needs explained by one name word ("긴급복지" for both 실직 and 생활비) are one facet covered, not two.
    const reused = concept.keys.length > 0 && concept.keys.every((k) => conceptKeys.has(k));
    for (const k of concept.keys) conceptKeys.add(k);
    const best = Math.max(name.score, text, reused ? REUSED_CONCEPT * concept.score : concept.score);
    total += w.weight * best;
    weights += w.weight;
    matchedKeys.push(...name.keys, ...concept.keys);
  }
  if (weights === 0 || total === 0) return { score: 0, matchedKeys };
  let score = (10 * total) / weights;
  // The whole query, spaces ignored, as the name or inside it.
  for (const key of query.altKey ? [query.key, query.altKey] : [query.key]) {
    if (e.nameKey === key || e.aliasKeys.includes(key)) score += 4;
    else if (e.nameKey.startsWith(key)) score += 2;
    else if (key.length >= 2 && e.nameKey.includes(key)) {
      score += 1.5;
      matchedKeys.push(key);
    } else continue;
    break;
  }
  score += FACET_BONUS * facetCoverage(e, query.facets);
  // A national programme applies to every caller; a local one only to its residents.
  if (e.p.provider === 'central') score += CENTRAL_PRIOR;
  score += 0.3 * bm25 - 0.004 * Math.min(e.nameKey.length, 60);
  return { score, matchedKeys };
}

const FACET_BONUS = 2;
const REUSED_CONCEPT = 0.7;

/**
 * Share of the situation's facets a programme covers: a need when its vocabulary is in the name or
 * texts (or the programme is tagged with the need's theme), who is asking when the programme is
 * tagged for them (untagged programmes are open to everyone and half cover it).
 */
function facetCoverage(e: Entry, facets: readonly Facet[]): number {
  if (facets.length === 0) return 0;
  let covered = 0;
  let total = 0;
  const p = e.p;
  for (const f of facets) {
    total += f.weight;
    if (f.means.length > 0) {
      if (f.means.some((m) => e.nameKey.includes(m) || inText(e, m))) covered += f.weight;
      else if (f.themes.some((t) => p.themes.includes(t))) covered += 0.5 * f.weight;
      continue;
    }
    const life = f.lifeStages.length === 0 ? null : p.lifeStages.length === 0 ? 0.5 : f.lifeStages.some((l) => p.lifeStages.includes(l)) ? 1 : 0;
    const home = f.households.length === 0 ? null : p.households.length === 0 ? 0.5 : f.households.some((h) => p.households.includes(h)) ? 1 : 0;
    covered += f.weight * Math.max(life ?? 0, home ?? 0);
  }
  return total > 0 ? covered / total : 0;
}

/** How far down the list local near-duplicates are looked for, and how alike two names must be. */
const DUPLICATE_WINDOW = 30;
const DUPLICATE_DICE = 0.6;
const DUPLICATES_KEPT = 2;

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let n = 0;
  for (const g of a) if (b.has(g)) n++;
  return (2 * n) / (a.size + b.size);
}

/**
 * Many local governments run the same programme under nearly the same name ("장애인 휠체어 수리비
 * 지원", "장애인 휠체어 보장구 수리비 지원"): one of them is enough at the top. A local programme
 * whose name is a near-duplicate of two ranked above it moves below the first DUPLICATE_WINDOW
 * hits' distinct ones; central programmes are never moved (their near-identical names are
 * different benefits: 의료급여 본인부담 상한금 / 보상금).
 */
function spreadLocalDuplicates(scored: Scored[]): void {
  const n = Math.min(scored.length, DUPLICATE_WINDOW);
  if (n < 3 || scored.slice(0, 10).every((h) => h.e.p.provider === 'central')) return;
  const kept: number[] = [];
  const moved: Scored[] = [];
  // Each name ranked first of its kind, with how many of its kind are kept (two are: the one a
  // desk's own city runs may be the second).
  const groups: Array<{ at: number; size: number }> = [];
  for (let i = 0; i < n; i++) {
    const h = scored[i]!;
    const group = groups.find((g) => dice(scored[g.at]!.e.nameGrams, h.e.nameGrams) >= DUPLICATE_DICE);
    if (!group) groups.push({ at: i, size: 1 });
    else if (h.e.p.provider !== 'central' && group.size >= DUPLICATES_KEPT) {
      moved.push(h);
      continue;
    } else group.size++;
    kept.push(i);
  }
  if (moved.length === 0) return;
  const front = kept.map((i) => scored[i]!);
  scored.splice(0, n, ...front, ...moved);
}

/** A message's needs each get a place in the first few: the best programme named for each one. */
const NEEDS_SHOWN = 5;
const NEED_MIN_WEIGHT = 0.8;
/** A programme brought forward for a need still has to be this close to the best one. */
const NEED_MIN_SHARE = 0.4;

/**
 * "실직하고 월세도 밀렸어요": the top of the list must not be all one need (every 긴급복지 programme
 * covers "실직" and "당장"). For each named need, its champion is the best-ranked programme whose name
 * holds one of its two preferred words; a champion outside the first NEEDS_SHOWN moves up to the
 * last place of them not taken by another champion. Order within the rest is kept.
 */
function coverNeeds(scored: Scored[], facets: readonly Facet[]): void {
  const needs = facets.filter((f) => f.means.length > 0 && f.weight >= NEED_MIN_WEIGHT);
  if (needs.length === 0 || facets.length < 2 || scored.length <= NEEDS_SHOWN) return;
  const floor = scored[0]!.score * NEED_MIN_SHARE;
  const champions = new Set<Scored>();
  for (const f of [...needs].sort((a, b) => b.weight - a.weight)) {
    for (const m of f.means.slice(0, 2)) {
      const champion = scored.find((h) => h.score >= floor && !champions.has(h) && h.e.nameKey.includes(m));
      if (champion) {
        champions.add(champion);
        break;
      }
    }
  }
  for (const c of champions) {
    const at = scored.indexOf(c);
    if (at < NEEDS_SHOWN) continue;
    // The last place among the first NEEDS_SHOWN that no champion holds.
    let slot = NEEDS_SHOWN - 1;
    while (slot >= 0 && champions.has(scored[slot]!)) slot--;
    if (slot < 0) return;
    scored.splice(at, 1);
    c.score = Math.max(c.score, scored[slot]!.score);
    scored.splice(slot, 0, c);
  }
}

/* ---------- highlighting ---------- */

function longestCommonRun(a: string, b: string): string {
  for (let len = a.length; len >= 2; len--) {
    for (let i = 0; i + len <= a.length; i++) {
      const sub = a.slice(i, i + len);
      if (b.includes(sub)) return sub;
    }
  }
  return '';
}

function toSpan(e: Entry, start: number, end: number): [number, number] {
  const s = e.offsets[start] ?? 0;
  const last = e.offsets[end - 1] ?? s;
  return [s, last + 1];
}

function mergeSpans(spans: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

function spansOf(e: Entry, keys: string[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const key of new Set(keys)) {
    // A word only partly in the name (or with a typo) highlights its longest run found there.
    const k = e.nameKey.includes(key) ? key : longestCommonRun(key, e.nameKey);
    if (k.length < (k === key ? 1 : 2)) continue;
    let at = e.nameKey.indexOf(k);
    while (at >= 0) {
      spans.push(toSpan(e, at, at + k.length));
      at = e.nameKey.indexOf(k, at + k.length);
    }
  }
  return mergeSpans(spans);
}
