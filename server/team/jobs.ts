import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../db/store.js';
import { startAssigner } from './assignment.js';
import { DeskStreams, sweepOffline, touchLiveness } from './presence.js';

/** How often waiting chats are looked at even without a change (another instance's timers, clock). */
const ASSIGN_INTERVAL_MS = 1_000;

/**
 * The background work of team operations on one server instance: automatic assignment, the
 * liveness of desks holding SSE here, and 오프라인 for counsellors whose desks went quiet.
 */
export function startTeamJobs(store: Store, log: FastifyBaseLogger, opts: { offlineAfterMs: number }) {
  const streams = new DeskStreams();
  const assigner = startAssigner(store, log, ASSIGN_INTERVAL_MS);
  // Refresh well within the offline window so a held stream never looks stale to another instance.
  const refreshMs = Math.max(250, Math.floor(opts.offlineAfterMs / 3));
  let chain: Promise<unknown> = Promise.resolve();
  const tick = () => {
    chain = chain
      .then(async () => {
        const now = new Date();
        await touchLiveness(store.db, streams.holders(), now.toISOString());
        await sweepOffline(store, now, opts.offlineAfterMs);
      })
      .catch((err: unknown) => log.warn({ err }, 'presence liveness check failed'));
  };
  const timer = setInterval(tick, refreshMs);
  timer.unref();
  return {
    streams,
    kickAssignment: () => assigner.kick(),
    assignmentIdle: () => assigner.idle(),
    async stop() {
      clearInterval(timer);
      await chain;
      await assigner.stop();
    },
  };
}
export type TeamJobs = ReturnType<typeof startTeamJobs>;
