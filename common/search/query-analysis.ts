import type { Household, LifeStage, Theme } from '../domain/index.js';
import { bigrams, compactKey, jamo, words } from '../text/index.js';
import { WELFARE_THESAURUS, type ThesaurusEntry } from './thesaurus.js';

/**
 * Words that carry no programme meaning in how people ask ("어떻게 신청해요?"). They still count,
 * lightly, so that a query made only of them ("지원") finds something.
 */
const STOPWORDS = new Set([
  '지원', '신청', '방법', '어떻게', '어디', '어디서', '받을', '받고', '받으려면', '받는', '수', '있나요', '있어요', '있는', '있을까요',
  '문의', '알려', '알려주세요', '주세요', '해요', '싶어요', '싶은데', '뭐', '뭐가', '무엇', '좀', '제가', '저', '저희', '우리', '가능',
  '가능한가요', '되나요', '하나요', '해주세요', '관련', '대상', '자격', '요', '혹시', '궁금', '궁금해요', '합니다', '하는데', '돼요', '필요해요',
  '도와주세요', '도움', '사업', '서비스', '제도', '는데', '같은', '그런', '받을수', '있나', '해', '하고', '싶다', '이', '그', '것',
]);

const STOPWORD_WEIGHT = 0.05;

/** Particles and endings stripped when the whole word does not match ("기초연금은" -> "기초연금"). */
const ENDINGS = [
  '이에요', '예요', '인데요', '인데', '에서요', '에서', '에게', '한테', '으로', '이랑', '하고', '해요', '하는', '이요', '까지', '부터', '처럼',
  '로', '은', '는', '이', '가', '을', '를', '에', '의', '도', '만', '요', '랑', '과', '와',
];

function stripEnding(key: string): string | null {
  for (const e of ENDINGS) {
    if (key.length - e.length >= 2 && key.endsWith(e)) return key.slice(0, -e.length);
  }
  return null;
}

export interface QueryWord {
  key: string;
  /** The word without a trailing particle or ending, when it had one. */
  stem: string | null;
  weight: number;
  grams: string[];
  /** 자모 of the stem (or the word), split: the unit of typo matching. */
  jamo: string[];
  /** Catalogue words this word stands for (from the thesaurus), as compact keys, preferred first. */
  means: string[];
  themes: Theme[];
  households: Household[];
  lifeStages: LifeStage[];
}

export interface AnalysedQuery {
  key: string;
  words: QueryWord[];
  thesaurus: ThesaurusEntry[];
}

interface CompiledEntry {
  entry: ThesaurusEntry;
  says: string[];
  means: string[];
}
const COMPILED: CompiledEntry[] = WELFARE_THESAURUS.map((entry) => ({
  entry,
  says: entry.says.map(compactKey).filter(Boolean),
  means: entry.means.map(compactKey).filter(Boolean),
}));

export function analyseQuery(q: string): AnalysedQuery {
  const ws = words(q).slice(0, 12);
  const key = ws.join('');
  const spans: Array<[number, number]> = [];
  let at = 0;
  for (const w of ws) {
    spans.push([at, at + w.length]);
    at += w.length;
  }
  const out: QueryWord[] = ws.map((w) => {
    const stem = stripEnding(w);
    const stopword = STOPWORDS.has(w) || (stem !== null && STOPWORDS.has(stem));
    return {
      key: w, stem, weight: stopword ? STOPWORD_WEIGHT : 1, grams: bigrams(w), jamo: [...jamo(stem ?? w)],
      means: [], themes: [], households: [], lifeStages: [],
    };
  });
  const matched: ThesaurusEntry[] = [];
  const claimed = new Set<number>();
  for (const c of COMPILED) {
    let hit = false;
    for (const say of c.says) {
      let from = key.indexOf(say);
      while (from >= 0) {
        hit = true;
        const end = from + say.length;
        const covered = spans.map(([s, e], i) => (s < end && from < e ? i : -1)).filter((i) => i >= 0);
        for (const i of covered) {
          const w = out[i]!;
          for (const m of c.means) if (!w.means.includes(m)) w.means.push(m);
          w.themes.push(...(c.entry.themes ?? []));
          w.households.push(...(c.entry.households ?? []));
          w.lifeStages.push(...(c.entry.lifeStages ?? []));
          // One phrase is one need: "돈이 없어요" must not outweigh "집세" by being two words.
          const weight = (c.entry.weight ?? 1) / covered.length;
          w.weight = claimed.has(i) ? Math.max(w.weight, weight) : weight;
          claimed.add(i);
        }
        from = key.indexOf(say, from + 1);
      }
    }
    if (hit) matched.push(c.entry);
  }
  return { key, words: out, thesaurus: matched };
}

