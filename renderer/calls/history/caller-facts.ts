import type { CallLog, Conversation } from '../../../common/domain/index.js';

export interface CallerHistoryData {
  callLogs: CallLog[];
  conversations: Conversation[];
}

/** The caller's name as the desk knows it: the newest record that has one, else a chat's. */
export function knownName(h: CallerHistoryData): string | null {
  const fromLog = [...h.callLogs].sort((a, b) => b.startedAt.localeCompare(a.startedAt)).find((l) => l.callerName?.trim());
  if (fromLog?.callerName) return fromLog.callerName;
  return h.conversations.find((c) => c.citizenName?.trim())?.citizenName ?? null;
}

/** The earliest callback still open for this number (promised and not done), if any. */
export function openCallback(h: CallerHistoryData): CallLog | null {
  return h.callLogs.filter((l) => l.callbackAt && !l.callbackDoneAt).sort((a, b) => a.callbackAt!.localeCompare(b.callbackAt!))[0] ?? null;
}

/** One line for a print or a pop-up: how many earlier records and chats, and the newest of them. */
export function historyLine(h: CallerHistoryData, fmt: (iso: string) => string): string {
  const newest = [...h.callLogs].sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
  const parts = [`이전 상담 기록 ${h.callLogs.length}건`, `카카오톡 상담 ${h.conversations.length}건`];
  if (newest) parts.push(`최근 ${fmt(newest.startedAt)}${newest.need ? ` ${newest.need.slice(0, 40)}` : ''}`);
  return parts.join(' · ');
}
