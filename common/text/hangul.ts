import { disassemble, getChoseong } from 'es-hangul';

const HANGUL_SYLLABLE = /[\uac00-\ud7a3]/;
const CHOSEONG_ONLY = /^[\u3131-\u314e]+$/u;

/** True when the text (spaces ignored) is made of initial consonants only, e.g. "ㄱㅊㅇㄱ". */
export function isChoseongQuery(s: string): boolean {
  const t = s.replace(/\s+/g, '');
  return t.length >= 2 && CHOSEONG_ONLY.test(t);
}

/**
 * 초성 of a compact key, one output character per input character so that offsets carry over:
 * Hangul syllables become their initial consonant, other characters stay as they are.
 */
export function choseongKey(key: string): string {
  let out = '';
  for (const ch of key) out += HANGUL_SYLLABLE.test(ch) ? getChoseong(ch) : ch;
  return out;
}

/** 자모 decomposition ("기초" -> "ㄱㅣㅊㅗ"), the unit of typo tolerance. */
export function jamo(s: string): string {
  return disassemble(s);
}

/** Levenshtein distance between two strings (by code point). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/** Edit distance at the 자모 level: "기초연긍" is one step from "기초연금", not a whole syllable away. */
export function jamoDistance(a: string, b: string): number {
  return editDistance(jamo(a), jamo(b));
}

/**
 * Smallest 자모 edit distance between the needle and any substring of the haystack
 * (approximate substring matching, Sellers' algorithm). Used to rank and highlight typo matches.
 */
export function jamoSubstringDistance(needle: string, haystack: string): { distance: number; end: number } {
  const n = [...jamo(needle)];
  const h = [...jamo(haystack)];
  let prev = Array.from({ length: n.length + 1 }, (_, i) => i);
  let best = { distance: n.length, end: 0 };
  for (let j = 1; j <= h.length; j++) {
    const cur = [0];
    for (let i = 1; i <= n.length; i++) {
      const cost = n[i - 1] === h[j - 1] ? 0 : 1;
      cur[i] = Math.min(prev[i]! + 1, cur[i - 1]! + 1, prev[i - 1]! + cost);
    }
    if (cur[n.length]! < best.distance) best = { distance: cur[n.length]!, end: j };
    prev = cur;
  }
  return best;
}
