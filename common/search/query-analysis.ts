import type { Household, LifeStage, Theme } from '../domain/index.js';
import { bigrams, choseongKey, compactKey, jamo, words } from '../text/index.js';
import { SHORTHAND, SITUATION_FACETS, SPELLINGS, WELFARE_THESAURUS, type ThesaurusEntry } from './thesaurus.js';

/**
 * Words that carry no programme meaning in how people ask ("어떻게 신청해요?"), and the greetings,
 * fillers and verbs of a whole chat message ("안녕하세요 제가 … 있을까요?"). In a short query they
 * still count, lightly, so that a query made only of them ("지원") finds something; in a sentence
 * they are dropped.
 */
const STOPWORDS = new Set([
  '지원', '신청', '방법', '어떻게', '어디', '어디서', '받을', '받고', '받으려면', '받는', '수', '있나요', '있어요', '있는', '있을까요',
  '문의', '알려', '알려주세요', '주세요', '해요', '싶어요', '싶은데', '뭐', '뭐가', '무엇', '좀', '제가', '저', '저희', '우리', '가능',
  '가능한가요', '되나요', '하나요', '해주세요', '관련', '대상', '자격', '요', '혹시', '궁금', '궁금해요', '합니다', '하는데', '돼요', '필요해요',
  '도와주세요', '도움', '사업', '서비스', '제도', '는데', '같은', '그런', '받을수', '있나', '해', '하고', '싶다', '이', '그', '것',
  // greetings and politeness
  '안녕하세요', '안녕하십니까', '안녕', '감사합니다', '고맙습니다', '수고하세요', '수고하십니다', '실례합니다', '여보세요', '저기요', '부탁드립니다',
  '부탁드려요', '부탁해요', '문의드립니다', '문의드려요', '여쭤봅니다', '여쭤볼게요', '궁금합니다', '알고', '싶습니다', '죄송합니다', '죄송한데',
  // fillers, adverbs, time words
  '그런데', '근데', '그래서', '그리고', '그냥', '요즘', '요새', '너무', '정말', '진짜', '많이', '조금', '계속', '자꾸', '지금', '이번에',
  '이번', '다음', '지난', '지난주', '올해', '작년', '매일', '항상', '또', '다', '더', '잘', '못', '안', '거', '게', '데', '곳', '등', '때',
  '때문에', '때문', '같아요', '같은데', '같습니다', '같이', '이제', '아직', '벌써', '한번', '바로', '빨리', '어떡하죠', '어떡해요', '어떡하나요',
  '어떻게요', '어떤', '무슨', '아니면', '혹은', '또는', '제', '내', '나', '저는', '제가요', '분', '사람', '얼마', '얼마예요', '얼마나', '언제',
  '나와요', '나오나요', '나오는', '받나요', '받아요', '받아야', '받아보고', '받으면', '되는', '되요', '될까요', '할까요', '해야', '하나', '하면',
  '해서', '했는데', '했어요', '하는', '할', '한', '된', '될', '되고', '있고', '있는데', '있어서', '없고', '입니다', '이에요', '예요', '인데',
  '인데요', '있습니다', '있을', '있으면', '보니', '보고', '방법이', '신청방법', '신청하려면', '신청하고', '신청해요', '신청하는', '신청은',
  '알려줘', '알려주실', '알려주시면', '가능할까요', '가능한지', '가능해요', '해당', '해당되나요', '해당돼요', '경우', '어떻게해요',
  // how it feels, not what it is about
  '없어요', '없는데', '없습니다', '없고', '힘들어요', '힘들고', '힘듭니다', '힘든데', '어려워요', '어렵고', '어려운데', '걱정이에요', '걱정돼요',
  '완전히', '전혀', '거의', '아주', '매우', '엄청', '되게', '제일', '가장', '도저히', '전부', '모두', '점점', '겨우', '이미', '혼자서는',
  '걱정입니다', '걱정', '부담돼요', '부담되고', '부담스러워요', '막막해요', '막막합니다', '답답해요', '당장', '갑자기', '급해요', '급합니다',
]);
/** In a sentence, a word the thesaurus does not know counts this much (it may still be in a name: "활동지원사"). */
const UNKNOWN_IN_SENTENCE = 0.5;
/**
 * An unknown word that ends like a verb or adjective ("떨어져서", "받으셨어요", "모시려고") tells
 * how things stand, rarely what is needed: it counts less than an unknown noun ("인큐베이터").
 */
