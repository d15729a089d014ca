import type { Store } from '../store/index.js';
import { type AppliedEffects, applyChanges, emptyEffects } from '../replica/apply-changes.js';
import type { RestClient } from '../rest/index.js';

export interface PullProgress {
  applied: number;
  latestSeq: number | null;
  initial: boolean;
}

/**
 * Pulls the change feed from the stored cursor until `hasMore` is false. Each page is applied
 * in ONE transaction together with the cursor, so a crash mid-page leaves the previous cursor
 * and the page is simply pulled again.
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
    const st = await store.get<{ cursor: string; initial_done: number }>('SELECT cursor, initial_done FROM sync_state WHERE id = 1');
    const cursor = st?.cursor ?? '0';
    const initial = (st?.initial_done ?? 0) === 0;
    const page = await rest.pull(cursor, opts.limit, opts.signal);
    const effects = await store.transaction(async (tx) => {
      // Someone else (a reset by another login) moved the cursor meanwhile: drop this page.
      const again = await tx.get<{ cursor: string }>('SELECT cursor FROM sync_state WHERE id = 1');
      if (again?.cursor !== cursor) return null;
      const fx = await applyChanges(tx, page.changes, emptyEffects(), { detectNew: !initial });
      await tx.run('UPDATE sync_state SET cursor = ?, initial_done = CASE WHEN ? THEN 1 ELSE initial_done END, last_success_at = ?, last_error = NULL WHERE id = 1', [
        page.cursor, page.hasMore ? 0 : 1, opts.now().toISOString(),
      ]);
      return fx;
    });
    if (!effects) continue;
    pages += 1;
    applied += page.changes.length;
    const lastSeq = page.changes.length ? page.changes[page.changes.length - 1]!.seq : null;
    opts.onPage(effects, { applied, latestSeq: opts.latestSeq() ?? lastSeq, initial });
    if (!page.hasMore) break;
    // A server that says "more" without moving the cursor would spin us forever.
    if (page.cursor === cursor) break;
  }
  return { pages, applied };
}
