import { mkdir } from 'node:fs/promises';
import { DeskError, deskMethods, type DeskHandlers, type DeskNamespace, type SyncStatus } from '../../common/desk-api/index.js';
import { createAccessRecorder } from './access/access-recorder.js';
import { createAuditedHandlers } from './access/audited-handlers.js';
import { createAttention } from './attention/attention.js';
import { createBroadcastService } from './broadcasts/broadcast-service.js';
import { createAuditService } from './audit/audit-service.js';
import { createCallsService } from './calls/index.js';
import { createEventHub, type EventHub } from './events/event-hub.js';
import type { DeskServices, DeskServicesConfig, DeskServicesTuning, WindowControl } from './host.js';
import { createCannedReplyAdmin } from './inbox/canned-reply-admin.js';
import { createInboxHandlers } from './inbox/inbox-handlers.js';
import { guardNotifications } from './privacy/notification-guard.js';
import { createPrivacyHandlers } from './privacy/privacy-handlers.js';
import { createProgrammeService } from './programmes/programme-service.js';
import { createRestClient, type RestClient } from './rest/index.js';
import { createSessionService, type SessionService } from './session/session-service.js';
import { DEFAULT_SETTINGS, createSettingsService } from './settings/settings-service.js';
import { createWorkstationSettings } from './settings/workstation-settings.js';
import type { Store } from './store/index.js';
import { createSyncEngine } from './sync/sync-engine.js';
import { createTeamService } from './team/team-service.js';
import { openVault } from './vault/vault.js';
import { createWindowService } from './window/window-service.js';

export const DEFAULT_TUNING: DeskServicesTuning = {
  retryBaseMs: 500,
  retryCapMs: 60_000,
  pullLimit: 1000,
  requestTimeoutMs: 15_000,
  fallbackPullMs: 30_000,
};

/** The namespaces whose handlers need an open replica. */
type ReplicaNamespace = 'inbox' | 'programmes' | 'calls' | 'sync' | 'privacy' | 'team' | 'audit' | 'broadcasts';
type ReplicaHandlers = Pick<DeskHandlers, ReplicaNamespace> & { settings: Pick<DeskHandlers['settings'], 'get' | 'set'> };

interface ReplicaContext {
  config: DeskServicesConfig;
  tuning: DeskServicesTuning;
  now: () => Date;
  events: EventHub;
  session: SessionService;
  rest: RestClient;
  windowControl: WindowControl;
  deskId: string;
  startupWarning: string | null;
}

/**
 * Everything that works on one counsellor's open replica: settings, programmes, the outbox and
 * sync, calls, inbox, access events. Built when a replica opens, stopped before it closes.
 */
async function openReplicaServices(store: Store, ctx: ReplicaContext) {
  const { config, tuning, now, events, session, rest } = ctx;
  const policy = { baseMs: tuning.retryBaseMs, capMs: tuning.retryCapMs };
  const settings = await createSettingsService(store, events);
  const me = () => session.counsellor()?.id ?? null;
  const attention = createAttention({ store, windowControl: ctx.windowControl, settings, events, me });
  const programmes = await createProgrammeService({ store, rest, session, events, now });

  const sync = createSyncEngine({
    store, rest, session, events, now, policy,
    pullLimit: tuning.pullLimit,
    fallbackPullMs: tuning.fallbackPullMs,
    startupWarning: ctx.startupWarning,
    onRecordChanged: ({ conversationIds, callLogIds, entity }) => {
      if (conversationIds.length) events.emit('inbox:onChange', { conversationIds, entities: [entity] });
      if (callLogIds.length) events.emit('calls:onChange', { ids: callLogIds });
    },
  });
  const kick = () => sync.kick();
  const recorder = createAccessRecorder({ store, deskId: ctx.deskId, counsellorId: me, now, kick });
  const audited = createAuditedHandlers(recorder, now);

  const calls = createCallsService({
    store,
    kick,
    counsellor: session.counsellor,
    now,
    emit: events.emit,
    notify: ctx.windowControl.notify,
    fetchRevisions: async (id) => {
      try {
        return await rest.getCallLogHistory(id);
      } catch {
        return null;
      }
    },
  });

  // What a pull brought: each feature reacts to its own part.
  sync.onDidApply((fx) => {
    if (fx.conversationIds.size || fx.inboxEntities.size) {
      events.emit('inbox:onChange', { conversationIds: [...fx.conversationIds], entities: [...fx.inboxEntities] });
    }
  });
  sync.onDidApply((fx) => {
    if (fx.programmes.size) programmes.applyProgrammes([...fx.programmes.values()].map((c) => c.data));
  });
  sync.onDidApply((fx, initial) => {
    const callIds = [...fx.callLogIds, ...fx.ctiCalls.map((c) => c.callId)];
    if (callIds.length) events.emit('calls:onChange', { ids: callIds });
    if (initial) return;
    for (const call of fx.ctiCalls) void calls.onCtiCall(call).catch((err: unknown) => config.onWarning?.(`전화 알림 오류: ${(err as Error).message}`));
  });
  sync.onDidApply((fx, initial) => {
    if (initial) {
      if (fx.conversationIds.size) void attention.refreshBadge().catch(() => undefined);
      return;
    }
    void attention.onNewInbound(fx.newInbound).catch(() => undefined);
    if (fx.assignments.length) void attention.onAssigned(fx.assignments).catch(() => undefined);
    if (fx.newCrisis.length) void attention.onNewCrisis(fx.newCrisis).catch(() => undefined);
  });

  const inbox = {
    ...createInboxHandlers({
      store, session, events, now,
      kick,
      refreshBadge: () => void attention.refreshBadge().catch(() => undefined),
    }),
    ...createCannedReplyAdmin({ store, rest, session, events }),
  };

  const handlers: ReplicaHandlers = {
    inbox: audited.inbox(inbox),
    programmes: programmes.handlers,
    calls: audited.calls(calls.handlers),
    sync: sync.handlers,
    settings: settings.handlers,
    team: createTeamService({ store, rest, session, events, now }).handlers,
    audit: createAuditService({ rest, session }).handlers,
    broadcasts: createBroadcastService({ rest, session }).handlers,
    privacy: createPrivacyHandlers({ store, recorder }),
  };

  return {
    handlers,
    async start(): Promise<void> {
      // The counsellor's own preferences replace the signed-out defaults.
      events.emit('settings:onChange', settings.current());
      await attention.refreshBadge().catch(() => undefined);
      await sync.start();
      calls.start();
    },
    async stop(): Promise<void> {
      await sync.stop();
      await calls.close();
    },
  };
}

