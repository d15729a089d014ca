import { toDeskError } from '../../common/desk-api/index.js';

/** The reason a printed consultation record carries in the access log. */
export const PRINT_REASON = '상담 기록 출력';

/**
 * Prints one record after its access event is written (the print itself happens in the
 * renderer, which the services would not otherwise see). Printing is refused if the log is.
 */
export async function printRecord(recordId: string): Promise<void> {
  try {
    await window.desk.privacy.note({ action: 'print', entity: 'call_log', recordId, rows: 1, reason: PRINT_REASON });
  } catch (err) {
    window.alert(toDeskError(err).message);
    return;
  }
  window.print();
}
