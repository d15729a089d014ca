import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeskHandlers } from '../../common/desk-api/index.js';
import { createAttention } from './attention/attention.js';
import { createCallsService } from './calls/index.js';
import { createEventHub } from './events/event-hub.js';
import type { DeskServices, DeskServicesConfig, DeskServicesTuning } from './host.js';
import { createCannedReplyAdmin } from './inbox/canned-reply-admin.js';
import { createInboxHandlers } from './inbox/inbox-handlers.js';
import { createOutboxSender } from './outbox/outbox-sender.js';
import { enqueueOutbox } from './outbox/outbox-store.js';
import { createProgrammeService } from './programmes/programme-service.js';
import { createRestClient } from './rest/index.js';
import { createSessionService } from './session/session-service.js';
import { createSettingsService } from './settings/settings-service.js';
import { openStore } from './store/index.js';
import { createSyncEngine } from './sync/sync-engine.js';
import { createTeamService } from './team/team-service.js';
import { createWindowService } from './window/window-service.js';

export const DEFAULT_TUNING: DeskServicesTuning = {
  retryBaseMs: 500,
  retryCapMs: 60_000,
  pullLimit: 1000,
  requestTimeoutMs: 15_000,
  fallbackPullMs: 30_000,
};

export const STORE_FILE_NAME = 'desk.sqlite';

/**
 * Builds the desktop's Node side: the local store, session, sync engine with its outbox and
 * live events, and the DeskApi handlers. electron/main and the browser harness both call this.
 */
export async function createDeskServices(config: DeskServicesConfig): Promise<DeskServices> {
  const now = config.now ?? (() => new Date());
  const tuning: DeskServicesTuning = { ...DEFAULT_TUNING, ...config.tuning };
  const policy = { baseMs: tuning.retryBaseMs, capMs: tuning.retryCapMs };
  await mkdir(config.dataDir, { recursive: true });

  let startupWarning: string | null = null;
  const store = await openStore(join(config.dataDir, STORE_FILE_NAME), {
    now,
    onWarning: (message) => {
      startupWarning = message;
      config.onWarning?.(message);
    },
  });

  const events = createEventHub((err) => config.onWarning?.(`이벤트 처리 오류: ${(err as Error).message}`));
  const settings = await createSettingsService(store, events);
  const windowService = await createWindowService(store, events, config);
  const session = await createSessionService(store, events, { ...config, now, requestTimeoutMs: tuning.requestTimeoutMs });
  const rest = createRestClient({ baseUrl: session.serverUrl, token: session.token, timeoutMs: tuning.requestTimeoutMs, now });
  const me = () => session.counsellor()?.id ?? null;
  const attention = createAttention({ store, windowControl: config.windowControl, settings, events, me });
  const programmes = await createProgrammeService({ store, rest, session, events, now });

  // The sync engine and the outbox refer to each other through these late-bound calls.
  let sync: ReturnType<typeof createSyncEngine> | null = null;
  const sender = createOutboxSender({
    store, rest, now, policy,
    counsellorId: me,
    onRecordChanged: ({ conversationIds, callLogIds, entity }) => {
      if (conversationIds.length) events.emit('inbox:onChange', { conversationIds, entities: [entity] });
      if (callLogIds.length) events.emit('calls:onChange', { ids: callLogIds });
    },
    onReachability: (ok, error) => sync?.reachability(ok, error),
    onUnauthenticated: (message) => void session.expire(message),
    onFailed: (message) => sync?.noteRefusal(message),
    onQueueChanged: () => void sync?.refreshStatus(),
  });

  const calls = createCallsService({
    store,
    enqueue: async (tx, item) => {
      await enqueueOutbox(tx, item, now());
    },
    kick: () => sender.kick(),
    counsellor: session.counsellor,
    now,
    emit: events.emit,
    notify: config.windowControl.notify,
    fetchRevisions: async (id) => {
      try {
        return await rest.getCallLogHistory(id);
      } catch {
        return null;
      }
    },
  });

  sync = createSyncEngine({
    store, rest, session, sender, events, now, policy,
    pullLimit: tuning.pullLimit,
    fallbackPullMs: tuning.fallbackPullMs,
    startupWarning,
    onApplied: (fx, initial) => {
      if (fx.conversationIds.size || fx.inboxEntities.size) {
        events.emit('inbox:onChange', { conversationIds: [...fx.conversationIds], entities: [...fx.inboxEntities] });
      }
      if (fx.programmes.size) programmes.applyProgrammes([...fx.programmes.values()].map((c) => c.data));
      const callIds = [...fx.callLogIds, ...fx.ctiCalls.map((c) => c.callId)];
      if (callIds.length) events.emit('calls:onChange', { ids: callIds });
      if (!initial) {
        for (const call of fx.ctiCalls) void calls.onCtiCall(call).catch((err: unknown) => config.onWarning?.(`전화 알림 오류: ${(err as Error).message}`));
        void attention.onNewInbound(fx.newInbound).catch(() => undefined);
        if (fx.assignments.length) void attention.onAssigned(fx.assignments).catch(() => undefined);
        if (fx.newCrisis.length) void attention.onNewCrisis(fx.newCrisis).catch(() => undefined);
      } else if (fx.conversationIds.size) {
        void attention.refreshBadge().catch(() => undefined);
      }
    },
  });
  const engine = sync;

  session.setHooks({
    onSignedIn: () => {
      void engine.start();
      calls.start();
    },
    onSignedOut: async () => {
      await engine.stop();
    },
  });

  const inbox = {
    ...createInboxHandlers({
      store, session, events, now,
      kick: () => sender.kick(),
      refreshBadge: () => void attention.refreshBadge().catch(() => undefined),
    }),
    ...createCannedReplyAdmin({ store, rest, session, events }),
  };

  const handlers: DeskHandlers = {
    session: session.handlers,
    inbox,
    programmes: programmes.handlers,
    calls: calls.handlers,
    sync: engine.handlers,
    window: windowService.handlers,
    settings: settings.handlers,
    team: createTeamService({ store, rest, session, events, now }).handlers,
  };

  await attention.refreshBadge().catch(() => undefined);
  if (session.counsellor()) {
    await engine.start();
    calls.start();
  } else {
    await engine.refreshStatus();
  }

  let closing: Promise<void> | null = null;
  return {
    handlers,
    onEvent: events.onEvent,
    close: () => {
      closing ??= (async () => {
        await engine.stop();
        await calls.close();
        await store.close();
      })();
      return closing;
    },
  };
}
