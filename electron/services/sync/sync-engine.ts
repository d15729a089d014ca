import { SyncConflict, type DeskHandlers, type SyncStatus, DeskError } from '../../../common/desk-api/index.js';
import type { EventHub } from '../events/event-hub.js';
import { type BackoffPolicy, retryDelay } from '../../../common/retry/index.js';
import * as pending from '../outbox/pending-store.js';
import { createOutboxSender, type OutboxSenderDeps } from '../outbox/outbox-sender.js';
import type { AppliedEffects } from '../replica/apply-changes.js';
import { RestError, type RestClient } from '../rest/index.js';
import type { SessionService } from '../session/session-service.js';
import type { Store } from '../store/index.js';
import { createLiveEvents } from './live-events.js';
import { applyPage, pullAll } from './puller.js';

export interface SyncEngineDeps {
  store: Store;
  rest: RestClient;
  session: SessionService;
  events: EventHub;
  now: () => Date;
  policy: BackoffPolicy;
  pullLimit: number;
  /** Safety net when no poke arrives (a silent network): pull this often anyway. */
  fallbackPullMs: number;
  /** The outbox confirmed (or failed, or parked as a conflict) a record: tell the renderer. */
  onRecordChanged: OutboxSenderDeps['onRecordChanged'];
  /** Shown in the status until the first success (e.g. "the damaged local file was moved aside"). */
  startupWarning: string | null;
}

interface ConflictRow {
  id: string;
  entity: 'conversation' | 'callLog';
  record_id: string;
  outbox_seq: number;
  mine: string;
  theirs: string;
  detected_at: string;
}

/** Told after each applied page of changes; `initial` during the first sync. */
export type ApplyListener = (effects: AppliedEffects, initial: boolean) => void;

/**
 * Keeps the replica current (pull on start, on every SSE poke, on reconnect, as a fallback on a
 * timer), drives the outbox it owns, and reports SyncStatus on every change. Features that react
 * to what a pull brought (inbox events, the programme index, calls, attention) subscribe with
 * onDidApply.
 */
