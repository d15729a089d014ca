import type { z } from 'zod';
import { Programme, type Provider } from '../../common/domain/index.js';
import { cleanLine, cleanMultiline } from '../../common/text/index.js';
import { readCentralCsv } from './central-csv.js';
import { deriveField, deriveHouseholds, deriveLifeStages, deriveThemes } from './derive.js';
import type { ImportResult, SkippedRow } from './result.js';
import { LocalFile, LocalRow, TaggedCentralRow, type CentralCsvRow } from './sources.js';
import { currentMinistryName, parseHouseholds, parseLifeStages, parseThemes } from './vocabulary-normalize.js';

const WLF_ID = /^WLF\d{8}$/;
/** 복지로 detail page; the last parameter is 01 for central and 02 for local services. */
export function bokjiroUrl(id: string, kind: 'central' | 'local'): string | null {
  if (!WLF_ID.test(id)) return null;
  return `https://www.bokjiro.go.kr/ssis-tbu/twataa/wlfareInfo/moveTWAT52011M.do?wlfareInfoId=${id}&wlfareInfoReldBztpCd=${kind === 'central' ? '01' : '02'}`;
}

/** "2025-04-10" or "20250410" (a KST calendar date) -> the instant of its start, in UTC. */
export function kstDateToInstant(raw: string): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(raw.trim());
  if (!m) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00+09:00`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The CSV glues site names to URLs ("근로복지공단https://…"): put a space back. */
function unglueUrls(s: string): string {
  return cleanLine(s.replace(/([^\s])(https?:\/\/|www\.)/g, '$1 $2'));
}

function describeBenefit(provision: string, cycle: string): string {
  const parts: string[] = [];
  if (cleanLine(provision)) parts.push(`지원 형태: ${cleanLine(provision)}`);
  if (cleanLine(cycle)) parts.push(`지원 주기: ${cleanLine(cycle)}`);
  return parts.join('\n');
}

/** Shortens a field that exceeds the model's limit at a word boundary, marking the cut with "…". */
function clip(s: string, max: number, note: (msg: string) => void, what: string): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  note(`${what}이(가) ${s.length}자로 길어 ${max}자로 줄였습니다 (field shortened)`);
  return `${space > max * 0.8 ? cut.slice(0, space) : cut}…`;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(행)'}: ${issue.message}` : error.message;
}

function validate(candidate: unknown, source: string, row: number, skipped: SkippedRow[]): Programme | null {
  const parsed = Programme.safeParse(candidate);
  if (parsed.success) return parsed.data;
  skipped.push({ source, row, reason: `프로그램 형식에 맞지 않습니다 (invalid programme): ${firstIssue(parsed.error)}` });
  return null;
}

function parseJson(text: string, source: string, skipped: SkippedRow[]): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    skipped.push({ source, row: 0, reason: `JSON을 읽을 수 없습니다 (invalid JSON): ${(e as Error).message}` });
    return undefined;
  }
}

export interface CentralSources {
  /** central-services-YYYYMMDD.csv contents, or null when absent. */
  csv: string | null;
  /** central-services-tagged.json contents, or null when absent. */
  tagged: string | null;
  csvName?: string;
  taggedName?: string;
  /** Date of the export (YYYY-MM-DD): updatedAt of rows that carry no date of their own. */
  exportDate: string;
}

/**
 * 중앙부처 services: the CSV (dates, contacts, sites) and the tagged list (생애주기/가구상황/관심주제,
 * newer names and ministry names) merged by servId. A service in only one of them is kept.
 */
