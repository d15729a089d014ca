import { applyPatch, newConversation } from '../../../server/db/conversations.js';

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
