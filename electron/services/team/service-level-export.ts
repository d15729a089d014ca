import ExcelJS from 'exceljs';
import { kstDateTime } from '../../../common/kst/index.js';
import type { ServiceLevelReport } from '../../../common/team/service-levels.js';

const pct = (v: number | null) => (v === null ? '' : Math.round(v * 1000) / 10);
const num = (v: number | null) => (v === null ? '' : v);
const met = (v: boolean | null) => (v === null ? '' : v ? '달성' : '미달');

/** The service-level report as a workbook: one sheet each for chats, calls and satisfaction. */
export async function buildServiceLevelWorkbook(
  report: ServiceLevelReport,
  o: { counsellorName(id: string): string; now: Date },
): Promise<{ fileName: string; mimeType: string; base64: string; rows: number }> {
  const who = (id: string | null) => (id === null ? '팀 전체' : o.counsellorName(id));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bokji Desk';
  wb.created = o.now;
  const sheet = (name: string, headers: string[], rows: (string | number)[][]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = headers.map((h) => ({ header: h, width: Math.max(10, h.length * 2 + 2) }));
    ws.getRow(1).font = { bold: true };
    for (const r of rows) ws.addRow(r);
  };
  sheet('채팅', ['기간', '상담원', '첫 응답 건수', '목표 내 응답', '목표 내 비율(%)', '평균 첫 응답(초, 운영시간)', '종결 건수', '평균 처리(초)', '목표'],
    report.chats.map((r) => [r.period, who(r.counsellorId), r.firstResponses, r.withinTarget, pct(r.withinTargetShare), num(r.avgFirstResponseSeconds), r.resolved, num(r.avgResolutionSeconds), met(r.meetsTarget)]));
  sheet('전화', ['기간', '상담원', '인입', '응답', '목표 내 응답', '응답률(%)', '포기·부재', '포기율(%)', '평균 통화(초)', '목표'],
    report.calls.map((r) => [r.period, who(r.counsellorId), r.offered, r.answered, r.answeredWithinTarget, pct(r.answerRate), r.missed, pct(r.missedRate), num(r.avgHandleSeconds), met(r.meetsTarget)]));
  sheet('만족도', ['기간', '상담원', '질문', '응답', '만족', '보통', '불만', '만족 비율(%)'],
    report.satisfaction.map((r) => [r.period, who(r.counsellorId), r.asked, r.answered, r.satisfied, r.neutral, r.dissatisfied, pct(r.satisfiedShare)]));
  const buf = await wb.xlsx.writeBuffer();
  return {
    fileName: `서비스수준_${kstDateTime(o.now).replace(/[-: ]/g, '').slice(0, 12)}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: Buffer.from(buf as ArrayBuffer).toString('base64'),
    rows: report.chats.length + report.calls.length + report.satisfaction.length,
  };
}