export function importCentral(src: CentralSources): ImportResult {
  const csvName = src.csvName ?? 'central-services.csv';
  const taggedName = src.taggedName ?? 'central-services-tagged.json';
  const skipped: SkippedRow[] = [];
  const notes: SkippedRow[] = [];
  const fallbackInstant = kstDateToInstant(src.exportDate);
  if (!fallbackInstant) throw new Error(`exportDate must be YYYY-MM-DD, got "${src.exportDate}"`);

  const csvById = new Map<string, { row: number; value: CentralCsvRow }>();
  if (src.csv !== null) {
    const read = readCentralCsv(src.csv, csvName);
    skipped.push(...read.skipped);
    for (const r of read.rows) {
      const id = r.value.서비스아이디;
      if (!id) skipped.push({ source: csvName, row: r.row, reason: '서비스아이디가 비어 있습니다 (empty service id)' });
      else if (!r.value.서비스명) skipped.push({ source: csvName, row: r.row, reason: `${id}: 서비스명이 비어 있습니다 (empty name)` });
      else if (csvById.has(id)) skipped.push({ source: csvName, row: r.row, reason: `${id}: 같은 서비스아이디가 ${csvById.get(id)!.row}행에 이미 있습니다 (duplicate id)` });
      else csvById.set(id, r);
    }
  }

  const taggedById = new Map<string, { row: number; value: TaggedCentralRow }>();
  if (src.tagged !== null) {
    const json = parseJson(src.tagged, taggedName, skipped);
    if (json !== undefined && !Array.isArray(json)) {
      skipped.push({ source: taggedName, row: 0, reason: '최상위가 배열이 아닙니다 (expected a JSON array of services)' });
    } else if (Array.isArray(json)) {
      json.forEach((raw, i) => {
        const row = i + 1;
        const parsed = TaggedCentralRow.safeParse(raw);
        if (!parsed.success) return void skipped.push({ source: taggedName, row, reason: firstIssue(parsed.error) });
        const id = parsed.data.servId.trim();
        if (!id) return void skipped.push({ source: taggedName, row, reason: 'servId가 비어 있습니다 (empty service id)' });
        if (!cleanLine(parsed.data.name)) return void skipped.push({ source: taggedName, row, reason: `${id}: name이 비어 있습니다 (empty name)` });
        if (taggedById.has(id)) return void skipped.push({ source: taggedName, row, reason: `${id}: 같은 servId가 ${taggedById.get(id)!.row}번째 항목에 이미 있습니다 (duplicate id)` });
        taggedById.set(id, { row, value: parsed.data });
      });
    }
  }

  const programmes: Programme[] = [];
  const ids = [...new Set([...csvById.keys(), ...taggedById.keys()])];
  for (const id of ids) {
    const csv = csvById.get(id)?.value;
    const tagged = taggedById.get(id)?.value;
    const where = tagged ? { source: taggedName, row: taggedById.get(id)!.row } : { source: csvName, row: csvById.get(id)!.row };
    // The tagged list is the newer export: its name and ministry win; the CSV name stays searchable.
    const name = cleanLine(tagged?.name || csv?.서비스명 || '');
    const csvName_ = cleanLine(csv?.서비스명 ?? '');
    const aliases = csvName_ && csvName_ !== name ? [csvName_] : [];
    const note = (m: string) => notes.push({ ...where, reason: `${id}: ${m}` });
    const summary = clip(cleanMultiline(tagged?.description || csv?.서비스요약 || ''), 8000, note, '요약');
    const agency = currentMinistryName(tagged?.agency || csv?.소관부처명 || '');
    const text = `${name} ${summary}`;
    const lifeStages = tagged ? parseLifeStages(tagged.lifeArray).values : deriveLifeStages(text);
    const households = tagged ? parseHouseholds(tagged.trgterIndvdlArray).values : deriveHouseholds(text);
    const themes = tagged ? parseThemes(tagged.intrsThemaArray).values : deriveThemes(text);
    const unknownTags = tagged
      ? [...parseLifeStages(tagged.lifeArray).unknown, ...parseHouseholds(tagged.trgterIndvdlArray).unknown, ...parseThemes(tagged.intrsThemaArray).unknown]
      : [];
    if (unknownTags.length > 0) {
      // The service is kept; the tags that fit no vocabulary value are reported rather than lost silently.
      notes.push({ source: where.source, row: where.row, reason: `${id}: 알 수 없는 태그를 건너뜀 (unknown tags ignored): ${unknownTags.join(', ')}` });
    }
    const sourceUpdatedAt = csv ? kstDateToInstant(csv.최종수정일) : null;
    const site = csv ? unglueUrls(csv.사이트) : '';
    const howToApply = [
      tagged?.onapPsbltYn === 'Y' ? '온라인 신청 가능 (복지로)' : '',
      site ? `신청·안내 사이트: ${site}` : '',
    ].filter(Boolean).join('\n');
    const candidate = {
      id,
      name,
      summary,
      field: deriveField({ name, summary, agency, lifeStages, households, themes }),
      lifeStages,
      households,
      themes,
      target: '',
      criteria: '',
      benefits: tagged ? describeBenefit(tagged.srvPvsnNm, tagged.sprtCycNm) : '',
      howToApply,
      contact: csv ? clip(unglueUrls(csv.대표문의), 1000, note, '대표문의') : '',
      legalBasis: '',
      provider: 'central' satisfies Provider,
      agency: [agency, cleanLine(csv?.소관조직명 ?? '')].filter(Boolean).join(' '),
      onlineApplication: tagged?.onapPsbltYn === 'Y',
      sourceUrl: (csv?.서비스URL.startsWith('https://www.bokjiro.go.kr/') ? csv.서비스URL : null) ?? bokjiroUrl(id, 'central'),
      sourceUpdatedAt,
      ...(aliases.length > 0 ? { aliases } : {}),
      updatedAt: sourceUpdatedAt ?? fallbackInstant,
      version: 1,
    };
    const p = validate(candidate, where.source, where.row, skipped);
    if (p) programmes.push(p);
  }
  return { programmes, skipped, notes };
}

