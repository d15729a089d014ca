import type { Kysely } from 'kysely';
import {
  CrisisFlag, type BoardCounsellor, type BoardWaiting, Conversation, CtiCall, Message, type SupervisorBoard,
} from '../../common/domain/index.js';
import { businessSecondsBetween, kstInstant, kstParts } from '../../common/hours/index.js';
import { maskPhone } from '../../common/privacy/index.js';
import { firstResponses } from '../../common/team/service-levels.js';
import { toCounsellor } from '../db/counsellors.js';
import { parseStored } from '../db/json.js';
import type { Database } from '../db/schema.js';
import { openChatCounts } from './assignment.js';
import { getTeamSettings } from './settings.js';

/**
 * Hook for the crisis detector (DESIGN.md §3: conversations carry `crisis`): read defensively
 * so that the board works before and after that field exists, and never fails on a bad one.
 */
export function crisisOf(c: Conversation): CrisisFlag | null {
  const parsed = CrisisFlag.safeParse((c as Conversation & { crisis?: unknown }).crisis);
  return parsed.success ? parsed.data : null;
}

/** A citizen as the board shows them: masked name (홍*동), else masked phone, else a short key. */
export function citizenLabel(c: Conversation): string {
  if (c.citizenName) {
    const chars = [...c.citizenName];
    if (chars.length === 1) return '*';
    if (chars.length === 2) return `${chars[0]}*`;
    return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
  }
  if (c.citizenPhone) return maskPhone(c.citizenPhone);
  return `시민 ${c.citizenKey.slice(-4)}`;
}

/** Start of today in Korea, as an ISO instant. */
export function kstTodayStart(now: Date): string {
  const p = kstParts(now);
  return kstInstant(p.year, p.month, p.day, 0).toISOString();
}

/**
 * The 현황판: who waits and how long (crisis-flagged first, then longest wait), unassigned chats,
 * and per counsellor presence, open chats, calls answered today and today's average first
 * response. A wait over the chat target (opening-hours seconds) is a breach.
 */
export async function buildBoard(db: Kysely<Database>, now: Date): Promise<SupervisorBoard> {
  const nowIso = now.toISOString();
  const today = kstTodayStart(now);
  const settings = await getTeamSettings(db);
  const target = settings.serviceLevels.chatFirstResponseSeconds;

  const openRows = await db.selectFrom('conversations').select('data').where('status', 'in', ['open', 'waiting']).execute();
  const open = openRows.map((r) => parseStored(Conversation, r.data, 'conversations'));
  const waiting: (BoardWaiting & { businessSeconds: number })[] = open
    .filter((c) => c.waitingSince !== null || c.assigneeId === null)
    .map((c) => {
      const since = c.waitingSince ?? c.createdAt;
      const businessSeconds = businessSecondsBetween(new Date(since), now);
      return {
        conversationId: c.id,
        citizenLabel: citizenLabel(c),
        status: c.status,
        assigneeId: c.assigneeId,
        waitingSince: since,
        waitSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(since)) / 1000)),
        businessSeconds,
        breached: c.waitingSince !== null && businessSeconds > target,
        crisis: crisisOf(c),
      };
    })
    .sort((a, b) => Number(b.crisis !== null) - Number(a.crisis !== null) || a.waitingSince.localeCompare(b.waitingSince));

  const people = (await db.selectFrom('counsellors').selectAll().where('active', '=', 1).execute()).map(toCounsellor);
  const counts = await openChatCounts(db);

  const callRows = await db.selectFrom('cti_calls').select('data').where('ringing_at', '>=', today).execute();
  const callsToday = new Map<string, number>();
  for (const call of callRows.map((r) => parseStored(CtiCall, r.data, 'cti_calls'))) {
    if (call.counsellorId && call.answeredAt && call.answeredAt >= today) callsToday.set(call.counsellorId, (callsToday.get(call.counsellorId) ?? 0) + 1);
  }

  // Today's first responses: conversations with a counsellor's reply today, all their messages.
  const replied = await db
    .selectFrom('messages')
    .select('conversation_id')
    .distinct()
    .where('direction', '=', 'outbound')
    .where('created_at', '>=', today)
    .execute();
  const ids = replied.map((r) => r.conversation_id);
  const messageRows = ids.length
    ? await db.selectFrom('messages').select('data').where('conversation_id', 'in', ids).where('direction', 'in', ['inbound', 'outbound']).execute()
    : [];
  const responses = firstResponses(messageRows.map((r) => parseStored(Message, r.data, 'messages'))).filter((r) => r.answeredAt >= today);
  const responseTimes = new Map<string, number[]>();
  for (const r of responses) responseTimes.set(r.counsellorId, [...(responseTimes.get(r.counsellorId) ?? []), r.businessSeconds]);

  const counsellors: BoardCounsellor[] = people
    .map((p) => {
      const times = responseTimes.get(p.id) ?? [];
      const openChats = counts.get(p.id) ?? 0;
      return {
        id: p.id,
        displayName: p.displayName,
        role: p.role,
        presence: p.presence,
        presenceSince: p.presenceSince,
        openChats,
        callsToday: callsToday.get(p.id) ?? 0,
        avgFirstResponseSecondsToday: times.length ? Math.round(times.reduce((a, b) => a + b, 0) / times.length) : null,
        atCapacity: openChats >= settings.assignment.maxOpenPerCounsellor,
      };
    })
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'ko'));

  return {
    generatedAt: nowIso,
    waiting: waiting.map(({ businessSeconds: _b, ...w }) => w),
    longestWaitSeconds: waiting.reduce((m, w) => Math.max(m, w.waitSeconds), 0),
    unassignedCount: open.filter((c) => c.assigneeId === null).length + (await heldUnassigned(db)),
    breachCount: waiting.filter((w) => w.breached).length,
    counsellors,
    assignment: settings.assignment,
    targets: settings.serviceLevels,
  };
}

async function heldUnassigned(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('conversations').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'held').where('assignee_id', 'is', null).executeTakeFirst();
  return Number(row?.n ?? 0);
}
