import { DEFAULT_SERVICE_LEVEL_TARGETS } from '../../../common/domain/index.js';
import { businessSecondsBetween } from '../../../common/hours/index.js';
import { firstResponses, serviceLevelReport, type SlaCall, type SlaConversation, type SlaMessage } from '../../../common/team/service-levels.js';

/** KST wall clock -> ISO instant. */
const k = (wall: string) => new Date(`${wall}+09:00`).toISOString();
const C1 = 'c1';
const C2 = 'c2';

/*
 * Hand-counted fixture (2026-12-01 is a Tuesday, 12-02 Wednesday, 12-03 Thursday; hours 09–18):
 *   A: citizen 09:00, 09:01; c1 replies 09:03                      -> 180 s (within 300)
 *   B: citizen 08:30 (before opening); c2 replies 09:02             -> 120 s business (32 min on the wall)
 *   C: citizen 11:00; automatic notice 11:00:01 and a note 11:02 do not count; c1 replies 11:10 -> 600 s
 *   D: citizen 12-02 17:55; c2 replies 12-03 09:03                  -> 300 + 180 = 480 s
 *   E: citizen 14:00, never answered                                -> no first response
 */
const messages: SlaMessage[] = [
  { conversationId: 'A', direction: 'inbound', authorId: null, createdAt: k('2026-12-01T09:00:00') },
  { conversationId: 'A', direction: 'inbound', authorId: null, createdAt: k('2026-12-01T09:01:00') },
  { conversationId: 'A', direction: 'outbound', authorId: C1, createdAt: k('2026-12-01T09:03:00') },
  { conversationId: 'A', direction: 'inbound', authorId: null, createdAt: k('2026-12-01T09:05:00') },
  { conversationId: 'A', direction: 'outbound', authorId: C1, createdAt: k('2026-12-01T09:30:00') },
  { conversationId: 'B', direction: 'outbound', authorId: C2, createdAt: k('2026-12-01T09:02:00') },
  { conversationId: 'B', direction: 'inbound', authorId: null, createdAt: k('2026-12-01T08:30:00') },
  { conversationId: 'C', direction: 'inbound', authorId: null, createdAt: k('2026-12-01T11:00:00') },
  { conversationId: 'C', direction: 'outbound', authorId: null, createdAt: k('2026-12-01T11:00:01') },
  { conversationId: 'C', direction: 'note', authorId: C1, createdAt: k('2026-12-01T11:02:00') },
  { conversationId: 'C', direction: 'outbound', authorId: C1, createdAt: k('2026-12-01T11:10:00') },
  { conversationId: 'D', direction: 'inbound', authorId: null, createdAt: k('2026-12-02T17:55:00') },
  { conversationId: 'D', direction: 'outbound', authorId: C2, createdAt: k('2026-12-03T09:03:00') },
  { conversationId: 'E', direction: 'inbound', authorId: null, createdAt: k('2026-12-01T14:00:00') },
];

const conversations: SlaConversation[] = [
  { id: 'A', assigneeId: C1, createdAt: k('2026-12-01T09:00:00'), closedAt: k('2026-12-01T10:00:00'), satisfaction: { askedAt: k('2026-12-01T10:00:00'), answer: 'satisfied' } },
  { id: 'B', assigneeId: C2, createdAt: k('2026-12-01T08:30:00'), closedAt: k('2026-12-01T09:20:00'), satisfaction: { askedAt: k('2026-12-01T09:20:00'), answer: 'dissatisfied' } },
  { id: 'C', assigneeId: C1, createdAt: k('2026-12-01T11:00:00'), closedAt: null },
  { id: 'D', assigneeId: C2, createdAt: k('2026-12-02T17:55:00'), closedAt: null },
  { id: 'F', assigneeId: C1, createdAt: k('2026-12-01T12:00:00'), closedAt: k('2026-12-01T12:30:00'), satisfaction: { askedAt: k('2026-12-01T12:30:00'), answer: null } },
];

/*
 * Calls on 12-01: K1 c1 answered after 15 s, 300 s talk; K2 c2 after 25 s, 120 s; K3 c1 missed
 * (hung up after 40 s ringing); K4 c1 answered after exactly 20 s, 600 s; K5 still ringing (not counted).
 */
const calls: SlaCall[] = [
  { counsellorId: C1, ringingAt: k('2026-12-01T10:00:00'), answeredAt: k('2026-12-01T10:00:15'), endedAt: k('2026-12-01T10:05:15'), missed: false },
  { counsellorId: C2, ringingAt: k('2026-12-01T10:10:00'), answeredAt: k('2026-12-01T10:10:25'), endedAt: k('2026-12-01T10:12:25'), missed: false },
  { counsellorId: C1, ringingAt: k('2026-12-01T10:20:00'), answeredAt: null, endedAt: k('2026-12-01T10:20:40'), missed: true },
  { counsellorId: C1, ringingAt: k('2026-12-01T10:30:00'), answeredAt: k('2026-12-01T10:30:20'), endedAt: k('2026-12-01T10:40:20'), missed: false },
  { counsellorId: null, ringingAt: k('2026-12-01T10:50:00'), answeredAt: null, endedAt: null, missed: false },
];