export interface LocalImportOptions {
  name?: string;
  /** Which rows to take (by region); all rows when absent. */
  include?: (region: { sido: string; sigungu: string }) => boolean;
}

/**
 * 지자체 services. A row without 시군구 is provided by its 시·도 (provider "seoul": the 광역 tier,
 * which for this Seoul call centre is 서울시); a row with one by the 시·군·구 ("district").
 * The source's `themes` column is wrong on most rows, so themes and 가구상황 are derived from
 * the name and summary instead.
 */
export function importLocal(text: string, opts: LocalImportOptions = {}): ImportResult {
  const source = opts.name ?? 'local-services.json';
  const skipped: SkippedRow[] = [];
  const notes: SkippedRow[] = [];
  const json = parseJson(text, source, skipped);
  if (json === undefined) return { programmes: [], skipped, notes };
  const file = LocalFile.safeParse(json);
  if (!file.success) return { programmes: [], skipped: [{ source, row: 0, reason: firstIssue(file.error) }], notes };
  const fallbackInstant = kstDateToInstant(file.data.fetchedAt ?? '') ?? null;
  const seen = new Map<string, number>();
  const programmes: Programme[] = [];
  file.data.rows.forEach((raw, i) => {
    const row = i + 1;
    const parsed = LocalRow.safeParse(raw);
    if (!parsed.success) return void skipped.push({ source, row, reason: firstIssue(parsed.error) });
    const r = parsed.data;
    if (opts.include && !opts.include({ sido: cleanLine(r.sido), sigungu: cleanLine(r.sigungu) })) return;
    const id = r.id.trim();
    if (!id) return void skipped.push({ source, row, reason: 'id가 비어 있습니다 (empty service id)' });
    const name = cleanLine(r.name);
    if (!name) return void skipped.push({ source, row, reason: `${id}: name이 비어 있습니다 (empty name)` });
    if (seen.has(id)) return void skipped.push({ source, row, reason: `${id}: 같은 id가 ${seen.get(id)}번째 항목에 이미 있습니다 (duplicate id)` });
    seen.set(id, row);
    const summary = clip(cleanMultiline(r.summary), 8000, (m) => notes.push({ source, row, reason: `${id}: ${m}` }), '요약');
    const agency = cleanLine(`${r.sido} ${r.sigungu}`);
    const text_ = `${name} ${summary}`;
    const life = parseLifeStages(r.lifecycle);
    const lifeStages = life.values.length > 0 ? life.values : deriveLifeStages(text_);
    const households = deriveHouseholds(text_);
    const themes = deriveThemes(text_);
    const sourceUpdatedAt = kstDateToInstant(r.updated);
    const updatedAt = sourceUpdatedAt ?? fallbackInstant;
    if (!updatedAt) return void skipped.push({ source, row, reason: `${id}: 수정일(updated)이 없거나 형식이 다릅니다 (no usable date: "${r.updated}")` });
    const candidate = {
      id,
      name,
      summary,
      field: deriveField({ name, summary, agency: r.dept, lifeStages, households, themes }),
      lifeStages,
      households,
      themes,
      target: '',
      criteria: '',
      benefits: describeBenefit(r.provision, r.cycle),
      howToApply: cleanLine(r.applyMethod) ? `신청 방법: ${cleanLine(r.applyMethod)}` : '',
      contact: clip(cleanLine(r.dept), 1000, (m) => notes.push({ source, row, reason: `${id}: ${m}` }), '담당부서'),
      legalBasis: '',
      provider: (cleanLine(r.sigungu) ? 'district' : 'seoul') satisfies Provider,
      agency,
      onlineApplication: /인터넷|모바일/.test(r.applyMethod),
      sourceUrl: r.link.startsWith('https://www.bokjiro.go.kr/') ? r.link : bokjiroUrl(id, 'local'),
      sourceUpdatedAt,
      updatedAt,
      version: 1,
    };
    const p = validate(candidate, source, row, skipped);
    if (p) programmes.push(p);
  });
  return { programmes, skipped, notes };
}

/** Central first, then local rows whose id is not already a central service. */
export function mergeImports(central: ImportResult, local: ImportResult, localName = 'local-services.json'): ImportResult {
  const ids = new Set(central.programmes.map((p) => p.id));
  const skipped = [...central.skipped, ...local.skipped];
  const notes = [...central.notes, ...local.notes];
  const programmes = [...central.programmes];
  for (const p of local.programmes) {
    if (ids.has(p.id)) skipped.push({ source: localName, row: 0, reason: `${p.id}: 중앙부처 서비스와 id가 같아 중앙부처 항목을 사용합니다 (duplicate of a central service)` });
    else {
      ids.add(p.id);
      programmes.push(p);
    }
  }
  return { programmes, skipped, notes };
}
