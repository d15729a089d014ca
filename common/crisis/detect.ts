import type { CrisisKind } from '../domain/index.js';
import { compactKeyWithOffsets, jamo, mostProbable, substringDistance, syllableGrams } from '../text/index.js';
import { crisisClassifier } from './classifier.js';
import { CRISIS_RULES, type CrisisRule } from './rules.js';
import { doneByAnAnimal, victimOf } from './victim.js';

/** What the detector found: the kind, and the citizen's own words that raised it. */
export interface CrisisMatch {
  kind: CrisisKind;
  /** The matched words as written in the message (spaces and all), at most 100 characters. */
  phrase: string;
}

/**
 * Which signal wins when a message raises several: a life in danger first, then a child, then
 * violence, then losing the roof, then food and heat, then someone not answering.
 */
export const CRISIS_PRIORITY: readonly CrisisKind[] = ['self_harm', 'child_abuse', 'violence', 'housing_loss', 'basic_needs', 'isolation'];

/** Chat noise that sits inside words ("죽고ㅠㅠ싶어", "맞았어요ㅋㅋ") and means nothing here; emoji are surrogate pairs. */
const NOISE = /[ㅠㅜㅡ~♡♥…\u2600-\u27bf]|\ufe0f|[\ud800-\udfff]/;
/**
 * NFKC (inside compactKey) turns the compatibility 자모 people type alone ("ㅈㄱㅅㅇ", "ㅠㅠ") into
 * conjoining 자모; the rules are written with the ones on the keyboard, so map them back.
 */
const COMPAT_JAMO = new Map<string, string>();
for (let cp = 0x3131; cp <= 0x318e; cp++) {
  const ch = String.fromCharCode(cp);
  const folded = ch.normalize('NFKC');
  if (folded !== ch && folded.length === 1 && !COMPAT_JAMO.has(folded)) COMPAT_JAMO.set(folded, ch);
}
const CONTEXT = 16;
const PHRASE_MAX = 100;

interface Prepared {
  /** Original text, NFC. */
  text: string;
  key: string;
  /** Offset in `text` of each character of `key`. */
  offsets: number[];
  jamo: string[];
  /** Index in `key` of each 자모 of `jamo`. */
  jamoToKey: number[];
}

function prepare(input: string): Prepared {
  const text = input.normalize('NFC');
  const raw = compactKeyWithOffsets(text);
  // Drop noise, laughter runs (ㅋㅋ, ㅎㅎ) and emphasis ("싶어어어어": a third repeat and later),
  // keeping each kept character's offset in the original text.
  const units = raw.key.split('').map((ch, i) => ({ ch: COMPAT_JAMO.get(ch) ?? ch, at: raw.offsets[i] ?? 0 })).filter((c) => !NOISE.test(c.ch));
  let key = '';
  const offsets: number[] = [];
  for (let i = 0; i < units.length; i++) {
    const c = units[i]!;
    if ((c.ch === 'ㅋ' || c.ch === 'ㅎ') && (units[i - 1]?.ch === c.ch || units[i + 1]?.ch === c.ch)) continue;
    if (units[i - 1]?.ch === c.ch && units[i - 2]?.ch === c.ch) continue;
    key += c.ch;
    offsets.push(c.at);
  }
  const jamoChars: string[] = [];
  const jamoToKey: number[] = [];
  for (let i = 0; i < key.length; i++) {
    for (const j of jamo(key[i]!)) {
      jamoChars.push(j);
      jamoToKey.push(i);
    }
  }
  return { text, key, offsets, jamo: jamoChars, jamoToKey };
}

function phraseOf(p: Prepared, start: number, end: number): string {
  const from = p.offsets[start] ?? 0;
  const to = (p.offsets[Math.max(start, end - 1)] ?? from) + 1;
  return p.text.slice(from, to).replace(/\s+/g, ' ').trim().slice(0, PHRASE_MAX);
}

function excused(rule: CrisisRule, p: Prepared, start: number, end: number): boolean {
  if (startsInsideAnotherWord(p, start)) return true;
  if (!rule.unless) return false;
  return rule.unless.test(p.key.slice(Math.max(0, start - CONTEXT), end + CONTEXT));
}

const HANGUL_SYLLABLE = /[\uAC00-\uD7A3]/;
const WORD_BREAK = /[\s\p{P}]/u;

/**
 * The compact key joins words, so "수급자 해당" holds 자해 and "혼자 살고" holds 자살. A match
 * whose first syllable is the last one of a longer written word, with the rest after a space,
 * is such an accident ("자 살 하고 싶다", spaced on purpose, starts a word and still counts).
 */
function startsInsideAnotherWord(p: Prepared, start: number): boolean {
  const from = p.offsets[start];
  const next = p.offsets[start + 1];
  if (from === undefined || next === undefined || next <= from + 1) return false;
  return WORD_BREAK.test(p.text.slice(from + 1, next)) && HANGUL_SYLLABLE.test(p.text[from - 1] ?? '');
}

