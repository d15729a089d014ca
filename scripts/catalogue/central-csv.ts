import { parse } from 'csv-parse/sync';
import { CENTRAL_CSV_COLUMNS, type CentralCsvRow } from './sources.js';
import type { SkippedRow } from './result.js';

/**
 * Reads the 중앙부처 복지서비스 CSV (RFC 4180, UTF-8 with BOM, CRLF). Rows are checked one by
 * one so that a broken row is reported with its record number instead of failing the file.
 * Record numbers count the header as 1, so the first service is row 2.
 */
export function readCentralCsv(text: string, source: string): { rows: Array<{ row: number; value: CentralCsvRow }>; skipped: SkippedRow[] } {
  const skipped: SkippedRow[] = [];
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: true }) as string[][];
  } catch (e) {
    return { rows: [], skipped: [{ source, row: 0, reason: `CSV를 읽을 수 없습니다 (CSV could not be parsed): ${(e as Error).message}` }] };
  }
  const header = (records[0] ?? []).map((h) => h.trim());
  const index = new Map(header.map((h, i) => [h, i]));
  const missing = CENTRAL_CSV_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    return {
      rows: [],
      skipped: [{ source, row: 1, reason: `필수 열이 없습니다 (missing columns): ${missing.join(', ')}` }],
    };
  }
  const rows: Array<{ row: number; value: CentralCsvRow }> = [];
  records.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (cells.length !== header.length) {
      skipped.push({ source, row, reason: `열 개수가 ${cells.length}개로 머리글(${header.length}개)과 다릅니다 (column count mismatch)` });
      return;
    }
    const value = Object.fromEntries(CENTRAL_CSV_COLUMNS.map((c) => [c, (cells[index.get(c)!] ?? '').trim()])) as CentralCsvRow;
    rows.push({ row, value });
  });
  return { rows, skipped };
}
