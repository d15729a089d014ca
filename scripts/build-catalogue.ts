/**
 * npm run import:catalogue — builds resources/catalogue/demo-programmes.json from the 복지로 open
 * data: central services + Seoul city-wide services + the 금천구 set. Prints what was skipped.
 *
 * BOKJI_OPEN_DATA_DIR overrides where the open data lives (default: resources/open-data/bokjiro,
 * the vendored copy in this repository).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Programme } from '../common/domain/index.js';
import {
  importCentral, importLocal, isDemoRegion, mergeImports, type ImportResult,
} from './catalogue/index.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function openDataDir(): string {
  return path.resolve(repoRoot, process.env.BOKJI_OPEN_DATA_DIR ?? 'resources/open-data/bokjiro');
}

interface OpenDataFiles {
  csvName: string;
  taggedName: string;
  localName: string;
  exportDate: string;
  csv: string;
  tagged: string;
  local: string;
}

/** Finds the three files by their name patterns (the dates in the names change per export). */
export function readOpenData(dir = openDataDir()): OpenDataFiles {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new Error(`복지로 공공데이터 폴더를 찾을 수 없습니다: ${dir} (set BOKJI_OPEN_DATA_DIR to the folder with central-services-*.csv)`);
  }
  const pick = (re: RegExp, what: string) => {
    const name = names.filter((n) => re.test(n)).sort().at(-1);
    if (!name) throw new Error(`${dir}에 ${what} 파일이 없습니다 (expected a file matching ${re})`);
    return name;
  };
  const csvName = pick(/^central-services-\d{8}\.csv$/, '중앙부처 CSV');
  const taggedName = pick(/^central-services-tagged\.json$/, '중앙부처 태그 JSON');
  const localName = pick(/^local-services-\d{8}\.json$/, '지자체 JSON');
  const d = /(\d{4})(\d{2})(\d{2})/.exec(csvName)!;
  const read = (n: string) => readFileSync(path.join(dir, n), 'utf8');
  return {
    csvName, taggedName, localName, exportDate: `${d[1]}-${d[2]}-${d[3]}`,
    csv: read(csvName), tagged: read(taggedName), local: read(localName),
  };
}

export function importCatalogue(files: OpenDataFiles, scope: 'demo' | 'national'): ImportResult {
  const central = importCentral({ csv: files.csv, tagged: files.tagged, csvName: files.csvName, taggedName: files.taggedName, exportDate: files.exportDate });
  const local = importLocal(files.local, { name: files.localName, ...(scope === 'demo' ? { include: isDemoRegion } : {}) });
  return mergeImports(central, local, files.localName);
}

/** The demo catalogue as the server seeds it. */
export function buildDemoCatalogue(dir?: string): ImportResult {
  return importCatalogue(readOpenData(dir), 'demo');
}

/** Central + every local government: the search benchmark's workload. */
export function buildNationalCatalogue(dir?: string): ImportResult {
  return importCatalogue(readOpenData(dir), 'national');
}

export const DEMO_CATALOGUE_PATH = path.join(repoRoot, 'resources/catalogue/demo-programmes.json');

export function writeDemoCatalogue(programmes: Programme[], file = DEMO_CATALOGUE_PATH): void {
  writeFileSync(file, `${JSON.stringify(programmes, null, 1)}\n`);
}

function main(): void {
  const { programmes, skipped, notes } = buildDemoCatalogue();
  writeDemoCatalogue(programmes);
  const count = (provider: Programme['provider']) => programmes.filter((p) => p.provider === provider).length;
  console.log(`wrote ${programmes.length} programmes to ${path.relative(repoRoot, DEMO_CATALOGUE_PATH)} ` +
    `(central ${count('central')}, seoul ${count('seoul')}, district ${count('district')})`);
  console.log(`skipped ${skipped.length}`);
  for (const s of skipped) console.log(`  ${s.source} row ${s.row}: ${s.reason}`);
  console.log(`imported with notes ${notes.length}`);
  for (const s of notes) console.log(`  ${s.source} row ${s.row}: ${s.reason}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
