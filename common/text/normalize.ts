/**
 * Korean text normalisation for search and import. Counsellors type fast and inconsistently
 * (spacing, full-width characters, middle dots), so everything is compared through these keys.
 */

/**
 * NFKC turns the compatibility 자모 people type alone ("ㄱㅊ", "ㅠㅠ") into conjoining 자모
 * (U+1100…); after recomposition the ones left alone are mapped back to the keyboard's forms.
 */
const COMPAT_JAMO = new Map<string, string>();
for (let cp = 0x3131; cp <= 0x3163; cp++) {
  const ch = String.fromCharCode(cp);
  const folded = ch.normalize('NFKC');
  if (folded !== ch && folded.length === 1 && !COMPAT_JAMO.has(folded)) COMPAT_JAMO.set(folded, ch);
}
const CONJOINING_JAMO = /[\u1100-\u11ff]/gu;

/** NFKC folds full-width letters and compatibility characters; NFC recomposes Hangul. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').normalize('NFC').toLowerCase().replace(CONJOINING_JAMO, (ch) => COMPAT_JAMO.get(ch) ?? ch);
}

// Middle dots and similar separators appear in names in several Unicode forms ("임신·출산", "임신ㆍ출산").
const SEPARATORS = /[\s\u00b7\u318d\u119e\u2027\u2022\u30fb\u00a0.,/()[\]{}<>「」『』"'`~!?:;·|+\-_=*&^%$#@\\]+/gu;

/** Lower-cased key with spaces and punctuation removed: "기초 연금" and "기초연금" share one key. */
export function compactKey(s: string): string {
  return normalizeText(s).replace(SEPARATORS, '');
}

/** Words of a text, split on spaces and punctuation, normalised. */
export function words(s: string): string[] {
  return normalizeText(s).split(SEPARATORS).filter(Boolean);
}

/**
 * A compact key together with, for each of its characters, the offset of that character in the
 * original string: lets search highlight matches found on the spaceless key in the real name.
 */
export function compactKeyWithOffsets(s: string): { key: string; offsets: number[] } {
  let key = '';
  const offsets: number[] = [];
  // Work per UTF-16 unit of the NFC string; NFKC may change lengths, so fold per character.
  const nfc = s.normalize('NFC');
  for (let i = 0; i < nfc.length; i++) {
    const folded = compactKey(nfc[i] ?? '');
    for (const ch of folded) {
      key += ch;
      offsets.push(i);
    }
  }
  return { key, offsets };
}

/** Character bigrams of a key; a one-character key is its own gram. Korean has no reliable word boundaries. */
export function bigrams(key: string): string[] {
  const chars = [...key];
  if (chars.length <= 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Collapse runs of spaces inside lines, trim lines, turn "- " bullets into "• ", drop empty lines. */
export function cleanMultiline(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim().replace(/^[-*·ㆍ•○◦▪]\s*/u, '• '))
    .filter((line) => line.length > 0)
    .join('\n');
}

/** One-line cleanup for names and short fields. */
export function cleanLine(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}
