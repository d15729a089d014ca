import { randomUUID } from 'node:crypto';
import type { CallLog, Conversation, Message } from '../../../common/domain/index.js';
import { putCallLog, putConversation, putMessage } from '../replica/write.js';
import { RestError, type RestClient } from '../rest/index.js';
import type { Store, StoreTx } from '../store/index.js';
import { type BackoffPolicy, retryDelay } from '../../../common/retry/index.js';
import { ACCESS_LOG_BATCH, ACCESS_LOG_LANE, type OutboxRow, OutboxPayloads, nextDueAt, nextDueItem, stillAsSeen } from './outbox-store.js';

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
      await deps.store.transaction(async (tx) => {
        const at = deps.now().toISOString();
        for (const seq of delivered.seqs) await tx.run('DELETE FROM outbox WHERE seq = ?', [seq]);
        for (const id of delivered.ids) await tx.run('UPDATE access_events SET sent_at = ? WHERE id = ?', [at, id]);
      });
      return;
    }
    await deps.store.transaction(async (tx) => {
      await tx.run('DELETE FROM outbox WHERE seq = ?', [item.seq]);
      if (delivered.kind === 'message') {
        await putMessage(tx, delivered.message);
        await tx.run("DELETE FROM local_pending WHERE entity = 'message' AND id = ?", [item.record_id]);
        return;
      }
      const version = delivered.kind === 'conversation' ? delivered.conversation.version : delivered.callLog.version;
      if (delivered.kind === 'conversation') await putConversation(tx, delivered.conversation);
      else await putCallLog(tx, delivered.callLog);
      // Later edits of this record were made on top of this one: carry them to the new version.
      await tx.run(
        "UPDATE outbox SET base_version = ? WHERE record_id = ? AND seq > ? AND state = 'queued' AND base_version IS ?",
        [version, item.record_id, item.seq, item.base_version],
      );
      await clearPendingIfDone(tx, delivered.kind, item.record_id);
    });
    const conversationIds = delivered.kind === 'message' ? [delivered.message.conversationId]
      : delivered.kind === 'conversation' ? [delivered.conversation.id]
      : delivered.callLog.conversationId ? [delivered.callLog.conversationId] : [];
    deps.onRecordChanged({ conversationIds, callLogIds: delivered.kind === 'callLog' ? [delivered.callLog.id] : [], entity: delivered.kind });
  }

  async function clearPendingIfDone(tx: StoreTx, entity: 'conversation' | 'callLog', recordId: string): Promise<void> {
    const more = await tx.get('SELECT 1 AS x FROM outbox WHERE record_id = ? LIMIT 1', [recordId]);
    if (!more) await tx.run('DELETE FROM local_pending WHERE entity = ? AND id = ?', [entity, recordId]);
  }

  function pendingEntity(op: string): 'message' | 'conversation' | 'callLog' {
    return op === 'message.create' ? 'message' : op === 'callLog.put' ? 'callLog' : 'conversation';
  }

  /** The server refused this write for good: what was refused, in the counsellor's words, and the server's reason. */
  function refusal(item: OutboxRow, reason: string): string {
    return `서버가 ${refusedWhat(item)} 받아들이지 않았습니다: ${reason}`;
  }

  async function markFailed(item: OutboxRow, reason: string, byServer = true): Promise<void> {
    const message = byServer ? refusal(item, reason) : `${refusedWhat(item)} 보낼 수 없습니다: ${reason}`;
    if (item.op === 'accessLog.post') {
      // Not the counsellor's write: nothing to roll back on screen, only the status line says it.
      await deps.store.run("UPDATE outbox SET state = 'failed', last_error = ?, attempts = attempts + 1 WHERE seq = ?", [message, item.seq]);
      deps.onFailed(message);
      return;
    }
    const entity = pendingEntity(item.op);
    await deps.store.transaction(async (tx) => {
      await tx.run("UPDATE outbox SET state = 'failed', last_error = ?, attempts = attempts + 1 WHERE seq = ?", [message, item.seq]);
      if (entity === 'conversation') {
        // A conversation has no "failed" badge: show the server's state again and say why in the status.
        const more = await tx.get("SELECT 1 AS x FROM outbox WHERE record_id = ? AND state IN ('queued', 'conflict') LIMIT 1", [item.record_id]);
        if (!more) await tx.run("DELETE FROM local_pending WHERE entity = 'conversation' AND id = ?", [item.record_id]);
      } else {
        await tx.run("UPDATE local_pending SET state = 'failed', error = ? WHERE entity = ? AND id = ?", [message, entity, item.record_id]);
      }
    });
    deps.onFailed(message);
    notifyRecord(item);
  }

  function notifyRecord(item: OutboxRow): void {
    const payload = JSON.parse(item.payload) as { conversationId?: string | null };
    const entity = pendingEntity(item.op);
    const conversationIds = entity === 'conversation' ? [item.record_id] : payload.conversationId ? [payload.conversationId] : [];
    deps.onRecordChanged({ conversationIds, callLogIds: entity === 'callLog' ? [item.record_id] : [], entity });
  }

  async function markConflict(item: OutboxRow, theirs: Conversation | CallLog, mine: Record<string, unknown>): Promise<void> {
    const entity = item.op === 'callLog.put' ? 'callLog' : 'conversation';
    const message = '다른 곳에서 먼저 수정되었습니다. 어느 쪽을 남길지 선택하세요. (conflict)';
    await deps.store.transaction(async (tx) => {
      await tx.run("UPDATE outbox SET state = 'conflict', last_error = ?, attempts = attempts + 1 WHERE seq = ?", [message, item.seq]);
      await tx.run(
        'INSERT INTO conflicts (id, entity, record_id, outbox_seq, mine, theirs, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [randomUUID(), entity, item.record_id, item.seq, JSON.stringify({ ...mine, baseVersion: item.base_version }), JSON.stringify(theirs), deps.now().toISOString()],
      );
      if (entity === 'conversation') await putConversation(tx, theirs as Conversation);
      else await putCallLog(tx, theirs as CallLog);
      await tx.run("UPDATE local_pending SET state = 'failed', error = ? WHERE entity = ? AND id = ?", [message, entity, item.record_id]);
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
        const batch = await deps.store.all<OutboxRow>(
          "SELECT * FROM outbox WHERE lane = ? AND op = 'accessLog.post' AND state = 'queued' AND counsellor_id = ? AND seq >= ? ORDER BY seq LIMIT ?",
          [ACCESS_LOG_LANE, item.counsellor_id, item.seq, ACCESS_LOG_BATCH],
        );
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
      await deps.store.run('UPDATE outbox SET base_version = ?, attempts = attempts + 1 WHERE seq = ?', [theirs.version, item.seq]);
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
      await tx.run('UPDATE outbox SET base_version = ?, attempts = ?, next_attempt_at = ? WHERE seq = ?', [theirs.version, attempts, at.toISOString(), item.seq]);
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
          await deps.store.run('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE seq = ?', [
            at.toISOString(), err.message, item.seq,
          ]);
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
        const item = await nextDueItem(deps.store, me, deps.now());
        if (!item) {
          const at = await nextDueAt(deps.store, me);
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
      void deps.store
        .run("UPDATE outbox SET next_attempt_at = ? WHERE state = 'queued' AND counsellor_id = ? AND next_attempt_at > ?", [deps.now().toISOString(), me, deps.now().toISOString()])
        .then(kick, () => kick());
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
