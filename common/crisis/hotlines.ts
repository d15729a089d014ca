import type { Conversation, CrisisKind } from '../domain/index.js';

/** A 24-hour line a counsellor can hand to the citizen (or call on their behalf). */
export interface Hotline {
  name: string;
  number: string;
  /** What it is for, one line. */
  note: string;
}

export const HOTLINES = {
  suicide: { name: '자살예방상담전화', number: '109', note: '24시간 자살 위기 상담' },
  women: { name: '여성긴급전화', number: '1366', note: '가정폭력·성폭력·스토킹 24시간 상담, 긴급 피난' },
  police: { name: '경찰 (아동학대·긴급 신고)', number: '112', note: '아동학대·폭력 현장 신고, 긴급 출동' },
  welfare: { name: '보건복지상담센터', number: '129', note: '24시간 복지 상담, 긴급복지지원 연계' },
} as const satisfies Record<string, Hotline>;

/** 긴급복지지원: not a number of its own; it is applied for through 129 or the 행정복지센터. */
export const EMERGENCY_WELFARE = '긴급복지지원 (생계·주거·의료·난방비): 보건복지상담센터 129 또는 주소지 행정복지센터';

export const CRISIS_KIND_LABELS: Record<CrisisKind, string> = {
  self_harm: '자살·자해 위기',
  violence: '폭력·학대',
  child_abuse: '아동학대',
  basic_needs: '생계 위기 (식사·난방·공과금)',
  housing_loss: '주거 상실 위기',
  isolation: '고립·연락 두절',
};

/** The lines for a kind, the one to call first leading. */
export const HOTLINES_BY_KIND: Record<CrisisKind, readonly Hotline[]> = {
  self_harm: [HOTLINES.suicide, HOTLINES.welfare, HOTLINES.police],
  violence: [HOTLINES.women, HOTLINES.police, HOTLINES.welfare],
  child_abuse: [HOTLINES.police, HOTLINES.welfare],
  basic_needs: [HOTLINES.welfare],
  housing_loss: [HOTLINES.welfare],
  isolation: [HOTLINES.police, HOTLINES.welfare],
};

/** Whether 긴급복지지원 is the help to offer alongside the lines. */
export const OFFERS_EMERGENCY_WELFARE: Record<CrisisKind, boolean> = {
  self_harm: false, violence: true, child_abuse: false, basic_needs: true, housing_loss: true, isolation: false,
};

/**
 * The automatic answer to a crisis message outside hours (instead of the 운영시간 안내): the
 * 24-hour lines first, for every kind, since the citizen may be in danger now.
 */
export function crisisAutoAnswer(kind: CrisisKind): string {
  const lines = HOTLINES_BY_KIND[kind].map((h) => `• ${h.name} ${h.number} (24시간)`);
  const all = [HOTLINES.suicide, HOTLINES.women, HOTLINES.welfare].filter((h) => !HOTLINES_BY_KIND[kind].includes(h)).map((h) => `• ${h.name} ${h.number}`);
  return [
    '지금은 상담 운영시간(평일 09:00–18:00)이 아니지만, 보내 주신 말씀을 확인했습니다.',
    '위험한 상황이라면 지금 바로 아래 24시간 전화로 연락해 주세요. 생명이 위급하면 112 또는 119에 전화하세요.',
    ...lines,
    ...all,
    ...(OFFERS_EMERGENCY_WELFARE[kind] ? [`• ${EMERGENCY_WELFARE}`] : []),
    '상담원이 운영시간이 시작되면 가장 먼저 연락드리겠습니다.',
  ].join('\n');
}

/** Flagged conversations first; otherwise the list keeps the order it had (a stable sort). */
export function byCrisisFirst<T extends Pick<Conversation, 'crisis'>>(a: T, b: T): number {
  return Number(b.crisis != null) - Number(a.crisis != null);
}