export function createSyncEngine(deps: SyncEngineDeps) {
  const applyListeners = new Set<ApplyListener>();
  const sender = createOutboxSender({
    store: deps.store,
    rest: deps.rest,
    now: deps.now,
    policy: deps.policy,
    counsellorId: () => deps.session.counsellor()?.id ?? null,
    onRecordChanged: deps.onRecordChanged,
    onReachability: (ok, error) => reachability(ok, error),
    onUnauthenticated: (message) => void deps.session.expire(message),
    onFailed: (message) => noteRefusal(message),
    onQueueChanged: () => void refreshStatus(),
  });
  let running = false;
  let pulling: Promise<void> | null = null;
  let pullAgain = false;
  let reachable: boolean | null = null;
  let lastError: string | null = deps.startupWarning;
  /**
   * A write the server refused for good (a 4xx other than a conflict): it is not retried, so the
   * counsellor must see it even when the next write goes through (which clears lastError). Kept
   * until they act on the status line (지금 동기화) or sign out.
   */
  let refusal: string | null = null;
  let lastSuccessAt: string | null = null;
  let initialProgress: SyncStatus['initialProgress'] = null;
  let latestSeq: number | null = null;
  let pullFailures = 0;
  let pullTimer: NodeJS.Timeout | null = null;
  let lastEmitted = '';
  let statusChain: Promise<unknown> = Promise.resolve();
  let abort: AbortController | null = null;

  const live = createLiveEvents({
    rest: deps.rest,
    policy: { baseMs: Math.max(250, deps.policy.baseMs), capMs: Math.min(30_000, Math.max(deps.policy.capMs, 1_000)) },
    onPoke(seq) {
      if (seq !== null) latestSeq = Math.max(latestSeq ?? 0, seq);
      requestPull();
    },
    async applyCarried({ seq, after, changes }) {
      latestSeq = Math.max(latestSeq ?? 0, seq);
      if (!running) return false;
      // The cursor check inside applyPage is what keeps a carried page from being applied twice
      // or over a gap (a cursor past `after`, after a pull, takes the rest of the page); during
      // the first sync the pull goes on by itself.
      const done = await applyPage(deps.store, String(after), { changes, cursor: String(seq), hasMore: false }, { now: deps.now, onlyAfterInitial: true, overlapping: true });
      if (!done) return false;
      for (const listener of applyListeners) listener(done.effects, false);
      setReachable(true, null);
      return true;
    },
    onConnected() {
      setReachable(true, null);
      // Whatever happened while we were away is in the feed; what we queued can go now.
      requestPull();
      sender.resumeNow();
    },
    onDisconnected(error) {
      setReachable(false, error);
    },
    onUnauthenticated(message) {
      void deps.session.expire(message);
    },
  });

  /** The outbox reached (or failed to reach) the server. */
  function reachability(ok: boolean, error: string | null): void {
    if (ok && reachable === false) live.reconnectNow();
    setReachable(ok, error);
  }

  /** A write refused for good (the outbox's onFailed). */
  function noteRefusal(message: string): void {
    refusal = message;
    lastError = message;
    void refreshStatus();
  }

  function setReachable(ok: boolean, error: string | null): void {
    reachable = ok;
    if (ok && error === null) {
      lastSuccessAt = deps.now().toISOString();
      if (lastError !== deps.startupWarning) lastError = null;
    } else if (error) lastError = error;
    refreshStatus();
  }

  async function computeStatus(): Promise<SyncStatus> {
    const me = deps.session.counsellor();
    const queueLength = await pending.countOutbox(deps.store, me?.id ?? null);
    const conflicts = (await deps.store.get<{ n: number }>('SELECT count(*) AS n FROM conflicts'))?.n ?? 0;
    if (lastSuccessAt === null) {
      lastSuccessAt = (await deps.store.get<{ at: string | null }>('SELECT last_success_at AS at FROM sync_state WHERE id = 1'))?.at ?? null;
    }
    const state: SyncStatus['state'] = !me ? 'signedOut' : pulling ? 'syncing' : reachable === false ? 'offline' : 'online';
    return { state, queueLength, lastSuccessAt, lastError: lastError ?? refusal, initialProgress, conflicts };
  }

  function refreshStatus(): Promise<unknown> {
    statusChain = statusChain
      .then(async () => {
        const status = await computeStatus();
        const key = JSON.stringify(status);
        if (key !== lastEmitted) {
          lastEmitted = key;
          deps.events.emit('sync:onSyncStatus', status);
        }
      })
      .catch(() => undefined);
    return statusChain;
  }

  function schedulePull(delayMs: number): void {
    if (!running) return;
    if (pullTimer) clearTimeout(pullTimer);
    pullTimer = setTimeout(() => {
      pullTimer = null;
      requestPull();
    }, delayMs);
    pullTimer.unref?.();
  }

  async function runPulls(): Promise<void> {
    do {
      pullAgain = false;
      const signal = abort?.signal;
      try {
        await pullAll(deps.store, deps.rest, {
          limit: deps.pullLimit,
          now: deps.now,
          latestSeq: () => latestSeq,
          signal,
          onPage: (effects, progress) => {
            initialProgress = progress.initial ? { applied: progress.applied, latestSeq: progress.latestSeq } : null;
            for (const listener of applyListeners) listener(effects, progress.initial);
            refreshStatus();
          },
        });
        initialProgress = null;
        pullFailures = 0;
        setReachable(true, null);
        schedulePull(deps.fallbackPullMs);
      } catch (err) {
        if (signal?.aborted) return;
        if (err instanceof RestError && err.kind === 'unauthenticated') {
          void deps.session.expire(err.message);
          return;
        }
        const message = err instanceof Error ? err.message : String(err);
        await deps.store.run('UPDATE sync_state SET last_error = ? WHERE id = 1', [message]).catch(() => undefined);
        if (err instanceof RestError && err.status === null) setReachable(false, message);
        else {
          lastError = message;
          refreshStatus();
        }
        pullFailures += 1;
        schedulePull(retryDelay(pullFailures, err instanceof RestError ? err.retryAfterMs : null, deps.policy));
        return;
      }
    } while (pullAgain && running);
  }

  function requestPull(): Promise<void> {
    if (!running) return Promise.resolve();
    if (pulling) {
      pullAgain = true;
      return pulling;
    }
    pulling = runPulls().finally(() => {
      pulling = null;
      refreshStatus();
    });
    refreshStatus();
    return pulling;
  }

  async function start(): Promise<void> {
    if (running || !deps.session.counsellor()) return;
    running = true;
    abort = new AbortController();
    sender.start();
    live.start();
    void requestPull();
    await refreshStatus();
  }

  async function stop(): Promise<void> {
    running = false;
    abort?.abort();
    if (pullTimer) clearTimeout(pullTimer);
    pullTimer = null;
    await Promise.all([live.stop(), sender.stop(), pulling?.catch(() => undefined)]);
    reachable = null;
    initialProgress = null;
    refusal = null;
    await refreshStatus();
  }

  function parseConflict(r: ConflictRow): SyncConflict {
    return SyncConflict.parse({ id: r.id, entity: r.entity, recordId: r.record_id, mine: JSON.parse(r.mine), theirs: JSON.parse(r.theirs), detectedAt: r.detected_at });
  }

  const handlers: DeskHandlers['sync'] = {
    getStatus: () => computeStatus(),
    syncNow: async () => {
      refusal = null;
      if (!deps.session.counsellor()) return computeStatus();
      sender.resumeNow();
      live.reconnectNow();
      await requestPull();
      // A poke that arrived during that pull queued another round; wait for it too.
      while (pulling) await pulling;
      return computeStatus();
    },
    conflicts: async () => (await deps.store.all<ConflictRow>('SELECT * FROM conflicts ORDER BY detected_at')).map(parseConflict),
    resolveConflict: async ({ id, keep }) => {
      const row = await deps.store.get<ConflictRow>('SELECT * FROM conflicts WHERE id = ?', [id]);
      if (!row) throw new DeskError('not_found', '이미 해결된 충돌입니다.');
      const theirs = JSON.parse(row.theirs) as { version?: number };
      await deps.store.transaction(async (tx) => {
        await tx.run('DELETE FROM conflicts WHERE id = ?', [id]);
        const item = { seq: row.outbox_seq, op: row.entity === 'callLog' ? 'callLog.put' : 'conversation.patch', record_id: row.record_id };
        // Mine: sent again, this time on top of the server's version (an explicit overwrite).
        if (keep === 'mine') await pending.requeue(tx, item, deps.now(), theirs.version ?? null);
        else await pending.settle(tx, item);
      });
      if (row.entity === 'conversation') deps.events.emit('inbox:onChange', { conversationIds: [row.record_id], entities: ['conversation'] });
      else deps.events.emit('calls:onChange', { ids: [row.record_id] });
      sender.kick();
      await refreshStatus();
      return { ok: true as const };
    },
  };

  return {
    handlers,
    start,
    stop,
    requestPull,
    refreshStatus,
    /** Deliver the outbox now (a write was just queued). */
    kick: () => sender.kick(),
    onDidApply(listener: ApplyListener): () => void {
      applyListeners.add(listener);
      return () => applyListeners.delete(listener);
    },
  };
}
export type SyncEngine = ReturnType<typeof createSyncEngine>;