const SIGNED_OUT_STATUS = (lastError: string | null): SyncStatus => ({
  state: 'signedOut', queueLength: 0, lastSuccessAt: null, lastError, initialProgress: null, conflicts: 0,
});

/**
 * Builds the desktop's Node side. Before anyone signs in only the workstation exists (login,
 * window, workstation settings); a sign-in opens that counsellor's encrypted replica and the
 * services on it, a sign-out closes them. electron/main and the browser harness both call this.
 */
export async function createDeskServices(config: DeskServicesConfig): Promise<DeskServices> {
  const now = config.now ?? (() => new Date());
  const tuning: DeskServicesTuning = { ...DEFAULT_TUNING, ...config.tuning };
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });

  let startupWarning: string | null = null;
  const warn = (message: string): void => {
    startupWarning = message;
    config.onWarning?.(message);
  };
  const vault = await openVault({ dataDir: config.dataDir, secretStore: config.secretStore, now, onWarning: warn, kdf: config.kdf });
  const events = createEventHub((err) => config.onWarning?.(`이벤트 처리 오류: ${(err as Error).message}`));
  const session = createSessionService(vault, events, { ...config, onWarning: warn, now, requestTimeoutMs: tuning.requestTimeoutMs });
  const windowControl = guardNotifications(config.windowControl, session.locked);
  const windowService = createWindowService(vault, events, { windowControl, host: config.host });
  const deskId = vault.workstation().deskId;
  const rest = createRestClient({
    baseUrl: session.serverUrl, token: session.token, timeoutMs: tuning.requestTimeoutMs, now, deskId,
    offlineWithoutToken: () => session.state().offline,
  });

  let replica: Awaited<ReturnType<typeof openReplicaServices>> | null = null;
  session.setHooks({
    onSignedIn: async (store) => {
      // The replica's services may expire only their own sign-in (a late 401 of an earlier one is ignored).
      const own: SessionService = { ...session, expire: (message?: string) => session.expire(message, store) };
      replica = await openReplicaServices(store, { config, tuning, now, events, session: own, rest, windowControl, deskId, startupWarning });
      await replica.start();
    },
    onSignedOut: async () => {
      const was = replica;
      replica = null;
      await was?.stop();
      events.emit('sync:onSyncStatus', SIGNED_OUT_STATUS(null));
      events.emit('settings:onChange', DEFAULT_SETTINGS);
    },
    onLockChanged: (locked) => {
      // Best effort: offline the server learns it from the missing event stream anyway.
      void replica?.handlers.team.setPresence({ status: locked ? 'away' : 'available', source: 'lock' }).catch(() => undefined);
    },
  });

  /** Forwards to the open replica; signed out (or locked) the call is refused or answered by `fallback`. */
  function gate<NS extends keyof ReplicaHandlers>(ns: NS, refuseWhileLocked: boolean, fallback: Partial<ReplicaHandlers[NS]> = {}): ReplicaHandlers[NS] {
    const names = Object.keys(deskMethods[ns as DeskNamespace]).filter((m) => ns !== 'settings' || m === 'get' || m === 'set');
    return Object.fromEntries(
      names.map((m) => [
        m,
        (arg: unknown) => {
          const open = replica?.handlers[ns] as Record<string, (a: unknown) => Promise<unknown>> | undefined;
          if (open && refuseWhileLocked && session.locked()) {
            return Promise.reject(new DeskError('forbidden', '화면이 잠겨 있습니다. 비밀번호로 잠금을 해제하세요.'));
          }
          const target = open?.[m] ?? (fallback as Record<string, ((a: unknown) => Promise<unknown>) | undefined>)[m];
          if (!target) return Promise.reject(new DeskError('unauthenticated', '로그인이 필요합니다.'));
          return target(arg);
        },
      ]),
    ) as unknown as ReplicaHandlers[NS];
  }

  const workstation = createWorkstationSettings({ vault, session, events, config });
  const handlers: DeskHandlers = {
    session: session.handlers,
    inbox: gate('inbox', true),
    programmes: gate('programmes', false),
    calls: gate('calls', true),
    sync: gate('sync', false, { getStatus: async () => SIGNED_OUT_STATUS(startupWarning) }),
    window: windowService.handlers,
    settings: { ...gate('settings', false, { get: async () => DEFAULT_SETTINGS }), ...workstation },
    privacy: gate('privacy', true),
    // Subscriber lists and notices show citizens' data: not behind the lock screen.
    broadcasts: gate('broadcasts', true),
    // The access log shows citizens' data: not behind the lock screen.
    audit: gate('audit', true),
    // Presence changes while locked too (자리 비움 on lock).
    team: gate('team', false),
  };

  let closing: Promise<void> | null = null;
  return {
    handlers,
    onEvent: events.onEvent,
    close: () => {
      closing ??= session.close();
      return closing;
    },
  };
}
