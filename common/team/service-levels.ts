import { z } from 'zod';
import { businessSecondsBetween } from '../hours/business-hours.js';
import { kstPeriodStart } from '../kst/index.js';
import type { ServiceLevelTargets } from '../domain/team.js';
import type { SatisfactionAnswer } from '../domain/conversation.js';

/**
 * Service levels as Korean public call centres report them (KS: 20초 내 상담 개시율): pure
 * functions over messages and CTI calls, so that the server, the board and a hand-counted test
 * fixture agree to the second.
 */

export interface SlaMessage {
  conversationId: string;
  direction: 'inbound' | 'outbound' | 'note' | 'system';
  /** null for automatic messages (운영시간 안내): those are not a counsellor's response. */
  authorId: string | null;
  createdAt: string;
}

export interface SlaConversation {
  id: string;
  assigneeId: string | null;
  createdAt: string;
  closedAt: string | null;
  satisfaction?: { answer: SatisfactionAnswer | null; askedAt: string } | null;
}

export interface SlaCall {
  counsellorId: string | null;
  ringingAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  missed: boolean;
}

export interface FirstResponse {
  conversationId: string;
  counsellorId: string;
  askedAt: string;
  answeredAt: string;
  /** Opening-hours seconds from the citizen's first unanswered message to the reply. */
  businessSeconds: number;
}

/**
 * The first response of each conversation: from the citizen's first message not yet answered to
 * the first reply a counsellor wrote (automatic notices and notes do not count). `messages` may
 * hold several conversations in any order.
 */
export function firstResponses(messages: readonly SlaMessage[]): FirstResponse[] {
  const byConversation = new Map<string, SlaMessage[]>();
  for (const m of messages) {
    const list = byConversation.get(m.conversationId);
    if (list) list.push(m);
    else byConversation.set(m.conversationId, [m]);
  }
  const out: FirstResponse[] = [];
  for (const [conversationId, list] of byConversation) {
    list.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    let askedAt: string | null = null;
    for (const m of list) {
      if (m.direction === 'inbound' && askedAt === null) askedAt = m.createdAt;
      if (m.direction === 'outbound' && m.authorId !== null && askedAt !== null) {
        out.push({
          conversationId, counsellorId: m.authorId, askedAt, answeredAt: m.createdAt,
          businessSeconds: businessSecondsBetween(new Date(askedAt), new Date(m.createdAt)),
        });
        break;
      }
    }
  }
  return out;
}


export const SlaGroupBy = z.enum(['day', 'week', 'month']);
export type SlaGroupBy = z.infer<typeof SlaGroupBy>;

const mean = (xs: readonly number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);
const share = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 10_000) / 10_000 : null);

export const ChatLevelRow = z.object({
  period: z.string(),
  /** null: the whole team. */
  counsellorId: z.string().nullable(),
  channel: z.literal('kakao'),
  firstResponses: z.number().int(),
  withinTarget: z.number().int(),
  withinTargetShare: z.number().nullable(),
  avgFirstResponseSeconds: z.number().nullable(),
  resolved: z.number().int(),
  avgResolutionSeconds: z.number().nullable(),
  meetsTarget: z.boolean().nullable(),
});
export const CallLevelRow = z.object({
  period: z.string(),
  counsellorId: z.string().nullable(),
  channel: z.literal('phone'),
  offered: z.number().int(),
  answered: z.number().int(),
  answeredWithinTarget: z.number().int(),
  /** 응답률: answered within the target seconds / offered. */
  answerRate: z.number().nullable(),
  missed: z.number().int(),
  missedRate: z.number().nullable(),
  avgHandleSeconds: z.number().nullable(),
  meetsTarget: z.boolean().nullable(),
});
export const SatisfactionRow = z.object({
  period: z.string(),
  counsellorId: z.string().nullable(),
  asked: z.number().int(),
  answered: z.number().int(),
  satisfied: z.number().int(),
  neutral: z.number().int(),
  dissatisfied: z.number().int(),
  satisfiedShare: z.number().nullable(),
});
export const ServiceLevelReport = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: SlaGroupBy,
  chats: z.array(ChatLevelRow),
  calls: z.array(CallLevelRow),
  satisfaction: z.array(SatisfactionRow),
});
export type ChatLevelRow = z.infer<typeof ChatLevelRow>;
export type CallLevelRow = z.infer<typeof CallLevelRow>;
export type SatisfactionRow = z.infer<typeof SatisfactionRow>;
export type ServiceLevelReport = z.infer<typeof ServiceLevelReport>;

const inRange = (at: string | null, from: string, to: string): at is string => at !== null && at >= from && at < to;

/** Groups items by (period, counsellor) and also by (period, whole team). */
function groups<T>(items: readonly T[], period: (t: T) => string, who: (t: T) => string | null): Map<string, { period: string; counsellorId: string | null; items: T[] }> {
  const out = new Map<string, { period: string; counsellorId: string | null; items: T[] }>();
  const add = (p: string, c: string | null, t: T) => {
    const key = `${p}\u0000${c ?? ''}`;
    const g = out.get(key) ?? { period: p, counsellorId: c, items: [] };
    g.items.push(t);
    out.set(key, g);
  };
  for (const t of items) {
    const p = period(t);
    add(p, null, t);
    const c = who(t);
    if (c !== null) add(p, c, t);
  }
  return out;
}