const typoCache = new Map<string, string[]>();
const typoJamo = (phrase: string): string[] => {
  let j = typoCache.get(phrase);
  if (!j) typoCache.set(phrase, (j = [...jamo(phrase)]));
  return j;
};

/** The first place the rule matches and is not excused, as [start, end) in the key. */
function matchRule(rule: CrisisRule, p: Prepared): [number, number] | null {
  if (rule.re) {
    const re = new RegExp(rule.re.source, 'gu');
    for (let m = re.exec(p.key); m; m = re.exec(p.key)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!excused(rule, p, start, end)) return [start, end];
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  for (const phrase of rule.typo ?? []) {
    const needle = typoJamo(phrase);
    // One 자모 edit: a slip of the finger, not another word.
    const { distance, end } = substringDistance(needle, p.jamo);
    if (distance > 1 || end === 0) continue;
    const keyEnd = (p.jamoToKey[end - 1] ?? 0) + 1;
    const keyStart = Math.max(0, keyEnd - [...phrase].length);
    if (!excused(rule, p, keyStart, keyEnd)) return [keyStart, keyEnd];
  }
  return null;
}

/** The classifier flags a message when its most probable label is a crisis kind at least this probable. */
const FLAG_PROBABILITY = 0.7;
/**
 * The classifier alone flags only a message with at least this many syllable n-grams (four
 * syllables or so): "저기요" is read by little more than its prior, and the short crisis messages
 * ("죽고싶다", "맞았어요") are the phrase rules' to find.
 */
const MIN_GRAMS = 5;
/** The classifier's kind leads the rules' kinds when it is at least this probable. */
const CLASSIFIER_LEADS = 0.99;
/**
 * A short message (fewer n-grams than this: six syllables or so) that no rule names is flagged by
 * the classifier alone only when it is at least SHORT_FLAG_PROBABILITY sure: a courtesy like
 * "수고 많으십니다" shares a few n-grams with crisis messages and little else.
 */
const SHORT_GRAMS = 12;
const SHORT_FLAG_PROBABILITY = 0.9;
/**
 * The classifier alone flags only a message with one n-gram that speaks for the kind at least
 * this strongly (log-ratio against harmless messages, NaiveBayes.strongestEvidence): naive Bayes
 * adds up everyday n-grams into near-certainty ("우리 강아지 오늘 미용했어요" read as self_harm
 * at p > 0.99, best n-gram 0.7), while a message in crisis holds at least one word of it
 * ("연탄", "노숙", "굶"; 3 to 5). Chosen on the seen held-out rounds (2,100 messages): 2.3 takes
 * 14 of their 61 false alarms away and misses one crisis message more.
 */
const ALONE_EVIDENCE = 2.3;
/**
 * A message that laughs (ㅋㅋ, ㅎㅎ) is flagged by the classifier alone only on an n-gram seen in
 * that kind and never among harmless messages (4.5, about the most there is): "엄마한테 맞을 뻔
 * ㅋㅋ", "밥은 먹고 다니냐 아들아 ㅋㅋ" tell of the family, not of harm. A crisis written with a
 * laugh still raises its phrase rules. On the seen held-out rounds: 6 false alarms fewer, no crisis
 * message missed; in the corpus itself two laughing ones are ("오늘도 한대 맞았다 울남편 손이 매워ㅋㅋ").
 */
const ALONE_EVIDENCE_LAUGHING = 4.5;
const LAUGHTER = /[ㅋㅎ]{2,}|ㅋ(?![가-힣])/u;
/** A phrase rule flags on its own only when the classifier does not find the message clearly harmless. */
const RULE_VETO = 0.5;
/**
 * Whether the classifier, trained on Korean, can read the message: most of its letters are
 * Hangul. A message mostly in English ("My husband hit me … please help") is all unknown words to
 * it and reads as harmless by the prior alone, so there it vetoes no phrase rule.
 */
function readsKorean(text: string): boolean {
  const hangul = text.match(/[가-힣ㄱ-ㅎ]/gu)?.length ?? 0;
  const latin = text.match(/[a-z]/giu)?.length ?? 0;
  return hangul >= latin;
}

/** Where a message splits into the clauses a phrase is taken from. */
const CLAUSE_BREAK = /[.!?。\n,]+|ㅠ{2,}|ㅜ{2,}/;

/** The clause of the message that reads most like this kind: the phrase shown when no rule named one. */
function likeliestClause(text: string, kind: CrisisKind): string {
  const clauses = text.normalize('NFC').split(CLAUSE_BREAK).map((c) => c.replace(/\s+/g, ' ').trim()).filter(Boolean);
  let best = { clause: clauses[0] ?? text.trim(), p: -1 };
  for (const clause of clauses) {
    const p = crisisClassifier().probabilities(clause).get(kind) ?? 0;
    if (p > best.p) best = { clause, p };
  }
  return best.clause.slice(0, PHRASE_MAX);
}

/**
 * All kinds the text raises, each with its phrase, in priority order. The classifier (trained on
 * the labelled corpus) decides first; the phrase rules add the kinds they name, and the citizen's
 * exact words as the phrase. A rule alone flags only a message the classifier does not find
 * harmless: rules see a word, the classifier the whole message ("가정폭력 피해자 지원기관 목록").
 */
export function detectCrisisAll(text: string): CrisisMatch[] {
  if (!text.trim()) return [];
  const p = prepare(text);
  const found = new Map<CrisisKind, CrisisMatch>();
  let means = false;
  const overruled = new Set<CrisisKind>();
  for (const rule of CRISIS_RULES) {
    // A rule of a kind already found still runs when it would add what the first did not: its means, its overrules.
    const adds = !found.has(rule.kind) || (rule.means === true && !means) || (rule.overrules ?? []).some((k) => !overruled.has(k));
    if (!adds) continue;
    const hit = matchRule(rule, p);
    if (!hit) continue;
    means ||= rule.means === true;
    for (const kind of rule.overrules ?? []) overruled.add(kind);
    if (!found.has(rule.kind)) found.set(rule.kind, { kind: rule.kind, phrase: phraseOf(p, hit[0], hit[1]) });
  }
  // Overruled only where no rule of the kind speaks for it.
  for (const kind of overruled) if (found.has(kind)) overruled.delete(kind);
  // One reading of the message serves the flag, the rules' veto, the length and the evidence gates
  // (this runs on every inbound message).
  const grams = syllableGrams(text);
  const probabilities = crisisClassifier().probabilities(grams);
  const best = mostProbable(overruled.size > 0 ? new Map([...probabilities].filter(([label]) => !overruled.has(label as CrisisKind))) : probabilities, 'none');
  const alone = found.size === 0;
  const needed = alone && grams.length < SHORT_GRAMS ? SHORT_FLAG_PROBABILITY : FLAG_PROBABILITY;
  const classified = best.label !== 'none' && best.p >= needed && (!alone || grams.length >= MIN_GRAMS) &&
    (!alone || crisisClassifier().strongestEvidence(grams, best.label, 'none') >= (LAUGHTER.test(text) ? ALONE_EVIDENCE_LAUGHING : ALONE_EVIDENCE)) ? best.label : null;
  if (!classified && (found.size === 0 || (!means && readsKorean(text) && (probabilities.get('none') ?? 0) >= RULE_VETO))) return [];
  if (classified && !found.has(classified)) found.set(classified, { kind: classified, phrase: likeliestClause(text, classified) });
  const ordered = CRISIS_PRIORITY.flatMap((k) => (found.has(k) ? [found.get(k)!] : []));
  // A near-certain reading of the whole message names the kind better than a rule's one word
  // ("편의점 폐기 도시락" is hunger, "불도 안 켜지고" a neighbour not seen), but never ahead of a
  // self-harm phrase: a life in danger leads whatever else the message says. Nor does a lone
  // person's reading lead a violence phrase: a third party who saw an elder kicked writes like a
  // worried neighbour, and the blow is the danger.
  const led = classified && best.p >= CLASSIFIER_LEADS && ordered[0]?.kind !== classified && ordered[0]?.kind !== 'self_harm' &&
    !(classified === 'isolation' && ordered[0]?.kind === 'violence')
    ? [found.get(classified)!, ...ordered.filter((m) => m.kind !== classified)]
    : ordered;
  return byVictim(led, text);
}

/**
 * Violence against a child is child abuse, and abuse of an elder or a spouse is violence, whatever
 * the deed reads like: when the message says whose it is (victim.ts), the leading kind follows.
 */
function byVictim(matches: CrisisMatch[], text: string): CrisisMatch[] {
  const lead = matches[0];
  if (!lead || (lead.kind !== 'violence' && lead.kind !== 'child_abuse')) return matches;
  // A pet's scratch reads to the classifier like a blow; what else the message raises still stands.
  if (doneByAnAnimal(text)) return matches.filter((m) => m.kind !== 'violence' && m.kind !== 'child_abuse');
  const victim = victimOf(text);
  const kind = victim === 'minor' ? 'child_abuse' : victim === null ? lead.kind : 'violence';
  if (kind === lead.kind) return matches;
  // The kind the victim names leads (with its own phrase where a rule found one); the deed's kind follows last.
  const named = matches.find((m) => m.kind === kind) ?? { kind, phrase: lead.phrase };
  return [named, ...matches.filter((m) => m.kind !== kind && m !== lead), lead];
}

/**
 * Reads a citizen's message (or a call log's 주호소) for a crisis: self-harm, violence, child
 * abuse, no food or heat, losing the home, a lone person not answering. Null when none.
 */
export function detectCrisis(text: string): CrisisMatch | null {
  return detectCrisisAll(text)[0] ?? null;
}
