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
 * What the counsellor had in front of them when the conversation opened: those messages, and
 * everything older (pages read later by scrolling up are history, not news).
 */
export interface OpenBaseline {
  unreadAtOpen: number;
  seen: (m: MessageView) => boolean;
}

const before = (a: Pick<MessageView, 'createdAt' | 'id'>, b: Pick<MessageView, 'createdAt' | 'id'>) =>
  a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);

export function seenAtOpen(messages: readonly MessageView[], unreadAtOpen: number): OpenBaseline {
  const ids = new Set(messages.map((m) => m.id));
  const oldest = messages[0];
  return { unreadAtOpen, seen: (m) => ids.has(m.id) || (oldest !== undefined && before(m, oldest)) };
}

/**
 * Where "새 메시지" goes: before the oldest unread citizen message at the time the conversation
 * was opened, or else before the first citizen message that arrived while it was open.
 */
export function firstNewMessageId(messages: readonly MessageView[], baseline: OpenBaseline): string | null {
  const inbound = messages.filter((m) => m.direction === 'inbound');
  if (baseline.unreadAtOpen > 0) {
    const seenInbound = inbound.filter((m) => baseline.seen(m));
    const first = seenInbound[Math.max(0, seenInbound.length - baseline.unreadAtOpen)];
    if (first) return first.id;
  }
  return inbound.find((m) => !baseline.seen(m))?.id ?? null;
}