const report = (groupBy: 'day' | 'week' | 'month') =>
  serviceLevelReport({ from: k('2026-12-01T00:00:00'), to: k('2026-12-04T00:00:00'), groupBy, targets: DEFAULT_SERVICE_LEVEL_TARGETS, conversations, messages, calls });

describe('service levels against a hand-counted fixture', () => {
  it('counts business seconds only (nights, weekends and holidays pause the clock)', () => {
    expect(businessSecondsBetween(new Date(k('2026-12-01T08:30:00')), new Date(k('2026-12-01T09:02:00')))).toBe(120);
    expect(businessSecondsBetween(new Date(k('2026-12-04T17:59:00')), new Date(k('2026-12-07T09:01:00')))).toBe(120); // Fri -> Mon
    expect(businessSecondsBetween(new Date(k('2026-12-24T17:00:00')), new Date(k('2026-12-28T09:00:00')))).toBe(3600); // 성탄절 and the weekend
    expect(businessSecondsBetween(new Date(k('2026-12-01T10:00:00')), new Date(k('2026-12-01T09:00:00')))).toBe(0);
  });

  it('finds one first response per conversation, from the first unanswered message to a counsellor reply', () => {
    const byId = Object.fromEntries(firstResponses(messages).map((r) => [r.conversationId, r]));
    expect(Object.keys(byId).sort()).toEqual(['A', 'B', 'C', 'D']);
    expect(byId.A).toMatchObject({ counsellorId: C1, businessSeconds: 180 });
    expect(byId.B).toMatchObject({ counsellorId: C2, businessSeconds: 120 });
    expect(byId.C).toMatchObject({ counsellorId: C1, businessSeconds: 600 });
    expect(byId.D).toMatchObject({ counsellorId: C2, businessSeconds: 480 });
  });

  it('reports chats per day, team and counsellor', () => {
    const r = report('day');
    const row = (period: string, who: string | null) => r.chats.find((c) => c.period === period && c.counsellorId === who);
    expect(row('2026-12-01', null)).toEqual({
      period: '2026-12-01', counsellorId: null, channel: 'kakao', firstResponses: 3, withinTarget: 2, withinTargetShare: 0.6667,
      avgFirstResponseSeconds: 300, resolved: 3, avgResolutionSeconds: 2800, meetsTarget: false, // (3600 + 3000 + 1800) / 3
    });
    expect(row('2026-12-01', C1)).toMatchObject({ firstResponses: 2, withinTarget: 1, withinTargetShare: 0.5, avgFirstResponseSeconds: 390, resolved: 2, avgResolutionSeconds: 2700 });
    expect(row('2026-12-01', C2)).toMatchObject({ firstResponses: 1, withinTarget: 1, withinTargetShare: 1, avgFirstResponseSeconds: 120, resolved: 1, avgResolutionSeconds: 3000, meetsTarget: true });
    expect(row('2026-12-02', null)).toMatchObject({ firstResponses: 1, withinTarget: 0, withinTargetShare: 0, avgFirstResponseSeconds: 480 });
    expect(row('2026-12-03', null)).toBeUndefined();
  });

  it('reports calls: 20 s answer rate, missed rate, handle time', () => {
    const r = report('day');
    const row = (who: string | null) => r.calls.find((c) => c.period === '2026-12-01' && c.counsellorId === who);
    expect(row(null)).toEqual({
      period: '2026-12-01', counsellorId: null, channel: 'phone', offered: 4, answered: 3, answeredWithinTarget: 2, answerRate: 0.5,
      missed: 1, missedRate: 0.25, avgHandleSeconds: 340, meetsTarget: false,
    });
    expect(row(C1)).toMatchObject({ offered: 3, answered: 2, answeredWithinTarget: 2, answerRate: 0.6667, missed: 1, missedRate: 0.3333, avgHandleSeconds: 450 });
    expect(row(C2)).toMatchObject({ offered: 1, answered: 1, answeredWithinTarget: 0, answerRate: 0, missed: 0, avgHandleSeconds: 120 });
  });

  it('groups by week and month, and reports satisfaction per counsellor', () => {
    const month = report('month');
    expect(month.chats.find((c) => c.counsellorId === null)).toMatchObject({ period: '2026-12-01', firstResponses: 4, withinTarget: 2, withinTargetShare: 0.5, avgFirstResponseSeconds: 345 });
    // 2026-12-01 is a Tuesday: its week starts on Monday 11-30.
    expect(report('week').chats.find((c) => c.counsellorId === null)?.period).toBe('2026-11-30');
    expect(month.satisfaction.find((s) => s.counsellorId === null)).toEqual({
      period: '2026-12-01', counsellorId: null, asked: 3, answered: 2, satisfied: 1, neutral: 0, dissatisfied: 1, satisfiedShare: 0.5,
    });
    expect(month.satisfaction.find((s) => s.counsellorId === C1)).toMatchObject({ asked: 2, answered: 1, satisfied: 1, satisfiedShare: 1 });
  });
});
