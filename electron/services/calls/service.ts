import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CallLog, type CallLogRevision, type CtiCall } from '../../../common/domain/index.js';
import { type CallLogView, DeskError, type DeskHandlers, type IncomingCall } from '../../../common/desk-api/index.js';
import { phoneMatchKey } from '../../../common/phone/index.js';
import type { CallsDeps } from './deps.js';
import { maskPersonName } from '../../../common/privacy/index.js';
import { exportReasonText } from '../access/audited-handlers.js';
import { buildExport } from './export.js';
import { hasTypedContent } from './draft-content.js';
import { prefillDraft } from './incoming.js';
import type { CallLogFilter } from './filter.js';
import * as repo from './repo.js';
import { ensureSearchIndex } from './search-index.js';
import { localRevisions } from './revisions.js';
import { computeStats } from './stats.js';
import { type ReminderLedger, startCallbackTimer } from './callback-timer.js';
import { readSetting, writeSetting } from '../settings/kv.js';

type Handlers = DeskHandlers['calls'];
type SaveArg = Parameters<Handlers['save']>[0];

export interface CallsService {
  handlers: Handlers;
  /**
   * For the sync engine: a ctiCall change arrived. For this counsellor's answered call it
   * prefills (or updates) a draft, builds the pop-up and emits `calls:onIncomingCall`; missed
   * calls only refresh the missed list. Returns the pop-up when one was emitted.
   */
  onCtiCall(call: CtiCall): Promise<IncomingCall | null>;
  /** Builds the pop-up (history + prefilled draft) without emitting. */
  buildIncomingCall(call: CtiCall): Promise<IncomingCall>;
  /** Starts the callback reminder timer; stopped by close(). */
  start(): void;
  close(): Promise<void>;
}

const HISTORY_LIMIT = 50;

/** Settings key owned by the calls feature: callbacks already reminded (record id -> callbackAt). */
export const REMINDED_SETTING = 'calls.callbackReminded';
const RemindedValue = z.record(z.string(), z.string());

