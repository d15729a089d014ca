import { newConversation, systemMessage } from '../../../server/db/conversations.js';
import {
  afterMessage, applyPatch, capacityRefusal, isSameMessage, newMessageRefusal, preview, reopens, retryDelivery, transfersToSomeoneElse,
  TransitionError,
} from '../../../server/domain/conversations.js';

const ME = '10000000-0000-4000-8000-000000000001';
const OTHER = '10000000-0000-4000-8000-000000000002';

describe('applyPatch system messages', () => {
  const c = newConversation('kakao-user-1', '2026-11-27T05:00:00.000Z');
  const now = '2026-11-27T05:01:00.000Z';

  it('says a counsellor took the chat when they assign it to themselves', () => {
    const { events } = applyPatch(c, { assigneeId: ME }, now, { actor: '김민지', actorId: ME, assignee: '김민지' });
    expect(events).toEqual(['김민지 님이 상담을 맡았습니다.']);
  });

  it('names both people when one counsellor assigns another', () => {
    const { events } = applyPatch(c, { assigneeId: OTHER }, now, { actor: '김민지', actorId: ME, assignee: '이서준' });
    expect(events).toEqual(['김민지 님이 이서준 님에게 배정했습니다.']);
  });
});

describe('applyPatch reading', () => {
  const c = { ...newConversation('kakao-user-2', '2026-11-27T05:00:00.000Z'), unreadCount: 3 };
  const now = '2026-11-27T05:01:00.000Z';

  it('leaves the team’s unread count when someone who is not the assignee reads', () => {
    expect(applyPatch(c, { markRead: true }, now, { actor: '김민지', actorId: ME, assignee: null }).next.unreadCount).toBe(3);
    const theirs = { ...c, assigneeId: OTHER };
    expect(applyPatch(theirs, { markRead: true }, now, { actor: '김민지', actorId: ME, assignee: null }).next.unreadCount).toBe(3);
  });

  it('clears it when the assignee reads', () => {
    const mine = { ...c, assigneeId: ME };
    expect(applyPatch(mine, { markRead: true }, now, { actor: '김민지', actorId: ME, assignee: null }).next.unreadCount).toBe(0);
  });
});

describe('applyPatch refusals', () => {
  const c = newConversation('kakao-user-3', '2026-11-27T05:00:00.000Z');
  const now = '2026-11-27T05:01:00.000Z';
  const names = { actor: '김민지', actorId: ME, assignee: null };

  it('refuses heldUntil outside 보류', () => {
    expect(() => applyPatch(c, { heldUntil: '2026-11-28T00:00:00.000Z' }, now, names)).toThrow(TransitionError);
    expect(applyPatch(c, { status: 'held', heldUntil: '2026-11-28T00:00:00.000Z' }, now, names).next.heldUntil).toBe('2026-11-28T00:00:00.000Z');
  });

  it('refuses to dismiss a crisis signal that is not there', () => {
    expect(() => applyPatch(c, { dismissCrisis: '오탐' }, now, names)).toThrow(/해제할 위기 신호가 없습니다/);
  });

  it('tells a reopen from other changes', () => {
    const closed = applyPatch(c, { status: 'closed' }, now, names).next;
    expect(closed.closedAt).toBe(now);
    expect(reopens(c, closed)).toBe(false);
    const reopened = applyPatch(closed, { status: 'open' }, now, names);
    expect(reopens(closed, reopened.next)).toBe(true);
    expect(reopened.next.closedAt).toBeNull();
    expect(reopened.events).toEqual(['김민지 님이 상담을 다시 열었습니다.']);
  });
});