const PREDICATE_IN_SENTENCE = 0.2;
const PREDICATE_ENDINGS = [
  '어요', '아요', '여요', '워요', '셔요', '세요', '네요', '데요', '까요', '나요', '가요', '죠', '니다', '는데', '은데', '던데', '해서', '어서', '아서',
  '여서', '셔서', '워서', '려고', '려는데', '면서', '지만', '거든요', '잖아요', '다고', '라고', '대요', '래요', '었어', '았어', '했어', '했고', '었고',
  '았고', '하고요', '고요', '는지', '을지', '는게', '는거', '하게', '시고', '셨는데', '셨어요', '습니다', 'ㅂ니다', '어도', '아도', '으면', '하면',
];
const PARENT = /엄마|아빠|부모/u;
const NEGATION = /^(?:아니에요|아니예요|아니고|아니고요|아닌데|아닌데요|아니라|아니라서|아닙니다|아니구요|아니요)$/u;
const HONORIFIC = /(?:셔서|시는데|시는|셨어|셨는데|셨고|신데|계신|계셔|드시|주무시|편찮|으시)/u;

/** The most the words of one thesaurus entry weigh together, in units of the entry's weight. */
const NEED_REPEAT_CAP = 1.5;

/** A word naming who is asking ("70대인데", "어머니가", "다섯 살"), in a sentence. */
const WHO_IN_SENTENCE = 0.25;

const NUMERALS: Record<string, number> = {
  한: 1, 두: 2, 세: 3, 네: 4, 다섯: 5, 여섯: 6, 일곱: 7, 여덟: 8, 아홉: 9, 열: 10, 스무: 20, 스물: 20, 서른: 30, 마흔: 40, 쉰: 50,
  예순: 60, 일흔: 70, 여든: 80, 아흔: 90,
};
const TENS = '열|스무|스물|서른|마흔|쉰|예순|일흔|여든|아흔';
const UNITS = '한|두|세|네|다섯|여섯|일곱|여덟|아홉';
const AGE = new RegExp(`(?:(\\d{1,3})(?:살|세(?!대))|(?:(${TENS})(${UNITS})?|(${UNITS}))살|(\\d{1,2})개월)`, 'g');
function stageOfAge(years: number): LifeStage {
  return years < 6 ? '영유아' : years < 13 ? '아동' : years < 19 ? '청소년' : years < 35 ? '청년' : years < 65 ? '중장년' : '노년';
}
/** Life stages of the ages a message tells: "7살", "65세", "다섯 살", "스무살", "18개월". */
function ageStages(key: string): LifeStage[] {
  const out = new Set<LifeStage>();
  for (const m of key.matchAll(AGE)) {
    if (m[1]) out.add(stageOfAge(Number(m[1])));
    else if (m[5]) out.add('영유아');
    else out.add(stageOfAge((m[2] ? NUMERALS[m[2]]! : 0) + (m[3] ? NUMERALS[m[3]]! : 0) + (m[4] ? NUMERALS[m[4]]! : 0)));
  }
  return [...out];
}

