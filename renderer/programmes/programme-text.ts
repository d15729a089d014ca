import type { Programme } from '../../common/domain/index.js';

export const ATTRIBUTION = '출처: 한국사회보장정보원 복지서비스정보, 공공데이터포털';

/** Plain text of a programme for the clipboard: name, summary, how to apply, contact, link. */
export function programmeClipboardText(p: Programme): string {
  return [
    `[${p.name}]`,
    p.summary,
    p.howToApply && `신청 방법: ${p.howToApply}`,
    p.contact && `문의: ${p.contact}`,
    p.sourceUrl && `자세히 보기: ${p.sourceUrl}`,
    ATTRIBUTION,
  ]
    .filter(Boolean)
    .join('\n');
}

/** The name cut into plain and matched pieces, for highlighting. Spans may be unsorted or overlap. */
export function highlightPieces(name: string, spans: ReadonlyArray<readonly [number, number]>): Array<{ text: string; match: boolean }> {
  const marks = new Array<boolean>(name.length).fill(false);
  for (const [s, e] of spans) for (let i = Math.max(0, s); i < Math.min(name.length, e); i++) marks[i] = true;
  const out: Array<{ text: string; match: boolean }> = [];
  for (let i = 0; i < name.length; i++) {
    const last = out.at(-1);
    if (last && last.match === marks[i]) last.text += name[i];
    else out.push({ text: name[i]!, match: marks[i]! });
  }
  return out;
}

/** Longest query the lookup sends (ProgrammeQuery.q in common/rest); longer messages are cut. */
export const PROGRAMME_QUERY_MAX = 200;