export function createCallsService(deps: CallsDeps): CallsService {
  const { store } = deps;
  const iso = () => deps.now().toISOString();
  const me = () => {
    const c = deps.counsellor();
    if (!c) throw new DeskError('unauthenticated', '로그인이 필요합니다. 다시 로그인하세요. (not signed in)');
    return c;
  };
  const changed = (ids: string[]) => deps.emit('calls:onChange', { ids });
  // Built once per service (first search or start); a failure leaves text search in memory and is retried.
  let searchIndex: Promise<boolean> | null = null;
  const searchIndexReady = (): Promise<boolean> =>
    (searchIndex ??= ensureSearchIndex(store).then(
      () => true,
      () => {
        searchIndex = null;
        return false;
      },
    ));
  const indexFor = async (f: CallLogFilter): Promise<repo.QueryOptions> => ({ textIndex: f.q && f.q.trim() ? await searchIndexReady() : false });
  let stopTimer: (() => void) | null = null;
  let ctiQueue: Promise<unknown> = Promise.resolve();
  const ledger: ReminderLedger = {
    load: async () => new Map(Object.entries((await readSetting(store, REMINDED_SETTING, RemindedValue)) ?? {})),
    save: (reminded) => writeSetting(store, REMINDED_SETTING, Object.fromEntries(reminded)),
  };

  async function save({ id, input, baseVersion }: SaveArg): Promise<CallLogView> {
    const counsellor = me();
    const now = iso();
    const view = await store.transaction(async (tx) => {
      const existing = await repo.getView(tx, id);
      const replica = await repo.getReplica(tx, id);
      if (replica && baseVersion !== null && replica.version > baseVersion) {
        // The form answers a conflict with the "both versions" choice; the message is what a counsellor reads.
        throw new DeskError('conflict', `다른 상담원이 이 기록을 먼저 고쳤습니다 (버전 ${replica.version}). 두 내용을 비교해 고르세요.`);
      }
      const log = CallLog.parse({
        ...input,
        id,
        counsellorId: existing?.counsellorId ?? counsellor.id,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        version: replica?.version ?? existing?.version ?? 0,
      });
      // A create is keyed by the record's own UUID; later edits need their own key (same key + other body = 422).
      const isCreate = !replica && baseVersion === null && !existing;
      await repo.enqueueCallLog(tx, log, deps.now(), {
        op: 'callLog.put',
        recordId: id,
        lane: id,
        payload: input,
        idempotencyKey: isCreate ? id : randomUUID(),
        baseVersion: replica ? (baseVersion ?? replica.version) : baseVersion,
        counsellorId: counsellor.id,
      });
      // Cleared only in the transaction that commits the record: a crash leaves one or the other, never neither.
      await repo.deleteDraft(tx, id);
      return (await repo.getView(tx, id))!;
    });
    deps.kick?.();
    changed([id]);
    return view;
  }

  async function history(phone: string) {
    const key = phoneMatchKey(phone);
    if (key.length < 7) return { callLogs: [], conversations: [] };
    const logs = await repo.queryPage(store, { phone: key }, { offset: 0, limit: HISTORY_LIMIT });
    const conversations = await repo.conversationsByPhone(store, key);
    return { callLogs: logs.map(({ localState: _s, localError: _e, ...l }) => l), conversations };
  }

  async function buildIncomingCall(call: CtiCall): Promise<IncomingCall> {
    const { callLogs, conversations } = await history(call.from);
    let draftId: string | null = null;
    if (call.answeredAt && !call.callLogId) {
      const drafts = await repo.listDrafts(store);
      const existing = drafts.find((d) => d.ctiCallId === call.callId) ?? null;
      const draft = prefillDraft(call, existing?.id ?? randomUUID(), existing);
      await repo.putDraft(store, draft, iso());
      draftId = draft.id;
    }
    return { call, draftId, history: callLogs, conversations };
  }

  const handlers: Handlers = {
    async list(q) {
      const { cursor, limit, ...filter } = q;
      const offset = cursor && /^\d+$/.test(cursor) ? Number(cursor) : 0;
      return repo.queryPage(store, filter, { offset, limit }, await indexFor(filter));
    },
    async get({ id }) {
      const callLog = await repo.getView(store, id);
      if (!callLog) return null;
      let revisions: CallLogRevision[] | null = null;
      if (deps.fetchRevisions) revisions = await deps.fetchRevisions(id).catch(() => null);
      if (!revisions) {
        const pending = callLog.localState ? callLog : null;
        revisions = localRevisions(await repo.getReplica(store, id), pending);
      }
      return { callLog, revisions };
    },
    save,
    getDraft: ({ id }) => repo.getDraft(store, id),
    // Only drafts with something typed in them are offered for restoring (a CTI prefill alone is not one).
    listDrafts: async () => (await repo.listDrafts(store)).filter(hasTypedContent),
    async saveDraft(draft) {
      await repo.putDraft(store, draft, iso());
      return { ok: true as const };
    },
    async discardDraft({ id }) {
      await repo.deleteDraft(store, id);
      return { ok: true as const };
    },
    history: ({ phone }) => history(phone),
    async callbacks() {
      const mine = deps.counsellor()?.id;
      const all = await repo.queryViews(store, mine ? { counsellor: mine } : {});
      return all
        .filter((l) => l.callbackAt && !l.callbackDoneAt)
        .sort((a, b) => a.callbackAt!.localeCompare(b.callbackAt!))
        .map(({ localState: _s, localError: _e, ...l }) => l);
    },
    async completeCallback({ id, recordId }) {
      const current = await repo.getView(store, id);
      if (!current) throw new DeskError('not_found', `콜백 기록을 찾을 수 없습니다 (${id})`);
      const { localState: _s, localError: _e, id: _id, counsellorId: _c, createdAt: _ca, updatedAt: _u, version, ...input } = current;
      const replica = await repo.getReplica(store, id);
      return save({
        id,
        input: { ...input, callbackDoneAt: iso(), callbackRecordId: recordId },
        baseVersion: replica ? version : null,
      });
    },
    missedCalls: () => repo.missedCalls(store, deps.counsellor()?.id ?? null),
    async stats(q) {
      return computeStats(await repo.statsRows(store, q.from, q.to), q);
    },
    async export({ format, filter, reason }) {
      const counsellor = me();
      const logs = await repo.queryViews(store, filter, await indexFor(filter));
      const names = await repo.counsellorNames(store, counsellor);
      const programmes = await repo.programmeNames(store, logs.flatMap((l) => l.programmeIds));
      return buildExport(logs, {
        format,
        admin: counsellor.role === 'admin',
        counsellorName: (cid) => names.get(cid) ?? cid,
        programmeName: (pid) => programmes.get(pid) ?? pid,
        now: deps.now(),
        provenance: { by: `${counsellor.displayName} (${counsellor.username})`, reason: exportReasonText(reason) },
      });
    },
  };

  return {
    handlers,
    buildIncomingCall,
    onCtiCall(call) {
      // One at a time: a pull can carry the answer and the hang-up of one call together, and both
      // must land in the same draft (found by ctiCallId), not race into two.
      const run = ctiQueue.then(async () => {
        changed([call.callId]);
        const counsellor = deps.counsellor();
        if (!counsellor || call.counsellorId !== counsellor.id || !call.answeredAt || call.callLogId) return null;
        const incoming = await buildIncomingCall(call);
        deps.emit('calls:onIncomingCall', incoming);
        return incoming;
      });
      ctiQueue = run.catch(() => null);
      return run;
    },
    start() {
      void searchIndexReady();
      stopTimer ??= startCallbackTimer({
        due: async () => (await handlers.callbacks(undefined)).map((l) => CallLog.parse(l)),
        now: deps.now,
        ledger,
        onDue: (log) => {
          deps.emit('calls:onCallbackDue', log);
          deps.notify({
            title: '콜백 시간입니다',
            // No phone number and no need text on a shared screen; the name only masked.
            body: `${maskPersonName(log.callerName) ?? '익명'} 님에게 전화할 시간입니다.`,
            silent: false,
          });
        },
      });
    },
    async close() {
      stopTimer?.();
      stopTimer = null;
    },
  };
}
