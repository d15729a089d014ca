import { z } from 'zod';
import type { Household, LifeStage, ProgrammeFilters } from '../domain/index.js';
import { BENEFIT_LINES, benefitLine, medianIncome, type Benefit } from './median-income.js';

/** What a counsellor enters in the quick screen. */
export const ScreenInput = z.object({
  householdSize: z.number({ error: '가구원 수를 숫자로 입력하세요' }).int('가구원 수는 정수여야 합니다').min(1, '가구원 수는 1명 이상입니다').max(20, '가구원 수는 20명 이하로 입력하세요'),
  monthlyIncome: z.number({ error: '월 소득(소득인정액)을 숫자로 입력하세요' }).min(0, '월 소득은 0원 이상입니다').max(1_000_000_000, '월 소득이 너무 큽니다'),
  age: z.number().int('나이는 정수여야 합니다').min(0, '나이는 0 이상입니다').max(130, '나이를 확인하세요').optional(),
  disability: z.boolean().optional(),
  singleParent: z.boolean().optional(),
});
export type ScreenInput = z.infer<typeof ScreenInput>;

/** Above this share of the median a household is not 차상위 (the common 저소득 cut-off). */
export const LOW_INCOME_PERCENT = 50;

export interface BenefitLineResult {
  benefit: Benefit;
  percent: number;
  /** The line in won per month. */
  threshold: number;
  /** Income at or under the line. */
  within: boolean;
}

export interface ScreenResult {
  householdSize: number;
  medianIncome: number;
  medianVerified: boolean;
  /** Income as a percentage of the median, one decimal. */
  percentOfMedian: number;
  lines: BenefitLineResult[];
  /** The 급여 whose lines the income falls under. */
  within: Benefit[];
  households: Household[];
  lifeStages: LifeStage[];
}

/** 생애주기 by age, following the age bands 복지로 uses (청년 19–34 as in 청년기본법). */
export function lifeStageForAge(age: number): LifeStage {
  if (age < 6) return '영유아';
  if (age < 13) return '아동';
  if (age < 19) return '청소년';
  if (age < 35) return '청년';
  if (age < 65) return '중장년';
  return '노년';
}

/**
 * The quick screen: where a monthly income (소득인정액) sits against the 2026 기준 중위소득 and the
 * 급여 lines. Guidance for the counsellor, not a decision: the real test counts assets and
 * family support obligations.
 */
export function screen(raw: ScreenInput): ScreenResult {
  const input = ScreenInput.parse(raw);
  const median = medianIncome(input.householdSize);
  const lines = BENEFIT_LINES.map(({ benefit, percent }) => {
    const threshold = benefitLine(input.householdSize, percent);
    return { benefit, percent, threshold, within: input.monthlyIncome <= threshold };
  });
  const percentOfMedian = Math.round((input.monthlyIncome / median.monthly) * 1000) / 10;
  const households: Household[] = [];
  if (input.monthlyIncome <= benefitLine(input.householdSize, LOW_INCOME_PERCENT)) households.push('저소득');
  if (input.disability) households.push('장애인');
  if (input.singleParent) households.push('한부모·조손');
  return {
    householdSize: input.householdSize,
    medianIncome: median.monthly,
    medianVerified: median.verified,
    percentOfMedian,
    lines,
    within: lines.filter((l) => l.within).map((l) => l.benefit),
    households,
    lifeStages: input.age === undefined ? [] : [lifeStageForAge(input.age)],
  };
}

/**
 * Searches that list the programmes matching a screen: each 급여 the household falls under by
 * name, then each tag as a filter (combined with the life stage when there is one).
 */
export function screeningQueries(r: ScreenResult): Array<{ q: string; filters: ProgrammeFilters }> {
  const out: Array<{ q: string; filters: ProgrammeFilters }> = r.within.map((b) => ({ q: b, filters: {} }));
  const life = r.lifeStages[0];
  for (const h of r.households) out.push({ q: '', filters: life ? { household: h, life } : { household: h } });
  if (r.households.length === 0 && life) out.push({ q: '', filters: { life } });
  return out;
}
