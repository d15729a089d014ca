import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Programme } from '../../../common/domain/index.js';
import { dependsOnIncome } from '../../../common/eligibility/index.js';

const catalogue = JSON.parse(readFileSync(new URL('../../../resources/catalogue/demo-programmes.json', import.meta.url), 'utf8')) as Programme[] | { programmes: Programme[] };
const programmes = Array.isArray(catalogue) ? catalogue : catalogue.programmes;
const byName = (name: string) => programmes.find((p) => p.name === name)!;

describe('소득 간이 판정 suggestions: programmes that really depend on income', () => {
  it('keeps 급여, 차상위, 긴급복지 and income-tested vouchers, drops 저소득-tagged schemes that never look at income', () => {
    for (const name of ['에너지바우처', '저소득층 기저귀·조제분유 지원', '근로·자녀장려금', '긴급복지 의료지원', '청년월세 한시 특별지원']) {
      expect(dependsOnIncome(byName(name)), name).toBe(true);
    }
    for (const name of ['공공산림가꾸기', '과학문화 바우처 지원', '늘봄학교', '학교우유급식']) {
      expect(dependsOnIncome(byName(name)), name).toBe(false);
    }
  });

  it('reads an income test in the texts', () => {
    const p = { name: '어떤 지원', summary: '', target: '기준 중위소득 50% 이하 가구', criteria: '', benefits: '' };
    expect(dependsOnIncome(p)).toBe(true);
    expect(dependsOnIncome({ ...p, target: '관내 거주 아동' })).toBe(false);
  });
});
