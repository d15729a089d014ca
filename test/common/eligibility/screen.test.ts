import { benefitLine, medianIncome, screen, screeningQueries } from '../../../common/eligibility/index.js';

describe('2026 기준 중위소득', () => {
  it('returns the published figures for 1–6인, verified', () => {
    expect(medianIncome(1)).toEqual({ householdSize: 1, monthly: 2_564_238, verified: true });
    expect(medianIncome(4).monthly).toBe(6_494_738);
    expect(medianIncome(6)).toEqual({ householdSize: 6, monthly: 8_555_952, verified: true });
  });

  it('derives 7인+ by adding the 5인→6인 difference per extra person, flagged unverified', () => {
    // 8,555,952 − 7,556,719 = 999,233
    expect(medianIncome(7)).toEqual({ householdSize: 7, monthly: 9_555_185, verified: false });
    expect(medianIncome(8).monthly).toBe(10_554_418);
  });

  it('rejects a household size that is not a whole number of people', () => {
    expect(() => medianIncome(0)).toThrow(/가구원 수/);
    expect(() => medianIncome(2.5)).toThrow(RangeError);
  });

  it('computes the 급여 lines rounded to the won (hand-computed)', () => {
    // 2,564,238 × 0.32 = 820,556.16
    expect(benefitLine(1, 32)).toBe(820_556);
    // 2,564,238 × 0.40 = 1,025,695.2
    expect(benefitLine(1, 40)).toBe(1_025_695);
    // 2,564,238 × 0.48 = 1,230,834.24
    expect(benefitLine(1, 48)).toBe(1_230_834);
    // 6,494,738 × 0.32 = 2,078,316.16 ; × 0.48 = 3,117,474.24 ; × 0.50 = 3,247,369
    expect(benefitLine(4, 32)).toBe(2_078_316);
    expect(benefitLine(4, 48)).toBe(3_117_474);
    expect(benefitLine(4, 50)).toBe(3_247_369);
  });
});

describe('screen', () => {
  it('places a 3인 household with 2,000,000원 between the 생계 and 의료 lines', () => {
    const r = screen({ householdSize: 3, monthlyIncome: 2_000_000 });
    // 2,000,000 / 5,359,036 = 37.32 %
    expect(r.percentOfMedian).toBe(37.3);
    expect(r.lines.map((l) => [l.benefit, l.threshold, l.within])).toEqual([
      ['생계급여', 1_714_892, false],
      ['의료급여', 2_143_614, true],
      ['주거급여', 2_572_337, true],
      ['교육급여', 2_679_518, true],
    ]);
    expect(r.within).toEqual(['의료급여', '주거급여', '교육급여']);
    expect(r.households).toEqual(['저소득']);
    expect(r.medianVerified).toBe(true);
  });

  it('counts income exactly on a line as within it', () => {
    expect(screen({ householdSize: 1, monthlyIncome: 820_556 }).within).toContain('생계급여');
    expect(screen({ householdSize: 1, monthlyIncome: 820_557 }).within).not.toContain('생계급여');
  });

  it('adds tags for disability, single parent and the age band', () => {
    const r = screen({ householdSize: 2, monthlyIncome: 5_000_000, age: 70, disability: true, singleParent: true });
    expect(r.within).toEqual([]);
    expect(r.households).toEqual(['장애인', '한부모·조손']);
    expect(r.lifeStages).toEqual(['노년']);
    expect(screen({ householdSize: 1, monthlyIncome: 0, age: 25 }).lifeStages).toEqual(['청년']);
  });

  it('marks a 7인 screen as resting on an unverified median', () => {
    expect(screen({ householdSize: 7, monthlyIncome: 3_000_000 }).medianVerified).toBe(false);
  });

  it('rejects impossible input with a message a counsellor can act on', () => {
    expect(() => screen({ householdSize: 0, monthlyIncome: 100 })).toThrow(/가구원 수는 1명 이상/);
    expect(() => screen({ householdSize: 2, monthlyIncome: -1 })).toThrow(/0원 이상/);
  });

  it('turns a screen into programme searches: 급여 names first, then tag filters', () => {
    const r = screen({ householdSize: 1, monthlyIncome: 900_000, age: 68, disability: true });
    expect(screeningQueries(r)).toEqual([
      { q: '의료급여', filters: {} },
      { q: '주거급여', filters: {} },
      { q: '교육급여', filters: {} },
      { q: '', filters: { household: '저소득', life: '노년' } },
      { q: '', filters: { household: '장애인', life: '노년' } },
    ]);
  });
});
