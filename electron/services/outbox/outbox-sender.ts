import type { CallLog, Conversation, Message } from '../../../common/domain/index.js';
import { putCallLog, putConversation, putMessage } from '../replica/write.js';
import { RestError, type RestClient } from '../rest/index.js';
import type { Store } from '../store/index.js';
import { type BackoffPolicy, retryDelay } from '../../../common/retry/index.js';
import { OutboxPayloads, stillAsSeen } from './outbox-payloads.js';
import * as pending from './pending-store.js';
import type { OutboxRow } from './pending-store.js';

/** The desk's retry timing when the caller sets none (full jitter from 0.5 s up to a minute). */
export const DESK_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 60_000 };

export interface OutboxSenderDeps {
  store: Store;
  rest: RestClient;
  now: () => Date;
  /** Only this counsellor's items are sent (another's wait for their next sign-in). */
  counsellorId: () => string | null;
  policy?: BackoffPolicy;
  random?: () => number;
  /** A record was confirmed by the server (or its write failed/conflicted): tell the renderer. */
  onRecordChanged(change: { conversationIds: string[]; callLogIds: string[]; entity: 'message' | 'conversation' | 'callLog' }): void;
  /** The server answered (true) or could not be reached (false, with why). */
  onReachability(reachable: boolean, error: string | null): void;
  onUnauthenticated(message: string): void;
  /** The server refused a write for good (4xx): what and why in Korean, kept on the status line until acknowledged. */
  onFailed(message: string): void;
  /** Queue length, conflicts or last error may have changed. */
  onQueueChanged(): void;
}

type Delivered =
  | { kind: 'message'; message: Message }
  | { kind: 'conversation'; conversation: Conversation }
  | { kind: 'callLog'; callLog: CallLog }
  | { kind: 'accessLog'; seqs: number[]; ids: string[] };

/** Does the server's record already hold every field this write sets? (A retry after a lost response.) */
function alreadyApplied(theirs: Record<string, unknown>, mine: Record<string, unknown>): boolean {
  return Object.entries(mine).every(([k, v]) => k === 'comment' || k === 'markRead' || JSON.stringify(theirs[k]) === JSON.stringify(v));
}

/**
 * Delivers the outbox one item at a time in sequence order (strictly ordered per lane). A
 * network failure or 5xx/429 pauses delivery with backoff; a 412 is already applied (done), or
 * re-based when the server still has what the counsellor saw in the fields the change decides
 * (conversations), or else parks the item as a conflict with both versions; any other 4xx marks it
 * failed, keeping the payload, and reports what was refused and why (onFailed).
 */
