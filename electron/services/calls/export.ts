import ExcelJS from 'exceljs';
import { CALL_ACTION_LABELS, CALL_CHANNEL_LABELS, type CallLog } from '../../../common/domain/index.js';
import { formatKoreanPhone, maskKoreanPhone } from '../../../common/phone/index.js';
import { kstDateTime } from '../../../common/kst/index.js';
import { maskResidentNumbers, maskSensitive } from '../../../common/privacy/index.js';

export interface ExportOptions {
  format: 'xlsx' | 'csv';
  /** Admins see full phone numbers; everyone else gets them masked. */
  admin: boolean;
  counsellorName(id: string): string;
  /** The programme's name for an id (the id itself when the catalogue does not know it). */
  programmeName(id: string): string;
  /** Used in the file name (KST). */
  now: Date;
  /** Who exported and why (개인정보 반출 기록): written into the file itself. */
  provenance: { by: string; reason: string };
}

/** The who/when/why block: the first lines of a CSV, the first sheet and the properties of an XLSX. */
export function provenanceRows(o: ExportOptions, rows: number): [string, string][] {
  return [
    ['내보낸 사람', o.provenance.by],
    ['내보낸 시각', `${kstDateTime(o.now)} (KST)`],
    ['사유', o.provenance.reason],
    ['행 수', String(rows)],
    ['전화번호', o.admin ? '전체 표시 (관리자)' : '가림 처리'],
    ['주의', '개인정보가 포함된 파일입니다. 사유 외의 용도로 쓰거나 외부로 보내지 마십시오.'],
  ];
}

interface Column {
  header: string;
  width: number;
  value(log: CallLog, o: ExportOptions): string | number;
}

/**
 * Free text never carries a 주민등록번호 out; for a non-admin, phone, card and account numbers
 * typed into notes are masked too, like the phone column.
 */
const txt = (s: string | null | undefined, o: ExportOptions): string => {
  // Every masked kind has at least six digits in a row or in groups; most free text has none.
  if (!s || !/\d{3}/.test(s)) return s ?? '';
  return o.admin ? maskResidentNumbers(s) : maskSensitive(s);
};

/** The exported columns, in order, with Korean headers. */
export const EXPORT_COLUMNS: readonly Column[] = [
  { header: '상담일시', width: 18, value: (l) => kstDateTime(l.startedAt) },
  { header: '상담시간(초)', width: 10, value: (l) => l.durationSec },
  { header: '채널', width: 8, value: (l) => CALL_CHANNEL_LABELS[l.channel] },
  { header: '상담원', width: 12, value: (l, o) => o.counsellorName(l.counsellorId) },
  { header: '성명', width: 12, value: (l, o) => (l.callerName ? txt(l.callerName, o) : '익명') },
  {
    header: '전화번호',
    width: 15,
    value: (l, o) => (l.callerPhone ? (o.admin ? formatKoreanPhone(l.callerPhone) : maskKoreanPhone(l.callerPhone)) : ''),
  },
  { header: '거주 동', width: 10, value: (l, o) => txt(l.dong, o) },
  { header: '분야', width: 12, value: (l) => l.field ?? '' },
  { header: '세부 주제', width: 14, value: (l, o) => txt(l.subTopic, o) },
  { header: '주호소', width: 40, value: (l, o) => txt(l.need, o) },
  { header: '연계 프로그램', width: 30, value: (l, o) => l.programmeIds.map((id) => o.programmeName(id)).join(', ') },
  { header: '조치', width: 12, value: (l) => (l.action ? CALL_ACTION_LABELS[l.action] : '') },
  { header: '연계 기관', width: 16, value: (l, o) => txt(l.agency, o) },
  { header: '위기가구', width: 8, value: (l) => (l.crisis ? '예' : '아니오') },
  { header: '콜백 예정', width: 18, value: (l) => (l.callbackAt ? kstDateTime(l.callbackAt) : '') },
  { header: '콜백 완료', width: 18, value: (l) => (l.callbackDoneAt ? kstDateTime(l.callbackDoneAt) : '') },
  { header: '메모', width: 40, value: (l, o) => txt(l.notes, o) },
  { header: '기록 ID', width: 38, value: (l) => l.id },
  // The ids stay available for matching against other systems, in a column of their own.
  { header: '연계 프로그램 ID', width: 20, value: (l) => l.programmeIds.join(', ') },
];

export const EXPORT_HEADERS = EXPORT_COLUMNS.map((c) => c.header);

/** A cell that a spreadsheet would run as a formula (=, +, -, @) is prefixed with a quote. */
function csvCell(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function fileStamp(now: Date): string {
  return kstDateTime(now).replace(/[-: ]/g, '').slice(0, 12);
}

export async function buildExport(
  logs: readonly CallLog[],
  o: ExportOptions,
): Promise<{ fileName: string; mimeType: string; base64: string; rows: number }> {
  const rows = logs.map((l) => EXPORT_COLUMNS.map((c) => c.value(l, o)));
  const base = `상담기록_${fileStamp(o.now)}`;
  if (o.format === 'csv') {
    // The header block comes first, then an empty line, then the table (spreadsheets show both).
    const block = provenanceRows(o, rows.length).map(([k, v]) => [`# ${k}`, v]);
    const lines = [...block, [], EXPORT_HEADERS, ...rows].map((r) => r.map(csvCell).join(','));
    // The BOM makes Excel read the file as UTF-8 instead of the system code page (CP949).
    const body = `\uFEFF${lines.join('\r\n')}\r\n`;
    return { fileName: `${base}.csv`, mimeType: 'text/csv;charset=utf-8', base64: Buffer.from(body, 'utf8').toString('base64'), rows: rows.length };
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = o.provenance.by;
  wb.lastModifiedBy = o.provenance.by;
  wb.created = o.now;
  wb.title = '상담기록 내보내기';
  wb.subject = o.provenance.reason;
  wb.description = provenanceRows(o, rows.length).map(([k, v]) => `${k}: ${v}`).join('\n');
  wb.keywords = '개인정보, 반출';
  wb.company = 'Bokji Desk';
  const info = wb.addWorksheet('반출 정보');
  info.columns = [{ header: '항목', width: 14 }, { header: '내용', width: 70 }];
  info.getRow(1).font = { bold: true };
  for (const r of provenanceRows(o, rows.length)) info.addRow(r);
  const ws = wb.addWorksheet('상담기록', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  const buf = await wb.xlsx.writeBuffer();
  return {
    fileName: `${base}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: Buffer.from(buf as ArrayBuffer).toString('base64'),
    rows: rows.length,
  };
}
