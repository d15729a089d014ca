const HANGUL = /[\uAC00-\uD7A3\u3131-\u318E]/;
const LATIN_WORD = /[A-Za-z]{2,}/;

/**
 * A message for a counsellor in Korean only. The server and the desk services write their errors
 * as "한국어 문장 (English gloss)" so that logs and API clients can read them; the screen shows the
 * Korean. Parentheses that hold Hangul ("(버전 3)") or no words ("(3)") stay; a message with no
 * Hangul at all is left as it is (the en locale, a raw technical text).
 */
export function koreanOnly(message: string): string {
  if (!HANGUL.test(message)) return message;
  return message
    .replace(/\s*\(([^()]*)\)/g, (whole, inner: string) => (HANGUL.test(inner) || !LATIN_WORD.test(inner) ? whole : ''))
    .replace(/\s+([.,:;!?])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