export function createOutboxSender(deps: OutboxSenderDeps) {
  const policy = deps.policy ?? DESK_BACKOFF;
  let running = false;
  let again = false;
  let stopped = true;
  let timer: NodeJS.Timeout | null = null;
  let pausedUntil = 0;
  let idle: Promise<void> = Promise.resolve();

  function schedule(at: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const delay = Math.max(0, at - deps.now().getTime());
    timer = setTimeout(() => {
      timer = null;
      kick();
    }, Math.min(delay, 2 ** 31 - 1));
    timer.unref?.();
  }

  async function finishSuccess(item: OutboxRow, delivered: Delivered): Promise<void> {
    if (delivered.kind === 'accessLog') {
      await deps.store.transaction((tx) => pending.settleAccessEvents(tx, delivered.seqs, delivered.ids, deps.now()));
      return;
    }
    await deps.store.transaction(async (tx) => {
      if (delivered.kind === 'message') await putMessage(tx, delivered.message);
      else if (delivered.kind === 'conversation') await putConversation(tx, delivered.conversation);
      else await putCallLog(tx, delivered.callLog);
      if (delivered.kind !== 'message') {
        await pending.carryToVersion(tx, item, delivered.kind === 'conversation' ? delivered.conversation.version : delivered.callLog.version);
      }
      await pending.settle(tx, item);
    });
    const conversationIds = delivered.kind === 'message' ? [delivered.message.conversationId]
      : delivered.kind === 'conversation' ? [delivered.conversation.id]
      : delivered.callLog.conversationId ? [delivered.callLog.conversationId] : [];
    deps.onRecordChanged({ conversationIds, callLogIds: delivered.kind === 'callLog' ? [delivered.callLog.id] : [], entity: delivered.kind });
  }

  /** The server refused this write for good: what was refused, in the counsellor's words, and the server's reason. */
  function refusal(item: OutboxRow, reason: string): string {
    return `서버가 ${refusedWhat(item)} 받아들이지 않았습니다: ${reason}`;
  }

  async function markFailed(item: OutboxRow, reason: string, byServer = true): Promise<void> {
    const message = byServer ? refusal(item, reason) : `${refusedWhat(item)} 보낼 수 없습니다: ${reason}`;
    await deps.store.transaction((tx) => pending.markFailed(tx, item, message));
    deps.onFailed(message);
    // An access event is not the counsellor's write: nothing to show again on screen.
    if (item.op !== 'accessLog.post') notifyRecord(item);
  }

  function notifyRecord(item: OutboxRow): void {
    const payload = JSON.parse(item.payload) as { conversationId?: string | null };
    const entity = pending.pendingEntityOf(item.op) ?? 'conversation';
    const conversationIds = entity === 'conversation' ? [item.record_id] : payload.conversationId ? [payload.conversationId] : [];
    deps.onRecordChanged({ conversationIds, callLogIds: entity === 'callLog' ? [item.record_id] : [], entity });
  }

  async function markConflict(item: OutboxRow, theirs: Conversation | CallLog, mine: Record<string, unknown>): Promise<void> {
    const message = '다른 곳에서 먼저 수정되었습니다. 어느 쪽을 남길지 선택하세요. (conflict)';
    await deps.store.transaction(async (tx) => {
      await pending.markConflict(tx, item, message, { mine: { ...mine, baseVersion: item.base_version }, theirs, detectedAt: deps.now() });
      if (item.op === 'callLog.put') await putCallLog(tx, theirs as CallLog);
      else await putConversation(tx, theirs as Conversation);
    });
    notifyRecord(item);
  }

  async function send(item: OutboxRow): Promise<Delivered> {
    const raw: unknown = JSON.parse(item.payload);
    switch (item.op) {
      case 'message.create': {
        const p = OutboxPayloads['message.create'].parse(raw);
        return { kind: 'message', message: (await deps.rest.postMessage(p.conversationId, p.message)).data };
      }
      case 'conversation.patch':
      case 'conversation.markRead': {
        const p = OutboxPayloads['conversation.patch'].parse(raw);
        const res = await deps.rest.patchConversation(item.record_id, p.patch, item.base_version, item.idempotency_key);
        return { kind: 'conversation', conversation: res.data };
      }
      case 'callLog.put': {
        const input = OutboxPayloads['callLog.put'].parse(raw);
        const res = await deps.rest.putCallLog(item.record_id, input, item.base_version, item.idempotency_key);
        return { kind: 'callLog', callLog: res.data };
      }
      case 'accessLog.post': {
        // Everything of the lane that is due goes in one request; the server dedupes by event id,
        // so a batch whose answer was lost is simply sent again.
        const batch = await pending.accessEventBatch(deps.store, item);
        const rows = batch.length ? batch : [item];
        const events = rows.map((r) => OutboxPayloads['accessLog.post'].parse(JSON.parse(r.payload)));
        await deps.rest.postAccessLog(events);
        return { kind: 'accessLog', seqs: rows.map((r) => r.seq), ids: events.map((e) => e.id) };
      }
      default:
        throw new RestError('rejected', `알 수 없는 outbox 작업입니다: ${item.op}`);
    }
  }

  async function onConflict(item: OutboxRow): Promise<void> {
    const raw = JSON.parse(item.payload) as Record<string, unknown>;
    if (item.op === 'callLog.put') {
      const theirs = (await deps.rest.getCallLog(item.record_id)).data;
      if (alreadyApplied(theirs, raw)) return finishSuccess(item, { kind: 'callLog', callLog: theirs });
      return markConflict(item, theirs, raw);
    }
    const theirs = (await deps.rest.getConversation(item.record_id)).data;
    const patch = (raw.patch ?? {}) as Record<string, unknown>;
    if (item.op === 'conversation.markRead') {
      // Reading carries no decision: try again on top of whatever the server has now.
      await deps.store.transaction((tx) => pending.rebase(tx, item.seq, theirs.version, item.attempts + 1, new Date(item.next_attempt_at)));
      return;
    }
    if (alreadyApplied(theirs, patch)) return finishSuccess(item, { kind: 'conversation', conversation: theirs });
    if (stillAsSeen(theirs, (raw as { seen?: Record<string, unknown> }).seen)) return rebase(item, theirs);
    return markConflict(item, theirs, patch);
  }

  /**
   * Send again on the server's version: nothing this patch decides changed there. At once the first
   * times (the usual case: a newer version from a citizen's message or this desk's own earlier
   * change), with backoff if the record keeps moving under it.
   */
  async function rebase(item: OutboxRow, theirs: Conversation): Promise<void> {
    const attempts = item.attempts + 1;
    const at = attempts <= 3 ? deps.now() : new Date(deps.now().getTime() + retryDelay(attempts - 3, null, policy, deps.random));
    await deps.store.transaction(async (tx) => {
      await putConversation(tx, theirs);
      await pending.rebase(tx, item.seq, theirs.version, attempts, at);
    });
  }

  async function deliver(item: OutboxRow): Promise<void> {
    try {
      try {
        await finishSuccess(item, await send(item));
      } catch (err) {
        if (err instanceof RestError && err.kind === 'conflict') await onConflict(item);
        else throw err;
      }
      deps.onReachability(true, null);
    } catch (err) {
      if (!(err instanceof RestError)) {
        await markFailed(item, (err as Error).message, false);
        return;
      }
      switch (err.kind) {
        case 'unauthenticated':
          deps.onUnauthenticated(err.message);
          return;
        case 'retryable': {
          const delay = retryDelay(item.attempts + 1, err.retryAfterMs, policy, deps.random);
          const at = new Date(deps.now().getTime() + delay);
          await deps.store.transaction((tx) => pending.postpone(tx, item.seq, at, err.message));
          // Unreachable or overloaded holds back every item; anything else (409 in flight, a 500
          // on this record) only this item and its lane.
          if (err.status === null || err.status === 429 || err.status === 503) pausedUntil = at.getTime();
          deps.onReachability(err.status !== null, err.message);
          return;
        }
        default:
          await markFailed(item, err.message);
      }
    }
  }

  async function pump(): Promise<void> {
    do {
      again = false;
      while (!stopped) {
        const me = deps.counsellorId();
        if (!me) return;
        if (deps.now().getTime() < pausedUntil) {
          schedule(pausedUntil);
          return;
        }
        const item = await pending.nextDueItem(deps.store, me, deps.now());
        if (!item) {
          const at = await pending.nextDueAt(deps.store, me);
          if (at) schedule(Date.parse(at));
          break;
        }
        await deliver(item);
        deps.onQueueChanged();
      }
    } while (again && !stopped);
  }

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    idle = pump()
      .catch((err: unknown) => deps.onReachability(false, `보내기 오류: ${(err as Error).message}`))
      .finally(() => {
        running = false;
        if (again && !stopped) kick();
      });
  }

  return {
    start(): void {
      stopped = false;
      kick();
    },
    kick,
    /** The connection is back: try what was waiting now instead of at its backoff time. */
    resumeNow(): void {
      pausedUntil = 0;
      const me = deps.counsellorId();
      if (!me || stopped) return;
      void deps.store.transaction((tx) => pending.dueNow(tx, me, deps.now())).then(kick, () => kick());
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await idle;
    },
    /** Resolves when nothing is being sent right now (tests). */
    idle: () => idle,
  };
}
export type OutboxSender = ReturnType<typeof createOutboxSender>;

/** What a refused outbox item was, with its object particle (for "서버가 … 받아들이지 않았습니다"). */
export function refusedWhat(item: Pick<OutboxRow, 'op' | 'payload'>): string {
  if (item.op === 'message.create') return '메시지 전송을';
  if (item.op === 'callLog.put') return '상담 기록 저장을';
  if (item.op === 'conversation.markRead') return '읽음 표시를';
  if (item.op === 'accessLog.post') return '접속기록 전송을';
  let p: { patch?: Record<string, unknown>; seen?: Record<string, unknown> } = {};
  try {
    p = JSON.parse(item.payload) as typeof p;
  } catch {
    // An unreadable payload is still a conversation change.
  }
  const patch = p.patch ?? {};
  if (patch.status === 'held') return '보류를';
  if (patch.status === 'closed') return '종료를';
  if (patch.status === 'open') return p.seen?.status === 'held' ? '보류 해제를' : '다시 열기를';
  if (patch.assigneeId !== undefined) return '배정 변경을';
  if (patch.dismissCrisis !== undefined) return '위기 신호 해제를';
  return '상담 정보 변경을';
}
