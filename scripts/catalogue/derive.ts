import type { Field, Household, LifeStage, Theme } from '../../common/domain/index.js';
import { compactKey } from '../../common/text/index.js';

/**
 * Derivation of tags the open data lacks or gets wrong. Rules are keyword tables over the
 * compact (spaceless) name and summary, so they are easy to read, test and correct; an
 * administrator fixes individual entries afterwards (PUT /programmes/{id}).
 */

const THEME_KEYWORDS: ReadonlyArray<readonly [Theme, readonly string[]]> = [
  ['주거', ['주거', '월세', '임차', '전세', '주택', '집수리', '임대', '보증금', '주거비']],
  ['에너지', ['에너지', '난방', '연탄', '냉방', '전기요금', '가스요금', '도시가스', '연료비', '등유', '차열']],
  ['일자리', ['일자리', '취업', '고용', '구직', '창업', '근로', '직업훈련', '인턴', '채용']],
  ['교육', ['교육', '학습', '학비', '장학', '학자금', '교재', '수업료', '입학', '멘토링', '서울런']],
  ['보육', ['보육', '어린이집', '아이돌봄', '키즈카페', '양육', '육아', '보육료']],
  ['임신·출산', ['임신', '출산', '산모', '산후', '난임', '신생아', '출생', '임산부', '태아']],
  ['입양·위탁', ['입양', '위탁', '가정위탁']],
  ['신체건강', ['건강', '의료', '진료', '치료', '검진', '병원', '질환', '수술', '재활', '예방접종', '의료비', '치과', '보청기', '안경']],
  ['정신건강', ['정신', '심리', '마음', '우울', '자살', '상담치료', '중독', '트라우마']],
  ['보호·돌봄', ['돌봄', '보호', '요양', '간병', '방문서비스', '활동지원', '쉼터', '동행']],
  ['안전·위기', ['긴급', '위기', '폭력', '학대', '안전', '재난', '피해자', '범죄']],
  ['문화·여가', ['문화', '여가', '체육', '관광', '여행', '공연', '도서', '스포츠']],
  ['법률', ['법률', '소송', '변호', '법률구조', '법원']],
  ['서민금융', ['대출', '융자', '저축', '통장', '자산형성', '이자', '금융', '신용회복', '채무']],
  ['생활지원', ['생계', '생활비', '생활안정', '수당', '급여', '감면', '할인', '바우처', '지원금', '식품', '급식', '명절']],
];

const HOUSEHOLD_KEYWORDS: ReadonlyArray<readonly [Household, readonly string[]]> = [
  ['저소득', ['저소득', '기초생활', '수급자', '수급가구', '차상위', '취약계층', '생계급여', '의료급여', '주거급여', '긴급복지', '기초보장']],
  ['장애인', ['장애']],
  ['한부모·조손', ['한부모', '조손', '미혼모', '미혼부', '청소년부모']],
  ['다문화·탈북민', ['다문화', '탈북', '북한이탈', '결혼이민', '외국인']],
  ['다자녀', ['다자녀', '셋째', '세자녀']],
  ['보훈대상자', ['보훈', '국가유공자', '유공자', '참전', '독립유공', '5·18', '518민주']],
];

const LIFE_KEYWORDS: ReadonlyArray<readonly [LifeStage, readonly string[]]> = [
  ['임신·출산', ['임신', '출산', '산모', '임산부', '난임', '산후']],
  ['영유아', ['영유아', '영아', '유아', '신생아', '어린이집', '보육료', '기저귀', '분유']],
  ['아동', ['아동', '어린이', '초등']],
  ['청소년', ['청소년', '중학', '고등학', '학교밖']],
  ['청년', ['청년', '대학생']],
  ['중장년', ['중장년', '중년', '신중년', '4050', '50플러스']],
  ['노년', ['노인', '어르신', '노년', '고령', '기초연금', '경로', '시니어', '치매', '장기요양']],
];

function matchAll<T>(text: string, table: ReadonlyArray<readonly [T, readonly string[]]>): T[] {
  const key = compactKey(text);
  return table.filter(([, kws]) => kws.some((kw) => key.includes(compactKey(kw)))).map(([v]) => v);
}

/** Themes from the name and summary; used where the source has none or an untrustworthy field. */
export const deriveThemes = (text: string): Theme[] => matchAll(text, THEME_KEYWORDS);
/** 가구상황 from the name and summary (the local-services file has no such field). */
export const deriveHouseholds = (text: string): Household[] => matchAll(text, HOUSEHOLD_KEYWORDS);
/** 생애주기 from the name and summary, for rows that carry none. */
export const deriveLifeStages = (text: string): LifeStage[] => matchAll(text, LIFE_KEYWORDS);

