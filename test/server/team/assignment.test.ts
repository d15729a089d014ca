import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { type AssignmentSettings, Conversation, Message } from '../../../common/domain/index.js';
import type { InboundCitizenEvent } from '../../../server/channels/kakao/port.js';
import { insertCounsellor } from '../../../server/db/counsellors.js';
import { parseStored } from '../../../server/db/json.js';
import { createKakaoInbox } from '../../../server/db/kakao-inbox.js';
import { openStore, type Store } from '../../../server/db/store.js';
import { assignWaiting, planAssignments, type CounsellorLoad } from '../../../server/team/assignment.js';
import { setPresence } from '../../../server/team/presence.js';
import { putTeamSetting } from '../../../server/team/settings.js';
import { ENGINES, dropStoreLocation, newStoreLocation, testConfig, type TestStoreLocation } from '../helpers.js';

const settings = (maxOpenPerCounsellor: number): AssignmentSettings => ({ enabled: true, maxOpenPerCounsellor, order: 'longest_waiting' });

const event = (userKey: string, message: string): InboundCitizenEvent => ({
  serialNumber: randomUUID(), event: 'message', userKey, messageType: 'TX', message, imageUrl: null, sentAt: new Date().toISOString(),
});

async function reset(store: Store): Promise<void> {
  await store.write(null, async (tx) => {
    for (const t of ['inbound_events', 'messages', 'conversations', 'auth_tokens', 'counsellors', 'team_settings'] as const) {
      await tx.trx.deleteFrom(t).execute();
    }
  });
}

async function addCounsellors(store: Store, presences: readonly ('available' | 'away')[], maxOpen: number): Promise<string[]> {
  return store.write(null, async (tx) => {
    const ids: string[] = [];
    for (const [i, p] of presences.entries()) {
      const c = await insertCounsellor(tx, { username: `c${i}-${randomUUID().slice(0, 6)}`, displayName: `상담원 ${i}`, role: 'counsellor', password: 'x'.repeat(10) });
      await setPresence(tx, c.id, p, 'manual');
      ids.push(c.id);
    }
    await putTeamSetting(tx, 'assignment', settings(maxOpen));
    return ids;
  });
}

async function state(store: Store) {
  const conversations = (await store.db.selectFrom('conversations').select('data').execute()).map((r) => parseStored(Conversation, r.data, 'conversations'));
  const lines = (await store.db.selectFrom('messages').select('data').where('direction', '=', 'system').execute())
    .map((r) => parseStored(Message, r.data, 'messages'))
    .filter((m) => m.body.startsWith('자동 배정'));
  return { conversations, lines };
}

/** Runs passes until one assigns nothing (what the background assigner converges to). */
async function settle(store: Store): Promise<void> {
  while ((await assignWaiting(store)).length > 0) { /* again */ }
}

describe('planAssignments (pure)', () => {
  const load = (id: string, open: number, lastAssignedAt: string | null = null): CounsellorLoad => ({ id, displayName: id, open, lastAssignedAt });
  const chat = (id: string, waitingSince: string) => ({ id, waitingSince, createdAt: waitingSince }) as Conversation;

  it('gives the longest-waiting chat to the least loaded counsellor, ties round-robin, never over capacity', () => {
    const steps = planAssignments(
      [chat('c3', '2026-12-01T01:03:00Z'), chat('c1', '2026-12-01T01:01:00Z'), chat('c2', '2026-12-01T01:02:00Z'), chat('c4', '2026-12-01T01:04:00Z')],
      [load('a', 1, '2026-12-01T00:00:00Z'), load('b', 0), load('c', 1, null)],
      settings(2),
      '2026-12-01T02:00:00Z',
    );
    // b (0 open) first; then a and c tie at 1: c was never assigned, so c; then a; then all at 2.
    expect(steps.map((s) => [s.conversation.id, s.counsellor.id])).toEqual([['c1', 'b'], ['c2', 'c'], ['c3', 'a'], ['c4', 'b']]);
    expect(planAssignments([chat('x', '2026-12-01T01:00:00Z')], [load('a', 2)], settings(2), 'now')).toEqual([]);
    expect(planAssignments([chat('x', '2026-12-01T01:00:00Z')], [load('a', 0)], { ...settings(2), enabled: false }, 'now')).toEqual([]);
  });
});

describe.each(ENGINES)('automatic assignment under concurrency (%s)', (engine) => {
  let loc: TestStoreLocation;
  let a: Store;
  let b: Store;

  beforeAll(async () => {
    loc = await newStoreLocation(engine);
    // Two stores on one database stand for two server instances.
    a = await openStore(testConfig(loc).database);
    b = await openStore(testConfig(loc).database);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropStoreLocation(loc);
  });

  it('property: concurrent webhooks and passes on two instances give each chat at most one assignee, within capacity, balanced', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('available' as const, 'away' as const), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        async (presences, maxOpen, messagesPerCitizen, passes) => {
          await reset(a);
          const ids = await addCounsellors(a, presences, maxOpen);
          const available = ids.filter((_, i) => presences[i] === 'available');
          const ports = [createKakaoInbox(a), createKakaoInbox(b)];
          const run = randomUUID().slice(0, 8);
          const events = messagesPerCitizen.flatMap((n, citizen) => Array.from({ length: n }, (_, k) => event(`p-${run}-${citizen}`, `메시지 ${k}`)));
          // Webhooks on both instances, with assignment passes of both running among them.
          await Promise.all([
            ...events.map((e, i) => ports[i % 2]!.fileInbound(e)),
            ...Array.from({ length: passes }, (_, i) => assignWaiting(i % 2 ? b : a)),
          ]);
          await settle(b);
          const { conversations, lines } = await state(a);
          const citizens = new Set(conversations.map((c) => c.citizenKey));
          expect(conversations).toHaveLength(citizens.size);
          const loads = new Map(available.map((id) => [id, 0]));
          for (const c of conversations) {
            const mine = lines.filter((l) => l.conversationId === c.id);
            if (c.assigneeId === null) {
              expect(mine).toHaveLength(0);
              continue;
            }
            // One assignee, one system line, only someone available.
            expect(mine).toHaveLength(1);
            expect(available).toContain(c.assigneeId);
            loads.set(c.assigneeId, (loads.get(c.assigneeId) ?? 0) + 1);
          }
          const assigned = conversations.filter((c) => c.assigneeId !== null).length;
          expect(assigned).toBe(Math.min(conversations.length, available.length * maxOpen));
          const values = [...loads.values()];
          expect(Math.max(0, ...values)).toBeLessThanOrEqual(maxOpen);
          if (values.length) expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: engine === 'postgres' ? 8 : 15 },
    );
  }, 120_000);

  it('two instances assigning at once never assign a chat twice nor exceed capacity', async () => {
    await reset(a);
    const ids = await addCounsellors(a, ['available', 'available', 'available'], 4);
    const inbox = createKakaoInbox(a);
    for (let i = 0; i < 20; i++) await inbox.fileInbound(event(`two-${i}`, '문의'));
    // Both instances race many passes over the same 20 waiting chats (12 places).
    await Promise.all(Array.from({ length: 12 }, (_, i) => assignWaiting(i % 2 ? a : b)));
    const { conversations, lines } = await state(b);
    const assigned = conversations.filter((c) => c.assigneeId !== null);
    expect(assigned).toHaveLength(12);
    expect(lines).toHaveLength(12);
    expect(new Set(lines.map((l) => l.conversationId)).size).toBe(12);
    for (const id of ids) expect(assigned.filter((c) => c.assigneeId === id)).toHaveLength(4);
  }, 60_000);
});
