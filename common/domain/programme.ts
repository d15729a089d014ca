import { z } from 'zod';
import { HttpUrl, Instant, Version } from './primitives.js';
import { Field, Household, LifeStage, Provider, Theme } from './vocabulary.js';

const longText = z.string().max(8000);

/** One welfare programme of the catalogue (복지 서비스). */
export const ProgrammeInput = z.object({
  name: z.string().trim().min(1).max(200),
  summary: longText,
  field: Field,
  lifeStages: z.array(LifeStage).max(LifeStage.options.length),
  households: z.array(Household).max(Household.options.length),
  themes: z.array(Theme).max(Theme.options.length),
  /** 대상 */
  target: longText,
  /** 선정기준 */
  criteria: longText,
  /** 지원내용 */
  benefits: longText,
  /** 신청방법 */
  howToApply: longText,
  /** 문의처 */
  contact: z.string().max(1000),
  /** 근거법령 */
  legalBasis: z.string().max(1000),
  provider: Provider,
  agency: z.string().max(200),
  onlineApplication: z.boolean(),
  sourceUrl: HttpUrl.nullable(),
  /** When the source last changed the entry (복지로 최종수정일), as an instant. */
  sourceUpdatedAt: Instant.nullable(),
  /**
   * Other names the programme is known by (a former name from an older export, a common short
   * name); searched like the name. Optional: added after the first contract, absent = none.
   */
  aliases: z.array(z.string().trim().min(1).max(200)).max(10).optional(),
});
export type ProgrammeInput = z.infer<typeof ProgrammeInput>;

export const Programme = ProgrammeInput.extend({
  /** 복지로 service id (WLF…) where known, otherwise a stable local id. */
  id: z.string().min(1).max(64),
  updatedAt: Instant,
  version: Version,
});
export type Programme = z.infer<typeof Programme>;

export const ProgrammeFilters = z.object({
  field: Field.optional(),
  life: LifeStage.optional(),
  household: Household.optional(),
  theme: Theme.optional(),
  provider: Provider.optional(),
});
export type ProgrammeFilters = z.infer<typeof ProgrammeFilters>;

/** One ranked search hit, with the spans of the name that matched (for highlighting). */
export const ProgrammeHit = z.object({
  id: z.string(),
  score: z.number(),
  /** [start, end) offsets into the programme's name. */
  nameMatches: z.array(z.tuple([z.number().int(), z.number().int()])),
});
export type ProgrammeHit = z.infer<typeof ProgrammeHit>;
