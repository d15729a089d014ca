import type { MessageView } from '../../common/desk-api/index.js';
import { dayKey } from '../app/time.js';

export type MessageRow =
  | { kind: 'day'; key: string; at: string }
  | { kind: 'marker'; key: string }
  | { kind: 'message'; key: string; message: MessageView };

/** Messages with a separator at each KST day change and the "새 메시지" marker before `newFromId`. */
export function buildMessageRows(messages: readonly MessageView[], newFromId: string | null): MessageRow[] {
  const rows: MessageRow[] = [];
  let day = '';
  for (const m of messages) {
    const d = dayKey(m.createdAt);
    if (d !== day) {
      rows.push({ kind: 'day', key: `day-${d}`, at: m.createdAt });
      day = d;
    }
    if (m.id === newFromId) rows.push({ kind: 'marker', key: 'new-marker' });
    rows.push({ kind: 'message', key: m.id, message: m });
  }
  return rows;
}

/**
 * Where "새 메시지" goes: before the oldest unread citizen message at the time the conversation
 * was opened, or else before the first citizen message that arrived while it was open.
 */
export function firstNewMessageId(
  messages: readonly MessageView[],
  baseline: { seenIds: ReadonlySet<string>; unreadAtOpen: number },
): string | null {
  const inbound = messages.filter((m) => m.direction === 'inbound');
  if (baseline.unreadAtOpen > 0) {
    const seenInbound = inbound.filter((m) => baseline.seenIds.has(m.id));
    const first = seenInbound[Math.max(0, seenInbound.length - baseline.unreadAtOpen)];
    if (first) return first.id;
  }
  return inbound.find((m) => !baseline.seenIds.has(m.id))?.id ?? null;
}
