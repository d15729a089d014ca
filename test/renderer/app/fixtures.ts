import type { MessageView, SessionState, SyncStatus } from '../../../common/desk-api/index.js';
import type { CannedReply, Conversation, Counsellor } from '../../../common/domain/index.js';

let n = 0;
/** A valid v4 UUID per call, deterministic within a test run. */
export function uuid(): string {
  n += 1;
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

export const ME: Counsellor = { id: '10000000-0000-4000-8000-000000000001', username: 'kim', displayName: '김상담', role: 'counsellor', active: true, presence: 'offline', presenceSince: null };
export const OTHER: Counsellor = { id: '10000000-0000-4000-8000-000000000002', username: 'lee', displayName: '이상담', role: 'counsellor', active: true, presence: 'offline', presenceSince: null };

export const NOW = '2026-11-27T05:00:00.000Z'; // 14:00 KST, a Friday

const SESSION_DEFAULTS = { locked: false, idleLockMinutes: 10, serverUrlEditable: false, offline: false } as const;

export function signedIn(over: Partial<SessionState> = {}): SessionState {
  return { ...SESSION_DEFAULTS, signedIn: true, counsellor: ME, serverUrl: 'http://127.0.0.1:8787', demoHint: null, reason: null, ...over };
}
export function signedOut(over: Partial<SessionState> = {}): SessionState {
  return {
    ...SESSION_DEFAULTS, serverUrlEditable: true,
    signedIn: false, counsellor: null, serverUrl: 'http://127.0.0.1:8787',
    demoHint: { usernames: ['counsellor1', 'admin'], password: 'demo-password-1' }, reason: null, ...over,
  };
}

export function conversation(over: Partial<Conversation> = {}): Conversation {
  return {
    id: uuid(), channel: 'kakao', citizenKey: `user-${n}`, citizenName: `시민${n}`, citizenPhone: '01012345678',
    status: 'open', assigneeId: ME.id, unreadCount: 0, lastMessageAt: NOW, lastMessagePreview: '안녕하세요',
    waitingSince: null, heldUntil: null, afterHoursNoticeAt: null, field: null, summary: null, crisis: null, crisisAnsweredAt: null, satisfaction: null, closedAt: null,
    createdAt: NOW, updatedAt: NOW, version: 1, ...over,
  };
}

export function message(conversationId: string, over: Partial<MessageView> = {}): MessageView {
  return {
    id: uuid(), conversationId, direction: 'inbound', kind: 'text', body: '문의드립니다', imageUrl: null, programmeId: null,
    authorId: null, delivery: null, deliveryError: null, createdAt: NOW, localState: null, localError: null, ...over,
  };
}

export function canned(title: string, body: string, shortcut: string | null = null): CannedReply {
  return { id: uuid(), title, body, shortcut, updatedAt: NOW, version: 1 };
}

export function syncStatus(over: Partial<SyncStatus> = {}): SyncStatus {
  return { state: 'online', queueLength: 0, lastSuccessAt: NOW, lastError: null, initialProgress: null, conflicts: 0, ...over };
}
