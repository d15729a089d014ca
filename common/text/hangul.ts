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
  return substringDistance([...jamo(needle)], [...jamo(haystack)]);
}

/** Sellers' approximate substring distance over already-split symbol arrays (hot path of search). */
export function substringDistance(n: readonly string[], h: readonly string[]): { distance: number; end: number } {
  const m = n.length;
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) prev[i] = i;
  let best = { distance: m, end: 0 };
  for (let j = 1; j <= h.length; j++) {
    cur[0] = 0;
    const hj = h[j - 1];
    for (let i = 1; i <= m; i++) {
      const sub = prev[i - 1]! + (n[i - 1] === hj ? 0 : 1);
      const del = prev[i]! + 1;
      const ins = cur[i - 1]! + 1;
      cur[i] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    if (cur[m]! < best.distance) {
      best = { distance: cur[m]!, end: j };
      if (best.distance === 0) break;
    }
    [prev, cur] = [cur, prev];
  }
  return best;
}