describe('a reply', () => {
  const now = '2026-11-27T05:02:00.000Z';
  const waiting = { ...newConversation('kakao-user-4', '2026-11-27T05:00:00.000Z'), status: 'waiting' as const, unreadCount: 2, waitingSince: '2026-11-27T05:00:30.000Z' };

  it('claims an unassigned conversation for the first one to answer and opens it', () => {
    const next = afterMessage(waiting, { direction: 'outbound', body: '안녕하세요.\n무엇을 도와드릴까요?' }, ME, now);
    expect(next).toMatchObject({ assigneeId: ME, status: 'open', unreadCount: 0, waitingSince: null, lastMessageAt: now, lastMessagePreview: '안녕하세요. 무엇을 도와드릴까요?', version: waiting.version + 1 });
  });

  it('leaves someone else\'s conversation theirs', () => {
    expect(afterMessage({ ...waiting, assigneeId: OTHER }, { direction: 'outbound', body: '네' }, ME, now).assigneeId).toBe(OTHER);
  });

  it('does not claim for an internal note', () => {
    const next = afterMessage(waiting, { direction: 'note', body: '메모' }, ME, now);
    expect(next).toMatchObject({ assigneeId: null, status: 'waiting', unreadCount: 2, updatedAt: now });
  });

  it('is refused in a 종료 conversation, and a programme card needs its programme', () => {
    const closed = { ...waiting, status: 'closed' as const };
    expect(newMessageRefusal(closed, { direction: 'outbound', kind: 'text', programmeId: null })).toMatch(/종료된 상담/);
    expect(newMessageRefusal(closed, { direction: 'note', kind: 'text', programmeId: null })).toBeNull();
    expect(newMessageRefusal(waiting, { direction: 'outbound', kind: 'programme_card', programmeId: null })).toMatch(/programmeId/);
  });

  it('is the same write again only with the same conversation, direction, kind and author', () => {
    const stored = { ...systemMessage(waiting.id, 'x', ME, now), direction: 'outbound' as const, kind: 'text' as const };
    expect(isSameMessage(stored, waiting, { direction: 'outbound', kind: 'text' }, ME)).toBe(true);
    expect(isSameMessage(stored, waiting, { direction: 'outbound', kind: 'text' }, OTHER)).toBe(false);
    expect(isSameMessage(stored, { ...waiting, id: OTHER }, { direction: 'outbound', kind: 'text' }, ME)).toBe(false);
  });

  it('previews one masked line of at most 200 characters', () => {
    expect(preview('a\n\n b')).toBe('a b');
    expect(preview('가'.repeat(300))).toHaveLength(200);
  });
});

describe('capacity', () => {
  const settings = { enabled: true, maxOpenPerCounsellor: 3 };
  const assignee = { displayName: '이서준' };
  const c = newConversation('kakao-user-5', '2026-11-27T05:00:00.000Z');

  it('refuses a counsellor\'s transfer to someone at capacity, naming them', () => {
    expect(capacityRefusal({ role: 'counsellor' }, assignee, settings, 3)).toMatch(/^이서준 님은 이미 상담 3건을 맡고 있어 .*최대 3건/);
    expect(capacityRefusal({ role: 'counsellor' }, assignee, settings, 2)).toBeNull();
  });

  it('lets a supervisor override it, and does not apply while automatic assignment is off', () => {
    expect(capacityRefusal({ role: 'supervisor' }, assignee, settings, 9)).toBeNull();
    expect(capacityRefusal({ role: 'counsellor' }, assignee, { ...settings, enabled: false }, 9)).toBeNull();
  });

  it('is checked only for a transfer to someone else', () => {
    expect(transfersToSomeoneElse(c, ME, ME)).toBe(false);
    expect(transfersToSomeoneElse({ ...c, assigneeId: OTHER }, OTHER, ME)).toBe(false);
    expect(transfersToSomeoneElse(c, OTHER, ME)).toBe(true);
  });
});

describe('retrying a delivery', () => {
  const m = { ...systemMessage(ME, '답장', ME, '2026-11-27T05:00:00.000Z'), direction: 'outbound' as const, delivery: 'failed' as const, deliveryError: '시간 초과' };

  it('puts a failed reply back to pending', () => {
    expect(retryDelivery(m)).toMatchObject({ delivery: 'pending', deliveryError: null });
  });

  it('refuses anything that has not failed', () => {
    expect(() => retryDelivery({ ...m, delivery: 'delivered', deliveryError: null })).toThrow(TransitionError);
  });
});
