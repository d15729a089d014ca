/**
 * 2026 기준 중위소득 (monthly, won), 보건복지부 고시. 1–6인 are the published figures (DESIGN.md §7).
 * For 7인 and more the notice's rule applies: add the difference between 6인 and 5인 for each
 * person beyond six. Those derived figures are marked unverified.
 */
export const MEDIAN_INCOME_2026: Readonly<Record<1 | 2 | 3 | 4 | 5 | 6, number>> = {
  1: 2_564_238,
  2: 4_199_292,
  3: 5_359_036,
  4: 6_494_738,
  5: 7_556_719,
  6: 8_555_952,
};

export const MEDIAN_INCOME_YEAR = 2026;

export interface MedianIncome {
  householdSize: number;
  monthly: number;
  /** False for 7인+ (derived by the rule, not read from the notice). */
  verified: boolean;
}

export function medianIncome(householdSize: number): MedianIncome {
  if (!Number.isInteger(householdSize) || householdSize < 1) {
    throw new RangeError(`가구원 수는 1 이상의 정수여야 합니다 (household size must be a whole number >= 1): ${householdSize}`);
  }
  if (householdSize <= 6) {
    return { householdSize, monthly: MEDIAN_INCOME_2026[householdSize as 1 | 2 | 3 | 4 | 5 | 6], verified: true };
  }
  const step = MEDIAN_INCOME_2026[6] - MEDIAN_INCOME_2026[5];
  return { householdSize, monthly: MEDIAN_INCOME_2026[6] + step * (householdSize - 6), verified: false };
}

/** 급여 selection lines as a percentage of the median (국민기초생활보장법 급여별 선정기준). */
export const BENEFIT_LINES = [
  { benefit: '생계급여', percent: 32 },
  { benefit: '의료급여', percent: 40 },
  { benefit: '주거급여', percent: 48 },
  { benefit: '교육급여', percent: 50 },
] as const;
export type Benefit = (typeof BENEFIT_LINES)[number]['benefit'];

/** The line in won, rounded to the won. */
export function benefitLine(householdSize: number, percent: number): number {
  return Math.round((medianIncome(householdSize).monthly * percent) / 100);
}