const byPeriodThenTeamFirst = (a: { period: string; counsellorId: string | null }, b: { period: string; counsellorId: string | null }) =>
  a.period.localeCompare(b.period) || (a.counsellorId === null ? -1 : b.counsellorId === null ? 1 : a.counsellorId.localeCompare(b.counsellorId));

/**
 * The report for [from, to): first responses counted in the period of the citizen's message,
 * resolutions in the period of closing, calls in the period they rang, satisfaction in the period
 * it was asked. Rows per period for the whole team (counsellorId null) and per counsellor.
 */
export function serviceLevelReport(input: {
  from: string;
  to: string;
  groupBy: SlaGroupBy;
  targets: ServiceLevelTargets;
  conversations: readonly SlaConversation[];
  messages: readonly SlaMessage[];
  calls: readonly SlaCall[];
}): ServiceLevelReport {
  const { from, to, groupBy, targets } = input;
  const period = (at: string) => kstPeriodStart(at, groupBy);

  type ChatItem = { kind: 'response'; r: FirstResponse } | { kind: 'resolved'; c: SlaConversation & { closedAt: string } };
  const chatItems: ChatItem[] = [
    ...firstResponses(input.messages).filter((r) => inRange(r.askedAt, from, to)).map((r) => ({ kind: 'response' as const, r })),
    ...input.conversations
      .filter((c): c is SlaConversation & { closedAt: string } => inRange(c.closedAt, from, to))
      .map((c) => ({ kind: 'resolved' as const, c })),
  ];
  const chats = [...groups(chatItems, (i) => period(i.kind === 'response' ? i.r.askedAt : i.c.closedAt), (i) => (i.kind === 'response' ? i.r.counsellorId : i.c.assigneeId)).values()]
    .map(({ period: p, counsellorId, items }): ChatLevelRow => {
      const responses = items.flatMap((i) => (i.kind === 'response' ? [i.r] : []));
      const resolved = items.flatMap((i) => (i.kind === 'resolved' ? [i.c] : []));
      const within = responses.filter((r) => r.businessSeconds <= targets.chatFirstResponseSeconds).length;
      const s = share(within, responses.length);
      return {
        period: p, counsellorId, channel: 'kakao',
        firstResponses: responses.length,
        withinTarget: within,
        withinTargetShare: s,
        avgFirstResponseSeconds: mean(responses.map((r) => r.businessSeconds)),
        resolved: resolved.length,
        avgResolutionSeconds: mean(resolved.map((c) => Math.round((Date.parse(c.closedAt) - Date.parse(c.createdAt)) / 1000))),
        meetsTarget: s === null ? null : s >= targets.chatShare,
      };
    })
    .sort(byPeriodThenTeamFirst);

  const callsInRange = input.calls.filter((c) => inRange(c.ringingAt, from, to) && (c.endedAt !== null || c.answeredAt !== null));
  const calls = [...groups(callsInRange, (c) => period(c.ringingAt), (c) => c.counsellorId).values()]
    .map(({ period: p, counsellorId, items }): CallLevelRow => {
      const answered = items.filter((c) => c.answeredAt !== null);
      const within = answered.filter((c) => (Date.parse(c.answeredAt!) - Date.parse(c.ringingAt)) / 1000 <= targets.callAnswerSeconds).length;
      const missed = items.filter((c) => c.missed).length;
      const rate = share(within, items.length);
      return {
        period: p, counsellorId, channel: 'phone',
        offered: items.length,
        answered: answered.length,
        answeredWithinTarget: within,
        answerRate: rate,
        missed,
        missedRate: share(missed, items.length),
        avgHandleSeconds: mean(answered.filter((c) => c.endedAt !== null).map((c) => Math.round((Date.parse(c.endedAt!) - Date.parse(c.answeredAt!)) / 1000))),
        meetsTarget: rate === null ? null : rate >= targets.callShare,
      };
    })
    .sort(byPeriodThenTeamFirst);

  const asked = input.conversations.filter((c) => c.satisfaction && inRange(c.satisfaction.askedAt, from, to));
  const satisfaction = [...groups(asked, (c) => period(c.satisfaction!.askedAt), (c) => c.assigneeId).values()]
    .map(({ period: p, counsellorId, items }): SatisfactionRow => {
      const count = (a: SatisfactionAnswer) => items.filter((c) => c.satisfaction?.answer === a).length;
      const answered = items.filter((c) => c.satisfaction?.answer != null).length;
      return {
        period: p, counsellorId,
        asked: items.length, answered,
        satisfied: count('satisfied'), neutral: count('neutral'), dissatisfied: count('dissatisfied'),
        satisfiedShare: share(count('satisfied'), answered),
      };
    })
    .sort(byPeriodThenTeamFirst);

  return { from, to, groupBy, chats, calls, satisfaction };
}
