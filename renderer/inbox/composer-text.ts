import { MESSAGE_MAX_LENGTH, type CannedReply, type Programme } from '../../common/domain/index.js';
import { findSensitive, SENSITIVE_KIND_LABELS, type SensitiveSpan } from '../../common/privacy/index.js';

export interface TemplateVars {
  citizenName: string;
  counsellorName: string;
}

/** Fills {{citizenName}} and {{counsellorName}}; other braces stay as typed. */
export function fillTemplate(body: string, vars: TemplateVars): string {
  return body.replace(/\{\{\s*(citizenName|counsellorName)\s*\}\}/g, (_, k: keyof TemplateVars) => vars[k]);
}

/** The `/word` being typed just before the caret, if the counsellor is asking for a canned reply. */
export function cannedTrigger(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)\/([^\s/]{0,32})$/.exec(before);
  if (!m) return null;
  return { start: caret - m[2]!.length - 1, query: m[2]! };
}

export function matchCanned(replies: readonly CannedReply[], query: string): CannedReply[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...replies];
  return replies.filter(
    (r) => r.title.toLowerCase().includes(q) || (r.shortcut ?? '').toLowerCase().includes(q) || r.body.toLowerCase().includes(q),
  );
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** What {{citizenName}} / {{counsellorName}} become when the name is unknown: sent to the citizen, so Korean in every locale. */
export const CANNED_FALLBACK_NAMES = { citizenName: '고객', counsellorName: '상담사' } as const;

/** A catalogue text that already starts with its own label ("지원 형태: 현금지급") gets no second one. */
const LABELLED = /^[가-힣·\s]{2,12}:\s/;
const labelled = (label: string, text: string) => (LABELLED.test(text) ? text : `${label}: ${text}`);
/** The open data glues an office to its number ("국토교통부1599-0001"): put the space back. */
export const spaceBeforeNumber = (text: string) => text.replace(/([가-힣A-Za-z)])(\d{2,4}-\d{3,4}(?:-\d{4})?\b)/g, '$1 $2');

/**
 * The text of a programme card: what the citizen reads in KakaoTalk, within the channel's limit.
 * The link is not repeated in the text: the card's 자세히 보기 button carries it.
 */
export function programmeCardText(p: Programme): string {
  const parts = [`[${p.name}]`, clip(p.summary.trim(), 300)];
  if (p.benefits.trim()) parts.push(labelled('지원 내용', clip(p.benefits.trim(), 200)));
  if (p.howToApply.trim()) parts.push(labelled('신청 방법', clip(p.howToApply.trim(), 150)));
  if (p.contact.trim()) parts.push(labelled('문의', clip(spaceBeforeNumber(p.contact.trim()), 100)));
  return clip(parts.filter(Boolean).join('\n'), MESSAGE_MAX_LENGTH);
}

/**
 * What the composer warns about before sending. Landline and representative numbers (a 주민센터,
 * 129) are what counsellors send all day, so of phone numbers only mobile ones count: those are a
 * person's own.
 */
export function composerWarnings(text: string): SensitiveSpan[] {
  return findSensitive(text).filter((s) => s.kind !== 'phone' || s.text.replace(/\D/g, '').startsWith('01'));
}

export function sensitiveLabel(s: SensitiveSpan): string {
  return SENSITIVE_KIND_LABELS[s.kind];
}
