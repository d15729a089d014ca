/**
 * A short, stable name for a citizen who has not given one: "#4821" from the channel's user key
 * (FNV-1a, four digits). The same key always reads the same, so counsellors can say "시민 #4821"
 * to each other; it is a label, not an identifier (two keys may share one).
 */
export function citizenHandle(citizenKey: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < citizenKey.length; i++) {
    h ^= citizenKey.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `#${String(h % 10_000).padStart(4, '0')}`;
}
