import { EXPORT_REASON_LABELS, type DeskHandlers, type ExportReason } from '../../../common/desk-api/index.js';
import { normaliseKoreanPhone } from '../../../common/phone/index.js';
import type { AccessFact, AccessRecorder } from './access-recorder.js';

/** A view of one record is logged once per this window, not on every re-render's refetch. */
export const VIEW_DEDUPE_MS = 10 * 60_000;
/** The same search typed again within a minute is one search. */
export const SEARCH_DEDUPE_MS = 60_000;

export function exportReasonText(reason: ExportReason): string {
  const label = EXPORT_REASON_LABELS[reason.kind];
  return reason.text ? `${label}: ${reason.text}` : label;
}

/** A search term that is a phone number becomes the subject; names and other words are not logged. */
function phoneSubject(q: string | undefined): AccessFact['subject'] {
  const phone = q ? normaliseKoreanPhone(q) : null;
  return phone ? { phone } : null;
}

/**
 * Wraps the DeskApi handlers that read citizens' data from the replica, so every such read
 * leaves an access event (DESIGN.md §7), without the feature services knowing about the log.
 */
export function createAuditedHandlers(recorder: AccessRecorder, now: () => Date) {
  const seen = new Map<string, number>();
  async function once(key: string, windowMs: number, fact: AccessFact): Promise<void> {
    const t = now().getTime();
    const last = seen.get(key);
    if (last !== undefined && t - last < windowMs) return;
    seen.set(key, t);
    if (seen.size > 5_000) seen.clear();
    await recorder.record(fact);
  }

  async function searched(text: string, rows: number): Promise<void> {
    const q = text.trim();
    if (!q) return;
    await once(`search:conversation:${q}`, SEARCH_DEDUPE_MS, {
      action: 'search', entity: 'conversation', recordId: null, subject: phoneSubject(q), reason: null, rows,
    });
  }

  return {
    inbox(h: DeskHandlers['inbox']): DeskHandlers['inbox'] {
      return {
        ...h,
        // Opening logs the view; the older pages read while it is open (inbox.messages) are that view.
        get: async (arg) => {
          const detail = await h.get(arg);
          await once(`view:conversation:${arg.conversationId}`, VIEW_DEDUPE_MS, {
            action: 'view', entity: 'conversation', recordId: arg.conversationId,
            subject: { citizenKey: detail.conversation.citizenKey }, reason: null, rows: null,
          });
          return detail;
        },
        list: async (arg) => {
          const rows = await h.list(arg);
          await searched(arg.q, rows.length);
          return rows;
        },
        // The list on screen reads windows; a search is logged once, with the number of matches.
        page: async (arg) => {
          const page = await h.page(arg);
          await searched(arg.q, page.total);
          return page;
        },
      };
    },
    calls(h: DeskHandlers['calls']): DeskHandlers['calls'] {
      return {
        ...h,
        get: async (arg) => {
          const found = await h.get(arg);
          if (found) {
            const phone = found.callLog.callerPhone;
            await once(`view:call_log:${arg.id}`, VIEW_DEDUPE_MS, {
              action: 'view', entity: 'call_log', recordId: arg.id, subject: phone ? { phone } : null, reason: null, rows: null,
            });
          }
          return found;
        },
        list: async (arg) => {
          const rows = await h.list(arg);
          const q = (arg.q ?? '').trim();
          if (q || arg.phone) {
            await once(`search:call_log:${q}:${arg.phone ?? ''}`, SEARCH_DEDUPE_MS, {
              action: 'search', entity: 'call_log', recordId: null, subject: phoneSubject(arg.phone ?? q), reason: null, rows: rows.length,
            });
          }
          return rows;
        },
        history: async (arg) => {
          const found = await h.history(arg);
          await once(`search:history:${arg.phone}`, SEARCH_DEDUPE_MS, {
            action: 'search', entity: 'caller_history', recordId: null, subject: phoneSubject(arg.phone),
            reason: null, rows: found.callLogs.length + found.conversations.length,
          });
          return found;
        },
        export: async (arg) => {
          const file = await h.export(arg);
          // Every export is logged, with its reason and row count (no dedupe).
          await recorder.record({ action: 'export', entity: 'call_log', recordId: null, subject: null, reason: exportReasonText(arg.reason), rows: file.rows });
          return file;
        },
      };
    },
  };
}
