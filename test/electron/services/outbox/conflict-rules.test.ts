import type { Conversation } from '../../../../common/domain/index.js';
import { refusedWhat } from '../../../../electron/services/outbox/outbox-sender.js';
import { decidedFields, seenFields, stillAsSeen } from '../../../../electron/services/outbox/outbox-payloads.js';

const ME = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const conversation = (over: Partial<Conversation> = {}): Conversation => ({
  id: '33333333-3333-4333-8333-333333333333', channel: 'kakao', citizenKey: 'k', citizenName: null, citizenPhone: null, status: 'open',
  assigneeId: null, unreadCount: 1, lastMessageAt: null, lastMessagePreview: null, waitingSince: null, heldUntil: null, afterHoursNoticeAt: null,
  field: null, summary: null, crisis: null, crisisAnsweredAt: null, closedAt: null, createdAt: '2026-03-02T01:00:00.000Z',
  updatedAt: '2026-03-02T01:00:00.000Z', version: 2, ...over,
} as Conversation);

describe('a conversation patch on an older version', () => {
  it('is re-based when the server still has what the counsellor saw in the fields it decides', () => {
    const seenClaim = seenFields(conversation(), { assigneeId: ME });
    expect(seenClaim).toEqual({ assigneeId: null });
    // The 운영시간 안내 or a citizen's message made version 3: still unassigned, the claim stands.
    expect(stillAsSeen(conversation({ version: 3, lastMessagePreview: '또 문의', unreadCount: 2 }), seenClaim)).toBe(true);
    // Someone else took it meanwhile: a real conflict.
    expect(stillAsSeen(conversation({ version: 3, assigneeId: OTHER }), seenClaim)).toBe(false);

    // A hold queued behind this desk's unconfirmed claim saw the claim (assignee) but decides only status and time.
    const seenHold = seenFields(conversation({ assigneeId: ME }), { status: 'held', heldUntil: null, comment: '서류 확인' });
    expect(seenHold).toEqual({ status: 'open', heldUntil: null });
    expect(stillAsSeen(conversation({ version: 4, assigneeId: ME }), seenHold)).toBe(true);
    expect(stillAsSeen(conversation({ version: 4, status: 'closed' }), seenHold)).toBe(false);
    // A write queued before `seen` was stored keeps the old rule: conflict.
    expect(stillAsSeen(conversation({ version: 4 }), undefined)).toBe(false);
  });

  it('decides the crisis signal when it dismisses one, and nothing with only a comment or a read mark', () => {
    expect(decidedFields({ dismissCrisis: '오탐' })).toEqual(['crisis']);
    expect(decidedFields({ comment: '메모', markRead: true })).toEqual([]);
  });

  it('names what was refused in Korean', () => {
    const item = (op: string, payload: unknown) => ({ op, payload: JSON.stringify(payload) });
    expect(refusedWhat(item('conversation.patch', { patch: { status: 'held' } }))).toBe('보류를');
    expect(refusedWhat(item('conversation.patch', { patch: { status: 'open' }, seen: { status: 'held' } }))).toBe('보류 해제를');
    expect(refusedWhat(item('conversation.patch', { patch: { status: 'open' }, seen: { status: 'closed' } }))).toBe('다시 열기를');
    expect(refusedWhat(item('conversation.patch', { patch: { assigneeId: ME } }))).toBe('배정 변경을');
    expect(refusedWhat(item('callLog.put', {}))).toBe('상담 기록 저장을');
    expect(refusedWhat(item('message.create', {}))).toBe('메시지 전송을');
  });
});
