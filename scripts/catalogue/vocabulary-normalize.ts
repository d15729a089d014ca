import {
  HOUSEHOLDS, LIFE_STAGES, THEMES, type Household, type LifeStage, type Theme,
} from '../../common/domain/index.js';
import { compactKey } from '../../common/text/index.js';

/**
 * The open data spells tags inconsistently ("임신 · 출산" in lifeArray, "임신·출산" in themes,
 * leading spaces after commas). Tags are matched on their compact key, so every spacing and
 * dot variant lands on the one vocabulary value.
 */
function lookup<T extends string>(values: readonly T[], aliases: Record<string, T> = {}): Map<string, T> {
  const map = new Map<string, T>();
  for (const v of values) map.set(compactKey(v), v);
  for (const [alias, v] of Object.entries(aliases)) map.set(compactKey(alias), v);
  return map;
}

const LIFE = lookup<LifeStage>(LIFE_STAGES, { 임신출산: '임신·출산', 출산임신: '임신·출산', 노인: '노년', 어르신: '노년' });
const HOUSE = lookup<Household>(HOUSEHOLDS, { 다문화: '다문화·탈북민', 탈북민: '다문화·탈북민', 한부모: '한부모·조손', 조손: '한부모·조손' });
const THEME = lookup<Theme>(THEMES);

export interface TagParse<T> {
  values: T[];
  /** Tags that matched no vocabulary value (reported, not silently dropped). */
  unknown: string[];
}

function parseTags<T extends string>(raw: string | readonly string[] | null | undefined, map: Map<string, T>): TagParse<T> {
  const parts = typeof raw === 'string' ? raw.split(/[,，]/) : [...(raw ?? [])];
  const values: T[] = [];
  const unknown: string[] = [];
  for (const part of parts) {
    const key = compactKey(part);
    if (!key) continue;
    const v = map.get(key);
    if (v) {
      if (!values.includes(v)) values.push(v);
    } else unknown.push(part.trim());
  }
  return { values, unknown };
}

export const parseLifeStages = (raw: string | readonly string[] | null | undefined) => parseTags(raw, LIFE);
export const parseHouseholds = (raw: string | readonly string[] | null | undefined) => parseTags(raw, HOUSE);
export const parseThemes = (raw: string | readonly string[] | null | undefined) => parseTags(raw, THEME);

/**
 * Ministry names changed in the 2025 government reorganisation; the CSV of 2025-07 still has the
 * old ones. Entries are stored under the current name so that filters and counts agree.
 */
export const MINISTRY_RENAMES: Readonly<Record<string, string>> = {
  여성가족부: '성평등가족부',
  산업통상자원부: '산업통상부',
  환경부: '기후에너지환경부',
  방송통신위원회: '방송미디어통신위원회',
};

export function currentMinistryName(name: string): string {
  const trimmed = name.trim();
  return MINISTRY_RENAMES[trimmed] ?? trimmed;
}