/** Copulas end like predicates but follow a noun ("수급자인데", "스무살입니다"). */
const COPULA_ENDINGS = ['인데요', '인데', '이에요', '예요', '입니다', '이라서', '라서', '이고', '인가요'];
/** Vowels (중성 index) that the connective -아서/-어서 leaves before 서 when it contracts: 나와서, 떨어져서, 아파서. */
const CONNECTIVE_VOWELS = new Set([0, 1, 4, 5, 6, 7, 9, 10, 11, 14, 15, 16]);
function predicateLike(key: string): boolean {
  if (COPULA_ENDINGS.some((e) => key.endsWith(e))) return false;
  if (PREDICATE_ENDINGS.some((e) => key.length > e.length && key.endsWith(e))) return true;
  // "…서" after an open syllable is the connective; after a closed one it is a noun (진단서, 경찰서).
  if (key.length >= 3 && key.endsWith('서')) {
    const c = key.charCodeAt(key.length - 2) - 0xac00;
    return c >= 0 && c < 11172 && c % 28 === 0 && CONNECTIVE_VOWELS.has(Math.floor(c / 28) % 21);
  }
  return false;
}

const STOPWORD_WEIGHT = 0.05;
/** A message longer than this is read as a sentence: fillers dropped, facets counted. */
const SENTENCE_WORDS = 5;
const MAX_WORDS = 12;

/** Particles and endings stripped when the whole word does not match ("기초연금은" -> "기초연금"). */
const ENDINGS = [
  '이에요', '예요', '인데요', '인데', '에서요', '에서', '에게', '한테', '으로', '이랑', '하고', '해요', '하는', '이요', '까지', '부터', '처럼',
  '이라서', '라서', '이고', '이라', '입니다', '인가요', '이나', '이가', '께서', '에는', '에도', '한테서', '만큼', '밖에',
  '로', '은', '는', '이', '가', '을', '를', '에', '의', '도', '만', '요', '랑', '과', '와',
];

function stripEnding(key: string): string | null {
  for (const e of ENDINGS) {
    if (key.length - e.length >= 2 && key.endsWith(e)) return key.slice(0, -e.length);
  }
  return null;
}

/** "신청방법", "해야하나요": a word made only of stopwords is one. */
function isFiller(key: string): boolean {
  if (STOPWORDS.has(key)) return true;
  const stem = stripEnding(key);
  if (stem !== null && STOPWORDS.has(stem)) return true;
  // Split into stopwords (small dynamic programme over a short word).
  const n = key.length;
  if (n < 3 || n > 12) return false;
  const ok = new Array<boolean>(n + 1).fill(false);
  ok[0] = true;
  for (let i = 1; i <= n; i++) {
    for (let j = Math.max(0, i - 6); j < i && !ok[i]; j++) if (ok[j] && i - j >= 2 && STOPWORDS.has(key.slice(j, i))) ok[i] = true;
  }
  return ok[n]!;
}

const COMPAT_CONSONANT = /[\u3131-\u314e]/u;
const ONLY_CONSONANTS = /^[\u3131-\u314e]+$/u;
/** Chat noise: lone vowels (ㅠㅠ, ㅜㅜ), laughter (ㅋㅋ, ㅎㅎ), emoji. */
const NOISE = /[\u314f-\u3163]+|ㅋ{2,}|ㅎ{2,}|\p{Extended_Pictographic}|\ufe0f/gu;

