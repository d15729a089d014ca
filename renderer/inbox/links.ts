/** Only web links may be opened from a message; javascript:, file:, data: and the like never. */
export function safeWebUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'()[\]{}]+/gi;

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Splits a message into text and web links, so that links can ask for confirmation before opening. */
export function splitLinks(body: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of body.matchAll(URL_PATTERN)) {
    // A sentence's closing punctuation is not part of the address.
    const text = m[0].replace(/[.,!?;:]+$/, '');
    const start = m.index;
    const href = safeWebUrl(text);
    if (!href) continue;
    if (start > last) parts.push({ kind: 'text', text: body.slice(last, start) });
    parts.push({ kind: 'link', text, href });
    last = start + text.length;
  }
  if (last < body.length) parts.push({ kind: 'text', text: body.slice(last) });
  return parts;
}
