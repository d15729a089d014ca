import type { FastifyBaseLogger } from 'fastify';
import { type AssignmentSettings, Conversation } from '../../common/domain/index.js';
import { appendMessage, putConversation, systemMessage } from '../db/conversations.js';
import { parseStored } from '../db/json.js';
import type { Database } from '../db/schema.js';
import type { Store } from '../db/store.js';
import type { Kysely, Transaction } from 'kysely';
import { getTeamSetting } from './settings.js';

type Q = Kysely<Database> | Transaction<Database>;

/** Statuses a counsellor is still working on: they count against capacity. */
export const OPEN_STATUSES = ['open', 'waiting', 'held'] as const;
/** Statuses of a chat that waits for someone to take it. */
const ASSIGNABLE_STATUSES = ['open', 'waiting'] as const;

export interface CounsellorLoad {
  id: string;
  displayName: string;
  open: number;
  lastAssignedAt: string | null;
}

export interface AssignmentStep {
  conversation: Conversation;
  counsellor: CounsellorLoad;
}

/** Open chats per assignee (not 종료). */
export async function openChatCounts(q: Q): Promise<Map<string, number>> {
  const rows = await q
    .selectFrom('conversations')
    .select(['assignee_id', (eb) => eb.fn.countAll().as('n')])
    .where('assignee_id', 'is not', null)
    .where('status', 'in', [...OPEN_STATUSES])
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id as string, Number(r.n)]));
}

/** What the capacity rule needs about one counsellor: the assignment settings and their open chats. */
export async function assigneeLoad(q: Q, assigneeId: string): Promise<{ settings: AssignmentSettings; open: number }> {
  const settings = await getTeamSetting(q, 'assignment');
  // Off: capacity does not apply, and the count is not needed.
  if (!settings.enabled) return { settings, open: 0 };
  return { settings, open: (await openChatCounts(q)).get(assigneeId) ?? 0 };
}

/** The time a chat has waited from: the citizen's oldest unanswered message, else its creation. */
const waitedFrom = (c: Conversation) => c.waitingSince ?? c.createdAt;

/**
 * Pure: which counsellor gets which waiting chat. Chats in order of longest wait; each to the
 * available counsellor with the fewest open chats below capacity, ties to the one assigned least
 * recently (never assigned first), then by id, so that equal loads take turns (round-robin).
 */
export function planAssignments(
  waiting: readonly Conversation[],
  available: readonly CounsellorLoad[],
  settings: AssignmentSettings,
  now: string,
): AssignmentStep[] {
  if (!settings.enabled || waiting.length === 0 || available.length === 0) return [];
  const pool = available.map((c) => ({ ...c }));
  const queue = [...waiting].sort((a, b) => waitedFrom(a).localeCompare(waitedFrom(b)) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const steps: AssignmentStep[] = [];
  for (const conversation of queue) {
    const candidates = pool.filter((c) => c.open < settings.maxOpenPerCounsellor);
    if (candidates.length === 0) break;
    candidates.sort((a, b) =>
      a.open - b.open ||
      (a.lastAssignedAt ?? '').localeCompare(b.lastAssignedAt ?? '') ||
      a.id.localeCompare(b.id),
    );
    const chosen = candidates[0]!;
    steps.push({ conversation, counsellor: { ...chosen } });
    chosen.open += 1;
    chosen.lastAssignedAt = now;
  }
  return steps;
}

async function readPlan(q: Q, now: string): Promise<{ settings: AssignmentSettings; steps: AssignmentStep[] }> {
  const settings = await getTeamSetting(q, 'assignment');
  if (!settings.enabled) return { settings, steps: [] };
  const rows = await q
    .selectFrom('conversations')
    .select('data')
    .where('assignee_id', 'is', null)
    .where('status', 'in', [...ASSIGNABLE_STATUSES])
    .execute();
  if (rows.length === 0) return { settings, steps: [] };
  const people = await q
    .selectFrom('counsellors')
    .select(['id', 'display_name', 'last_assigned_at'])
    .where('active', '=', 1)
    .where('presence', '=', 'available')
    .execute();
  if (people.length === 0) return { settings, steps: [] };
  const counts = await openChatCounts(q);
  const available = people.map((p) => ({ id: p.id, displayName: p.display_name, open: counts.get(p.id) ?? 0, lastAssignedAt: p.last_assigned_at }));
  return { settings, steps: planAssignments(rows.map((r) => parseStored(Conversation, r.data, 'conversations')), available, settings, now) };
}

/** The system line in the chat (and what the assignee's notification says). */
export const autoAssignedText = (name: string) => `자동 배정: ${name} 님에게 배정되었습니다.`;

/**
 * One assignment pass. A read-only look first (most passes find nothing to do); then, in ONE
 * write transaction that holds the change feed's lock (PostgreSQL advisory lock; SQLite
 * `begin immediate`), the plan is made again from committed state and applied. Two instances
 * running passes at once are therefore serialised: the second sees the first's assignments and
 * can never give a chat a second assignee or a counsellor more than their capacity.
 */
export async function assignWaiting(store: Store, now: () => Date = () => new Date()): Promise<AssignmentStep[]> {
  const preview = await readPlan(store.db, now().toISOString());
  if (preview.steps.length === 0) return [];
  return store.write(null, async (tx) => {
    const { steps } = await readPlan(tx.trx, tx.now);
    for (const { conversation: c, counsellor } of steps) {
      await appendMessage(tx, systemMessage(c.id, autoAssignedText(counsellor.displayName), null, tx.now));
      await putConversation(tx, { ...c, assigneeId: counsellor.id, updatedAt: tx.now, version: c.version + 1 }, false);
      await tx.trx.updateTable('counsellors').set({ last_assigned_at: tx.now }).where('id', '=', counsellor.id).execute();
      await tx.audit('auto-assign', 'conversation', c.id, `assigned to ${counsellor.id}`);
    }
    return steps;
  });
}

/**
 * Runs assignment passes on this instance: after every change to the feed (the notifier also
 * hears other instances on PostgreSQL), and every intervalMs as a safety net. Passes never
 * overlap within an instance; a change during a pass schedules one more.
 */
export function startAssigner(store: Store, log: FastifyBaseLogger, intervalMs: number): { kick(): void; stop(): Promise<void>; idle(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  let again = false;
  let stopped = false;
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = assignWaiting(store)
      .catch((err: unknown) => log.warn({ err }, 'auto-assignment pass failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const unsubscribe = store.notifier.subscribe(() => run());
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    kick: run,
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      while (running) await running;
    },
  };
}
