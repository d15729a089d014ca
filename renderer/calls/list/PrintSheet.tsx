import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { CallLogView } from '../../../common/desk-api/index.js';
import { kstDateTime } from '../../app/time.js';
import { historyLine } from '../history/caller-facts.js';
import { useCallerHistory } from '../queries.js';

/*
 * The printed record is its own sheet, a direct child of <body>, shown only in print: printing the
 * dialog itself gave only what fitted in its scroll box (일시 and 상담 시간). Everything else on the
 * page is left out of the print.
 */
const PRINT_CSS = `
.calls-print-sheet { display: none; }
@media print {
  @page { size: A4; margin: 15mm; }
  body > *:not(.calls-print-sheet) { display: none !important; }
  body { background: #fff !important; }
  .calls-print-sheet { display: block; color: #000; font-size: 10.5pt; line-height: 1.45; }
  .calls-print-sheet h1 { font-size: 15pt; margin: 0 0 4mm; }
  .calls-print-sheet table { width: 100%; border-collapse: collapse; }
  .calls-print-sheet th, .calls-print-sheet td { border: 0.3mm solid #999; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
  .calls-print-sheet th { width: 32mm; background: #f0f0f0; font-weight: 600; }
  .calls-print-sheet td { white-space: pre-wrap; overflow-wrap: anywhere; word-break: keep-all; }
  .calls-print-sheet tr { break-inside: avoid; }
  .calls-print-sheet footer { margin-top: 4mm; font-size: 9pt; }
}`;

export function PrintSheet({ record, rows }: { record: CallLogView; rows: Array<[string, string]> }) {
  const { t } = useTranslation('calls');
  const history = useCallerHistory(record.callerPhone);
  const others = history.data ? { callLogs: history.data.callLogs.filter((l) => l.id !== record.id), conversations: history.data.conversations } : null;
  return createPortal(
    <div className="calls-print-sheet" aria-hidden="true">
      <style>{PRINT_CSS}</style>
      <h1>{t('printTitle')}</h1>
      <table>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('history')}</th>
            <td>{!record.callerPhone ? t('historyNoPhone') : others ? historyLine(others, kstDateTime) : '…'}</td>
          </tr>
        </tbody>
      </table>
      <footer>
        {t('printedAt', { at: kstDateTime(new Date()) })} · {t('recordId')} {record.id}
      </footer>
    </div>,
    document.body,
  );
}
