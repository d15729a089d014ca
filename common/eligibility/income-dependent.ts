import type { Programme } from '../domain/index.js';

/**
 * Whether a programme's eligibility really turns on income (so that the 소득 간이 판정 may
 * suggest it): its texts name an income test (기준 중위소득, 소득인정액, 수급자, 차상위, an income
 * ceiling …) or its name and summary say who it is for in income terms (저소득, 취약계층,
 * 장려금, 생계). The 복지로 저소득 tag alone is not enough: it also sits on job schemes and
 * vouchers for "소외 계층" that never look at income (공공산림가꾸기, 과학문화 바우처 지원).
 */
const INCOME_TEST =
  /중위\s*소득|소득\s*인정액|차상위|수급(자|권자|가구)|기초\s*생활|생계\s*급여|의료\s*급여|주거\s*급여|교육\s*급여|긴급\s*복지|소득.{0,12}(이하|미만|%|퍼센트|기준)|건강\s*보험료.{0,12}(이하|기준)|재산.{0,8}(이하|기준)/;
const INCOME_WORDS = /저소득|취약\s*계층|장려금|생계|생활\s*(조정|보호|안정)\s*(수당|비)?|자활|생활비|긴급\s*복지|한부모\s*가족|장애\s*(아동)?\s*수당|재난적\s*의료비|월세|전세\s*자금|행복\s*주택|임대\s*주택/;

export function dependsOnIncome(p: Pick<Programme, 'name' | 'summary' | 'target' | 'criteria' | 'benefits'>): boolean {
  return INCOME_TEST.test([p.name, p.target, p.criteria, p.benefits, p.summary].join('\n')) || INCOME_WORDS.test(`${p.name}\n${p.summary}`);
}