export interface QueryWord {
  key: string;
  /** The word without a trailing particle or ending, when it had one. */
  stem: string | null;
  /** Other spellings of the word: English ↔ Hangul, a counsellor's abbreviation spelt out. */
  alts: string[];
  /** The word, its stem and its other spellings: what is looked for in names and texts. */
  forms: string[];
  /**
   * A word with 초성 in it ("ㅅㄱ", "청년ㄷㅇㄱㅈ"): its 초성 form, matched against the names' 초성
   * with the written syllables checked in place. Null for ordinary words.
   */
  pattern: string | null;
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

/** One facet of the situation a query describes: a need (thesaurus entry) or who is asking. */
export interface Facet {
  /** Vocabulary of a need; empty for who-is-asking facets. */
  means: string[];
  themes: readonly Theme[];
  households: readonly Household[];
  lifeStages: readonly LifeStage[];
  weight: number;
}

export interface AnalysedQuery {
  key: string;
  /** The key with every word in its other spelling (English in Hangul, abbreviations spelt out). */
  altKey: string | null;
  words: QueryWord[];
  thesaurus: ThesaurusEntry[];
  /** When every meaningful word is 초성 ("ㄱㅊㅇㄱ 신청"): those 초성, joined. */
  choseong: string | null;
  /** Facets of the situation, for sentence-like queries with at least two of them; else empty. */
  facets: Facet[];
  sentence: boolean;
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
const PHRASES = [...new Set(COMPILED.flatMap((c) => c.says))];
const FACETS = SITUATION_FACETS.map((f) => ({ f, says: f.says.map(compactKey).filter(Boolean) }));
/** Every phrase the thesaurus knows, for spelling out 초성 inside a word ("ㄱㅊ수급" -> "기초수급"). */
const SAYS_VOCABULARY = [...new Set([...COMPILED.flatMap((c) => c.says), ...SHORTHAND.keys()])].filter((s) => s.length >= 2);
const LATIN = /[a-z]+/g;
const TO_HANGUL = new Map(SPELLINGS.map((s) => [s.latin, compactKey(s.hangul)]));
const TO_LATIN = SPELLINGS.filter((s) => s.toLatin).map((s) => [compactKey(s.hangul), s.latin] as const);

/** Does `word` (syllables and bare 초성) spell `target` (syllables)? */
function spells(word: string, target: string): boolean {
  if (word.length !== target.length) return false;
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    const t = target[i]!;
    if (c === t) continue;
    if (!COMPAT_CONSONANT.test(c) || choseongKey(t) !== c) return false;
  }
  return true;
}

function alternatives(key: string, stem: string | null): string[] {
  const out = new Set<string>();
  for (const k of [key, stem]) {
    if (!k) continue;
    const short = SHORTHAND.get(k);
    if (short) out.add(compactKey(short));
    if (/[a-z]/.test(k)) {
      const whole = TO_HANGUL.get(k);
      if (whole) out.add(whole);
      const replaced = k.replace(LATIN, (run) => TO_HANGUL.get(run) ?? run);
      if (replaced !== k) out.add(replaced);
    }
    for (const [hangul, latin] of TO_LATIN) if (k.includes(hangul)) out.add(k.replace(hangul, latin));
  }
  out.delete(key);
  return [...out];
}

/** Indices of the words that some thesaurus phrase covers (a phrase across words starts at a word). */
function phraseWords(ws: readonly string[]): Set<number> {
  const key = ws.join('');
  const starts: number[] = [];
  let at = 0;
  for (const w of ws) {
    starts.push(at);
    at += w.length;
  }
  const wordAt = (offset: number) => {
    let i = 0;
    while (i + 1 < starts.length && starts[i + 1]! <= offset) i++;
    return i;
  };
  const out = new Set<number>();
  for (const say of PHRASES) {
    let from = key.indexOf(say);
    while (from >= 0) {
      const first = wordAt(from);
      const last = wordAt(from + say.length - 1);
      if (first === last || starts[first] === from) for (let i = first; i <= last; i++) out.add(i);
      from = key.indexOf(say, from + 1);
    }
  }
  return out;
}

export function analyseQuery(q: string): AnalysedQuery {
  const all = words(q.replace(NOISE, ' ')).map((w) => w.replace(NOISE, '')).filter(Boolean);
  // A whole message: greetings, fillers and verbs go, the situation's words stay.
  const sentence = all.length > SENTENCE_WORDS;
  const spelt = all.map((w) => {
    if (!COMPAT_CONSONANT.test(w) || ONLY_CONSONANTS.test(w)) return w;
    // 초성 inside a word: spell it out from the thesaurus's phrases when one fits exactly.
    const found = SAYS_VOCABULARY.find((s) => spells(w, s));
    return found ?? w;
  });
  // "수급자는 아니에요", "산재는 아니고요": a word denied by the next one is not part of the situation.
  const denied = new Set<number>();
  spelt.forEach((w, i) => {
    if (i > 0 && NEGATION.test(w)) denied.add(i - 1).add(i);
  });
  if (denied.size > 0 && sentence) {
    const kept = spelt.filter((_, i) => !denied.has(i));
    spelt.length = 0;
    spelt.push(...kept);
  }
  // A filler that is part of a phrase the thesaurus knows stays: "돈이 없어요", "당장", "살기 힘들어요".
  const inPhrase = sentence ? phraseWords(spelt) : new Set<number>();
  const content = sentence ? spelt.filter((w, i) => inPhrase.has(i) || !isFiller(w)) : spelt;
  const ws = (content.length > 0 ? content : spelt).slice(0, MAX_WORDS);
  const key = ws.join('');
  const spans: Array<[number, number]> = [];
  let at = 0;
  for (const w of ws) {
    spans.push([at, at + w.length]);
    at += w.length;
  }
  const out: QueryWord[] = ws.map((w) => {
    const hasCho = COMPAT_CONSONANT.test(w);
    const stem = hasCho ? null : stripEnding(w);
    const stopword = !hasCho && isFiller(w);
    const alts = hasCho ? [] : alternatives(w, stem);
    return {
      key: w, stem, alts, forms: [w, ...(stem ? [stem] : []), ...alts], pattern: hasCho ? choseongKey(w) : null,
      weight: stopword ? STOPWORD_WEIGHT : 1, grams: hasCho ? [] : bigrams(w), jamo: hasCho ? [] : [...jamo(stem ?? w)],
      means: [], themes: [], households: [], lifeStages: [],
    };
  });
  const matched: ThesaurusEntry[] = [];
  const facets: Facet[] = [];
  const claimed = new Set<number>();
  /** The entry each word has its weight from. */
  const owner = new Map<number, CompiledEntry>();
  for (const c of COMPILED) {
    let hit = false;
    for (const say of c.says) {
      let from = key.indexOf(say);
      while (from >= 0) {
        const end = from + say.length;
        const covered = spans.map(([s, e], i) => (s < end && from < e ? i : -1)).filter((i) => i >= 0);
        // A phrase across words starts where a word does: "혼자 살게" holds no "자살".
        if (covered.length > 1 && spans[covered[0]!]![0] !== from) {
          from = key.indexOf(say, from + 1);
          continue;
        }
        hit = true;
        for (const i of covered) {
          const w = out[i]!;
          for (const m of c.means) if (!w.means.includes(m)) w.means.push(m);
          w.themes.push(...(c.entry.themes ?? []));
          w.households.push(...(c.entry.households ?? []));
          w.lifeStages.push(...(c.entry.lifeStages ?? []));
          // One phrase is one need: "돈이 없어요" must not outweigh "집세" by being two words.
          const weight = (c.entry.weight ?? 1) / covered.length;
          if (!claimed.has(i) || weight > w.weight) owner.set(i, c);
          w.weight = claimed.has(i) ? Math.max(w.weight, weight) : weight;
          claimed.add(i);
        }
        from = key.indexOf(say, from + 1);
      }
    }
    if (hit) {
      matched.push(c.entry);
      facets.push({
        means: c.means, themes: c.entry.themes ?? [], households: c.entry.households ?? [], lifeStages: c.entry.lifeStages ?? [],
        weight: c.entry.weight ?? 1,
      });
    }
  }
  // One need said several times ("이혼하고 … 혼자 아이 … 한부모") is still one need beside the others.
  for (const c of new Set(owner.values())) {
    const own = [...owner].filter(([, o]) => o === c).map(([i]) => out[i]!);
    const sum = own.reduce((t, w) => t + w.weight, 0);
    const cap = NEED_REPEAT_CAP * (c.entry.weight ?? 1);
    if (sum > cap) for (const w of own) w.weight *= cap / sum;
  }
  // Who the message is about: read on every word, fillers included ("제가 70대인데").
  const whole = spelt.join('');
  const who = new Set<string>();
  for (const { f, says } of FACETS) {
    const hit = says.filter((s) => whole.includes(s));
    if (hit.length === 0) continue;
    for (const h of hit) who.add(h);
    facets.push({ means: [], themes: [], households: f.households ?? [], lifeStages: f.lifeStages ?? [], weight: 0.5 });
  }
  const age = ageStages(whole);
  if (age.length > 0) facets.push({ means: [], themes: [], households: [], lifeStages: age, weight: 0.5 });
  // "갑자기 … 생활비가 없어요": with an urgency cue, a need's 긴급복지 vocabulary comes first.
  if (matched.some((e) => e.urgent)) {
    const urgent = compactKey('긴급복지');
    const first = (means: string[]) => (means.includes(urgent) ? [urgent, ...means.filter((m) => m !== urgent)] : means);
    // (Facets keep their order: each need's champion is still its own programme — 실직 → 국민취업지원제도.)
    for (const w of out) w.means = first(w.means);
  }
  // A grown-up's parent told about with honorifics ("엄마가 … 받으시는데", "아빠가 쓰러지셔서") is older.
  if (PARENT.test(whole) && HONORIFIC.test(whole)) facets.push({ means: [], themes: [], households: [], lifeStages: ['노년', '중장년'], weight: 0.5 });
  // Who-specific vocabulary goes first: "일하고 싶어요" from a 장애인 is about 장애인일자리.
  // (A need's own tags say who too: "자폐" is about a 장애인, "수급자" about a 저소득 household.)
  const whoStages = new Set(facets.flatMap((f) => f.lifeStages));
  const whoHomes = new Set(facets.flatMap((f) => f.households));
  for (const c of COMPILED) {
    if (!c.entry.for || !matched.includes(c.entry)) continue;
    const extra = c.entry.for
      .filter((x) => x.lifeStages?.some((l) => whoStages.has(l)) || x.households?.some((h) => whoHomes.has(h)))
      .flatMap((x) => x.means.map(compactKey));
    if (extra.length === 0) continue;
    const put = (means: string[]) => [...new Set([...extra, ...means])];
    for (const w of out) if (c.means.some((m) => w.means.includes(m))) w.means = put(w.means);
    for (const f of facets) if (f.means === c.means) f.means = put(c.means);
  }
  if (sentence) {
    for (const w of out) {
      if (w.weight !== 1 || w.means.length > 0 || w.alts.length > 0 || w.pattern) continue;
      // A word that says who is asking is counted by its facet; as a word it only finds names that repeat it.
      const isWho = (age.length > 0 && (AGE.test(w.key) || w.key in NUMERALS || w.key.startsWith('살'))) || [...who].some((h) => w.key.includes(h) || h.includes(w.stem ?? w.key));
      w.weight = isWho ? WHO_IN_SENTENCE : predicateLike(w.key) ? PREDICATE_IN_SENTENCE : UNKNOWN_IN_SENTENCE;
      AGE.lastIndex = 0;
    }
  }
  const meaningful = out.filter((w) => w.weight >= 1 || w.means.length > 0);
  const choseong = meaningful.length > 0 && meaningful.every((w) => w.pattern !== null && ONLY_CONSONANTS.test(w.key))
    ? meaningful.map((w) => w.key).join('')
    : null;
  const altKey = out.some((w) => w.alts.length > 0) ? out.map((w) => w.alts[0] ?? w.key).join('') : null;
  return { key, altKey, words: out, thesaurus: matched, choseong, facets: facets.length >= 2 ? facets : [], sentence };
}
