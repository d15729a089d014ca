import { DeskError, type DeskHandlers } from '../../../common/desk-api/index.js';
import { formatKoreanPhone } from '../../../common/phone/index.js';
import type { AccessRecorder } from '../access/access-recorder.js';
import { pendingCopies } from '../outbox/pending-store.js';
import type { Store } from '../store/index.js';

const PHONE_OF = {
  callLog: { sql: 'SELECT caller_phone AS phone FROM call_logs WHERE id = ?', entity: 'call_log' },
  conversation: { sql: 'SELECT citizen_phone AS phone FROM conversations WHERE id = ?', entity: 'conversation' },
  ctiCall: { sql: 'SELECT caller_phone AS phone FROM cti_calls WHERE id = ?', entity: 'cti_call' },
} as const;

/** The reveal control (full phone number of one record) and processing the renderer does itself (print). */
export function createPrivacyHandlers(deps: { store: Store; recorder: AccessRecorder }): DeskHandlers['privacy'] {
  return {
    reveal: async ({ entity, recordId }) => {
      const what = PHONE_OF[entity];
      let row = await deps.store.get<{ phone: string | null }>(what.sql, [recordId]);
      // A record typed here and not yet confirmed by the server lives in local_pending.
      if (!row && entity === 'callLog') {
        const [pending] = await pendingCopies(deps.store, 'callLog', { id: recordId });
        if (pending) row = { phone: (JSON.parse(pending.data) as { callerPhone?: string | null }).callerPhone ?? null };
      }
      if (!row) throw new DeskError('not_found', '기록을 찾을 수 없습니다.');
      if (row.phone) {
        await deps.recorder.record({ action: 'reveal', entity: what.entity, recordId, subject: { phone: row.phone }, reason: null, rows: null });
      }
      return { phone: row.phone ? formatKoreanPhone(row.phone) : null };
    },
    note: async ({ action, entity, recordId, rows, reason }) => {
      await deps.recorder.record({ action, entity, recordId, subject: null, reason, rows });
      return { ok: true as const };
    },
  };
}