export interface FieldEvidence {
  name: string;
  summary: string;
  agency: string;
  lifeStages: readonly LifeStage[];
  households: readonly Household[];
  themes: readonly Theme[];
}

const FIELD_NAME_KEYWORDS: ReadonlyArray<readonly [Field, readonly string[]]> = [
  ['장애인 복지', ['장애', '발달재활', '보조기기', '보장구', '점자', '수어']],
  ['저소득층 지원', ['기초생활', '생계급여', '의료급여', '주거급여', '교육급여', '해산급여', '장제급여', '해산비', '장제비', '차상위', '저소득', '긴급복지', '자활', '기초보장', '수급자', '주택바우처', '디딤돌소득', '에너지바우처']],
  ['보건의료', ['의료', '건강', '진료', '치료', '검진', '질환', '병원', '정신', '심리', '치매', '암환자', '암검진', '소아암', '결핵', '예방접종', '난임', '재활', '마음']],
  ['여성과 가족', ['여성', '가족', '한부모', '임신', '출산', '산모', '산후', '아이돌봄', '보육', '양육', '입양', '다문화', '폭력', '성매매', '부모', '육아', '아동', '신생아', '출생']],
];

/** Agencies whose whole remit points at one field. */
const FIELD_AGENCIES: ReadonlyArray<readonly [Field, readonly string[]]> = [
  ['여성과 가족', ['성평등가족부', '여성가족부', '가족정책', '여성', '아동청소년']],
  ['보건의료', ['질병관리청', '보건소', '건강']],
  ['장애인 복지', ['장애인']],
];

/**
 * The five counselling fields (DESIGN.md §7) by weighted evidence:
 *  - a keyword in the name: 3 points for its field;
 *  - a 가구상황 tag: 장애인 → 장애인 복지, 저소득 → 저소득층 지원, 한부모·조손/다문화·탈북민 → 여성과 가족: 2 points,
 *    only when the programme has at most two 가구상황 tags (one tagged for many groups is for no group in particular);
 *  - a 관심주제 tag: 신체건강/정신건강 → 보건의료, 임신·출산/보육/입양·위탁 → 여성과 가족: 2 points, only with at
 *    most three themes, for the same reason;
 *    생애주기 임신·출산 → 여성과 가족: 1 point;
 *  - the agency (ministry or department): 2 points;
 *  - a keyword in the summary: 1 point.
 * The highest score wins if it reaches 2; ties go to the more specific field in the order
 * 장애인 복지 > 저소득층 지원 > 보건의료 > 여성과 가족. Otherwise 복지일반.
 */
export function deriveField(e: FieldEvidence): Field {
  const score = new Map<Field, number>();
  const add = (f: Field, n: number) => score.set(f, (score.get(f) ?? 0) + n);
  const nameKey = compactKey(e.name);
  const summaryKey = compactKey(e.summary);
  for (const [field, kws] of FIELD_NAME_KEYWORDS) {
    if (kws.some((kw) => nameKey.includes(kw))) add(field, 3);
    if (kws.some((kw) => summaryKey.includes(kw))) add(field, 1);
  }
  if (e.households.length <= 2) {
    if (e.households.includes('장애인')) add('장애인 복지', 2);
    if (e.households.includes('저소득')) add('저소득층 지원', 2);
    if (e.households.includes('한부모·조손') || e.households.includes('다문화·탈북민')) add('여성과 가족', 2);
  }
  if (e.themes.length <= 3) {
    if (e.themes.includes('신체건강') || e.themes.includes('정신건강')) add('보건의료', 2);
    if (e.themes.some((t) => t === '임신·출산' || t === '보육' || t === '입양·위탁')) add('여성과 가족', 2);
  }
  if (e.lifeStages.includes('임신·출산')) add('여성과 가족', 1);
  const agencyKey = compactKey(e.agency);
  for (const [field, kws] of FIELD_AGENCIES) if (kws.some((kw) => agencyKey.includes(kw))) add(field, 2);

  const order: Field[] = ['장애인 복지', '저소득층 지원', '보건의료', '여성과 가족'];
  let best: Field = '복지일반';
  let bestScore = 1;
  for (const f of order) {
    const s = score.get(f) ?? 0;
    if (s > bestScore) {
      best = f;
      bestScore = s;
    }
  }
  return best;
}
