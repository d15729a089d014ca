import type { Change } from '../../../common/domain/index.js';
import type { Store } from '../store/index.js';
import { type AppliedEffects, applyChanges, emptyEffects } from '../replica/apply-changes.js';
import type { RestClient } from '../rest/index.js';

export interface PullProgress {
  applied: number;
  latestSeq: number | null;
  initial: boolean;
}

/** One page of the change feed: what GET /sync/pull returns, or what an SSE event carried. */
export interface FeedPageIn {
  changes: Change[];
  cursor: string;
  hasMore: boolean;
}

/**
 * Applies one page of changes to the replica and advances the cursor to `page.cursor`, in ONE
 * transaction, only if the stored cursor is still `from` (so a page is never applied twice nor
 * out of order, whether it came from a pull or an SSE event). Null when the cursor had moved,
 * or, with `onlyAfterInitial`, while the first sync is not done.
 *
 * `overlapping` (a carried SSE page, which holds every change after `from` up to its cursor):
 * a stored cursor inside that range is fine too, and only the changes after it are applied. A
 * pull that ran past what the stream had told this desk then costs no second pull: the stream's
 * next event starts where the stream was, not where the desk is. Before `from` is a gap (null).
 */
export async function applyPage(
  store: Store,
  from: string,
  page: FeedPageIn,
  opts: { now: () => Date; onlyAfterInitial?: boolean; overlapping?: boolean },
): Promise<{ effects: AppliedEffects; initial: boolean } | null> {
  return store.transaction(async (tx) => {
    // Someone else (a reset by another login, a pull, a carried page) moved the cursor meanwhile.
    const st = await tx.get<{ cursor: string; initial_done: number }>('SELECT cursor, initial_done FROM sync_state WHERE id = 1');
    const stored = st?.cursor ?? '0';
    let changes = page.changes;
    const initial = (st?.initial_done ?? 0) === 0;
    if (initial && opts.onlyAfterInitial) return null;
    if (stored !== from) {
      const at = Number(stored);
      if (!opts.overlapping || !(at > Number(from))) return null;
      // The desk already has the whole page: nothing to apply, and the cursor stays where it is.
      if (at >= Number(page.cursor)) return { effects: emptyEffects(), initial };
      changes = page.changes.filter((c) => c.seq > at);
    }
    const effects = await applyChanges(tx, changes, emptyEffects(), { detectNew: !initial });
    await tx.run('UPDATE sync_state SET cursor = ?, initial_done = CASE WHEN ? THEN 1 ELSE initial_done END, last_success_at = ?, last_error = NULL WHERE id = 1', [
      page.cursor, page.hasMore ? 0 : 1, opts.now().toISOString(),
    ]);
    return { effects, initial };
  });
}

/**
 * Pulls the change feed from the stored cursor until `hasMore` is false. Each page is applied
 * in ONE transaction together with the cursor (applyPage), so a crash mid-page leaves the
 * previous cursor and the page is simply pulled again.
 */
export async function pullAll(
  store: Store,
  rest: RestClient,
  opts: {
    limit: number;
    now: () => Date;
    latestSeq: () => number | null;
    onPage(effects: AppliedEffects, progress: PullProgress): void;
    signal?: AbortSignal;
  },
): Promise<{ pages: number; applied: number }> {
  let pages = 0;
  let applied = 0;
  for (;;) {
    if (opts.signal?.aborted) break;
    const st = await store.get<{ cursor: string }>('SELECT cursor FROM sync_state WHERE id = 1');
    const cursor = st?.cursor ?? '0';
    const page = await rest.pull(cursor, opts.limit, opts.signal);
    const done = await applyPage(store, cursor, page, { now: opts.now });
    if (!done) continue;
    pages += 1;
    applied += page.changes.length;
    const lastSeq = page.changes.length ? page.changes[page.changes.length - 1]!.seq : null;
    opts.onPage(done.effects, { applied, latestSeq: opts.latestSeq() ?? lastSeq, initial: done.initial });
    if (!page.hasMore) break;
    // A server that says "more" without moving the cursor would spin us forever.
    if (page.cursor === cursor) break;
  }
  return { pages, applied };
}
