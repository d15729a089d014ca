import { z } from 'zod';

/** Shapes of the three 복지로 open-data files (resources/open-data/bokjiro/README.md). */

export const CENTRAL_CSV_COLUMNS = [
  '서비스아이디', '서비스명', '서비스URL', '서비스요약', '사이트', '대표문의', '소관부처명', '소관조직명', '기준연도', '최종수정일',
] as const;
export type CentralCsvRow = Record<(typeof CENTRAL_CSV_COLUMNS)[number], string>;

const str = z.string().catch('');
const tagList = z.union([z.string(), z.array(z.string())]).nullish().transform((v) => v ?? '');

/** central-services-tagged.json: one element of the top-level array. */
export const TaggedCentralRow = z.object({
  servId: z.string({ error: 'servId(서비스 아이디)가 없습니다' }),
  name: z.string({ error: 'name(서비스명)이 없습니다' }),
  description: str,
  agency: str,
  hashtags: z.array(z.string()).catch([]),
  sprtCycNm: str,
  srvPvsnNm: str,
  onapPsbltYn: str,
  lifeArray: tagList,
  trgterIndvdlArray: tagList,
  intrsThemaArray: tagList,
});
export type TaggedCentralRow = z.infer<typeof TaggedCentralRow>;

/** local-services-*.json: one of `rows`. */
export const LocalRow = z.object({
  id: z.string({ error: 'id(서비스 아이디)가 없습니다' }),
  name: z.string({ error: 'name(서비스명)이 없습니다' }),
  summary: str,
  sido: str,
  sigungu: str,
  dept: str,
  applyMethod: str,
  provision: str,
  cycle: str,
  lifecycle: tagList,
  /** Unreliable in the source (서민금융 on most rows): read but never used for filtering. */
  themes: tagList,
  link: str,
  views: z.number().catch(0),
  updated: z.union([z.string(), z.number()]).transform(String).catch(''),
});
export type LocalRow = z.infer<typeof LocalRow>;

export const LocalFile = z.object({
  source: z.string().optional(),
  fetchedAt: z.string().optional(),
  count: z.number().optional(),
  rows: z.array(z.unknown(), { error: '"rows" 배열이 없습니다: 지자체 복지서비스 JSON 형식이 아닙니다' }),
});
