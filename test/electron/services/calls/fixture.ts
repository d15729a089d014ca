import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallLog, Counsellor, CtiCall } from '../../../../common/domain/index.js';
import type { DeskEventName } from '../../../../common/desk-api/index.js';
import { createCallsService, type CallsDeps } from '../../../../electron/services/calls/index.js';
import { openStore, type Store } from '../../../../electron/services/store/index.js';

export const ME: Counsellor = { id: '11111111-1111-4111-8111-111111111111', username: 'kim', displayName: '김상담', role: 'counsellor', active: true, presence: 'offline', presenceSince: null };
export const ADMIN: Counsellor = { id: '22222222-2222-4222-8222-222222222222', username: 'lee', displayName: '이관리', role: 'admin', active: true, presence: 'offline', presenceSince: null };

export interface Fixture {
  store: Store;
  deps: CallsDeps;
  service: ReturnType<typeof createCallsService>;
  events: Array<[DeskEventName, unknown]>;
  notes: Array<{ title: string; body: string }>;
  clock: { now: Date };
  setCounsellor(c: Counsellor | null): void;
  close(): Promise<void>;
}

export async function makeFixture(): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), 'bokji-calls-'));
  const store = await openStore(join(dir, 'desk.sqlite'));
  const clock = { now: new Date('2026-03-02T01:00:00Z') };
  let counsellor: Counsellor | null = ME;
  const events: Fixture['events'] = [];
  const notes: Fixture['notes'] = [];
  const deps: CallsDeps = {
    store,
    counsellor: () => counsellor,
    now: () => clock.now,
    emit: (name, payload) => events.push([name, payload]),
    notify: (n) => notes.push({ title: n.title, body: n.body }),
  };
  const service = createCallsService(deps);
  return {
    store, deps, service, events, notes, clock,
    setCounsellor: (c) => (counsellor = c),
    close: async () => {
      await service.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let n = 0;
export function uuid(): string {
  n += 1;
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export function log(over: Partial<CallLog> = {}): CallLog {
  return {
    id: uuid(), conversationId: null, channel: 'phone', startedAt: '2026-03-02T01:00:00.000Z', durationSec: 120,
    callerName: null, callerPhone: null, dong: null, field: null, subTopic: null, need: '', programmeIds: [], action: null,
    agency: null, crisis: false, callbackAt: null, callbackDoneAt: null, callbackRecordId: null, notes: '', ctiCallId: null,
    counsellorId: ME.id, createdAt: '2026-03-02T01:00:00.000Z', updatedAt: '2026-03-02T01:00:00.000Z', version: 1,
    ...over,
  };
}

/** Writes a record into the replica as the sync engine does. */
export async function putReplica(store: Store, l: CallLog): Promise<void> {
  await store.run(
    `INSERT OR REPLACE INTO call_logs (id, data, version, started_at, caller_phone, counsellor_id, field, channel, action, callback_at, callback_done_at, conversation_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [l.id, JSON.stringify(l), l.version, l.startedAt, l.callerPhone, l.counsellorId, l.field, l.channel, l.action, l.callbackAt, l.callbackDoneAt, l.conversationId],
  );
}

export async function putCti(store: Store, c: CtiCall): Promise<void> {
  await store.run(
    'INSERT OR REPLACE INTO cti_calls (id, data, version, counsellor_id, caller_phone, ringing_at, missed) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [c.callId, JSON.stringify(c), c.version, c.counsellorId, c.from, c.ringingAt, c.missed ? 1 : 0],
  );
}
