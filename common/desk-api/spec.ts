import { z } from 'zod';
import {
  AssignmentSettings, CallLog, CallLogInput, CallLogRevision, CannedReply, Conversation, Counsellor, CtiCall, Field, LifeStage,
  Instant, MESSAGE_MAX_LENGTH, Message, PresenceUpdate, Programme, ProgrammeInput, SatisfactionSettings, ServiceLevelTargets,
  SupervisorBoard, TeamSettings, Uuid, nonEmptyText,
} from '../domain/index.js';
import { ServiceLevelReport, SlaGroupBy } from '../team/service-levels.js';
import {
  AccessAction, AccessLogPage, AccessLogReview, AccessLogReviewInput, AccessLogVerifyResponse, Destruction,
} from '../rest/access-log.js';
import { CallLogListQuery, ProgrammeQuery, ProgrammeSearchResponse } from '../rest/contract.js';
import {
  Broadcast, BroadcastCreate, Dong, GEUMCHEON_DONGS, TopicId, BroadcastListQuery, BroadcastPatch, BroadcastRecipient, BroadcastReport,
  CitizenKeyParams, RecipientListQuery, Subscriber, SubscriberListItem, SubscriberListQuery, SubscriberPut, SubscriptionTopic,
} from '../subscriptions/index.js';
import { NoArg, method } from './define.js';

/* ---------- shapes that only the desktop knows ---------- */

export const SessionState = z.object({
  signedIn: z.boolean(),
  counsellor: Counsellor.nullable(),
  serverUrl: z.string(),
  /** Demo accounts to show on the login screen when the local demo server runs. */
  demoHint: z.object({ usernames: z.array(z.string()), password: z.string() }).nullable(),
  /** Why the last session ended (expired token, logout), for the login screen. */
  reason: z.string().nullable(),
  /** The lock screen covers everything; only the password (checked against the replica key) opens it. */
  locked: z.boolean(),
  /** Minutes without keyboard or pointer input before the window locks (workstation policy). */
  idleLockMinutes: z.number().int().min(1).max(30),
  /** Only on the first run may the login screen propose the server URL; afterwards main decides. */
  serverUrlEditable: z.boolean(),
  /** Signed in from the encrypted replica without reaching the server. */
  offline: z.boolean(),
});
export type SessionState = z.infer<typeof SessionState>;

export const LoginArgs = z.object({
  /** A proposal, honoured only on the first run (SessionState.serverUrlEditable); main checks it. */
  serverUrl: z.url({ protocol: /^https?$/, error: '서버 주소는 http:// 또는 https:// 로 시작해야 합니다' }).optional(),
  username: z.string().trim().min(1, '아이디를 입력하세요').max(64),
  password: z.string().min(1, '비밀번호를 입력하세요').max(256),
});

/** Local delivery state of a write that is still in (or failed out of) the outbox. */
export const LocalState = z.enum(['sending', 'sent', 'failed']);
export const MessageView = Message.extend({
  localState: LocalState.nullable(),
  localError: z.string().nullable(),
});
export type MessageView = z.infer<typeof MessageView>;

/** The fields an administrator edits on a 상용구 (canned reply); a blank shortcut is none. */
export const SaveCannedReplyArgs = z.object({
  id: Uuid.nullable(),
  title: z.string().trim().min(1, '제목을 입력하세요').max(100, '제목은 100자까지 쓸 수 있습니다'),
  body: z.string().trim().min(1, '내용을 입력하세요').max(MESSAGE_MAX_LENGTH, `내용은 ${MESSAGE_MAX_LENGTH}자까지 쓸 수 있습니다`),
  shortcut: z.string().trim().max(32, '단축어는 32자까지 쓸 수 있습니다').nullable().transform((v) => (v ? v : null)),
  /** The version being edited; null when creating. */
  baseVersion: z.number().int().nullable(),
});
export type SaveCannedReplyArgs = z.infer<typeof SaveCannedReplyArgs>;

export const INBOX_VIEWS = ['mine', 'unassigned', 'all', 'closed'] as const;
export const InboxView = z.enum(INBOX_VIEWS);
export type InboxView = z.infer<typeof InboxView>;

/** Order of the list: the longest-waiting citizen first (the 미배정 default), or the latest message first. */
export const INBOX_SORTS = ['waiting', 'recent'] as const;
export const InboxSort = z.enum(INBOX_SORTS);
export type InboxSort = z.infer<typeof InboxSort>;
export const defaultInboxSort = (view: InboxView): InboxSort => (view === 'unassigned' ? 'waiting' : 'recent');

/** A row of the list: the conversation plus the citizen's first message, which says who this is when no name is known. */
export const ConversationListItem = Conversation.extend({ firstQuestion: z.string().max(200).nullable() });
export type ConversationListItem = z.infer<typeof ConversationListItem>;

/**
 * The inbox list is read a window at a time (the rows the virtualised list shows), with the view's
 * total counted by SQL: a centre's 10,000 conversations never cross IPC at once.
 */
export const INBOX_PAGE_MAX = 200;
export const InboxPageArgs = z.object({
  view: InboxView,
  q: z.string().max(100, '검색어는 100자까지 입력할 수 있습니다').default(''),
  sort: InboxSort.optional(),
  offset: z.number().int().min(0, '목록 위치가 올바르지 않습니다').max(1_000_000, '목록 위치가 올바르지 않습니다').default(0),
  limit: z.number().int().min(1, '한 번에 1건 이상 읽어야 합니다').max(INBOX_PAGE_MAX, `한 번에 ${INBOX_PAGE_MAX}건까지 읽을 수 있습니다`).default(50),
});
export const InboxPage = z.object({
  /** Rows offset … offset + items.length − 1 of the view, in its order. */
  items: z.array(ConversationListItem),
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
});
export type InboxPage = z.infer<typeof InboxPage>;

/** Where a page of messages ends: its oldest message; the next (older) page starts before it. */
export const MessageCursor = z.object({ createdAt: Instant, id: Uuid });
export type MessageCursor = z.infer<typeof MessageCursor>;
/** Messages per page when the caller does not say. */
export const MESSAGE_PAGE = 50;
export const MESSAGE_PAGE_MAX = 500;
const MessageLimit = z.number().int().min(1, '한 번에 1건 이상 읽어야 합니다').max(MESSAGE_PAGE_MAX, `메시지는 한 번에 ${MESSAGE_PAGE_MAX}건까지 읽을 수 있습니다`);
export const GetConversationArgs = z.object({ conversationId: Uuid, messageLimit: MessageLimit.optional() });
export const OlderMessagesArgs = z.object({ conversationId: Uuid, before: MessageCursor, limit: MessageLimit.optional() });
export const MessagePage = z.object({
  messages: z.array(MessageView),
  /** Set when older messages exist: pass it as `before` to read them. */
  olderCursor: MessageCursor.nullable(),
});
export type MessagePage = z.infer<typeof MessagePage>;

export const ConversationDetail = z.object({
  conversation: Conversation,
  /** The newest page of the history, in time order; older pages come from inbox.messages. */
  messages: z.array(MessageView),
  olderCursor: MessageCursor.nullable().default(null),
  /** The same citizen's other conversations and their call logs (by user key or phone). */
  earlierConversations: z.array(Conversation),
  callLogs: z.array(CallLog),
});
export type ConversationDetail = z.infer<typeof ConversationDetail>;

export const ConversationRef = z.object({ conversationId: Uuid });

export const CallLogView = CallLog.extend({ localState: LocalState.nullable(), localError: z.string().nullable() });
export type CallLogView = z.infer<typeof CallLogView>;

/** A draft of a record: any subset of the fields, as typed so far. */
export const CallLogDraft = CallLogInput.partial().extend({
  id: Uuid,
  baseVersion: z.number().int().nullable().default(null),
  /** The phone number as typed so far (may not be a valid number yet); restored into the form as is. */
  phoneText: z.string().max(40).optional(),
  /** When the live-call timer was started, while it runs (null/absent: stopped); a restored draft resumes it. */
  timerStartedAt: Instant.nullable().optional(),
});
export type CallLogDraft = z.infer<typeof CallLogDraft>;

export const StatsGroupBy = z.enum(['day', 'week', 'month']);
export const StatsDimension = z.enum(['field', 'channel', 'action', 'counsellor']);
export const StatsQuery = z.object({ from: Instant, to: Instant, groupBy: StatsGroupBy, dimension: StatsDimension });
export type StatsQuery = z.infer<typeof StatsQuery>;
/** The key a record counts under when its dimension is not filled in, so totals still match (the screen says 미지정). */
export const STATS_UNSET_KEY = '(미지정)';
export const StatsResult = z.object({
  /** Period start (KST date, YYYY-MM-DD) -> dimension value -> count. */
  rows: z.array(z.object({ period: z.string(), key: z.string(), count: z.number().int() })),
  total: z.number().int(),
});
export type StatsResult = z.infer<typeof StatsResult>;

/** Why an export is made; written into the file and into the access log (개인정보 반출 사유). */
export const EXPORT_REASON_KINDS = ['statistics', 'caseConference', 'audit', 'other'] as const;
export const EXPORT_REASON_LABELS: Record<(typeof EXPORT_REASON_KINDS)[number], string> = {
  statistics: '통계 보고', caseConference: '사례 회의', audit: '감사 대응', other: '기타',
};
export const ExportReason = z
  .object({ kind: z.enum(EXPORT_REASON_KINDS), text: z.string().trim().max(200, '사유는 200자까지 쓸 수 있습니다').default('') })
  .refine((r) => r.kind !== 'other' || r.text.length > 0, { message: '기타 사유를 입력하세요', path: ['text'] });
export type ExportReason = z.infer<typeof ExportReason>;
export const ExportArgs = z.object({
  format: z.enum(['xlsx', 'csv']),
  filter: CallLogListQuery.omit({ cursor: true, limit: true }),
  reason: ExportReason,
});
export const ExportResult = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string(), rows: z.number().int() });

export const SyncStatus = z.object({
  state: z.enum(['online', 'offline', 'syncing', 'signedOut']),
  queueLength: z.number().int().nonnegative(),
  lastSuccessAt: Instant.nullable(),
  lastError: z.string().nullable(),
  /** First sync: changes applied so far; null once the replica is current. */
  initialProgress: z.object({ applied: z.number().int(), latestSeq: z.number().int().nullable() }).nullable(),
  conflicts: z.number().int().nonnegative(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncConflict = z.object({
  id: z.string(),
  entity: z.enum(['conversation', 'callLog']),
  recordId: Uuid,
  mine: z.record(z.string(), z.unknown()),
  theirs: z.record(z.string(), z.unknown()),
  detectedAt: Instant,
});
export type SyncConflict = z.infer<typeof SyncConflict>;

export const WindowState = z.object({ pinned: z.boolean(), host: z.enum(['electron', 'web']) });
export type WindowState = z.infer<typeof WindowState>;

export const Settings = z.object({
  language: z.enum(['ko', 'en']),
  soundMuted: z.boolean(),
  notifications: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

/** What an administrator decides for the workstation (not per counsellor). */
export const WorkstationPolicy = z.object({
  idleLockMinutes: z.number().int().min(1, '잠금 시간은 1분 이상이어야 합니다').max(30, '잠금 시간은 30분까지 정할 수 있습니다'),
  /** On logout: keep the encrypted replica (quick next sign-in, works offline) or wipe it. */
  logoutAction: z.enum(['keep', 'wipe']),
});
export type WorkstationPolicy = z.infer<typeof WorkstationPolicy>;
export const WorkstationSettings = WorkstationPolicy.extend({
  serverUrl: z.string().nullable(),
  /** Set by the configuration (BOKJI_SERVER_URL): not changeable on the desk. */
  serverUrlFixed: z.boolean(),
});
export type WorkstationSettings = z.infer<typeof WorkstationSettings>;
export const SetWorkstationArgs = WorkstationPolicy.partial().extend({
  serverUrl: z.url({ protocol: /^https?$/, error: '서버 주소는 http:// 또는 https:// 로 시작해야 합니다' }).optional(),
});

/** Records whose phone number a reveal control can show in full (logged as `reveal`). */
export const RevealArgs = z.object({ entity: z.enum(['callLog', 'conversation', 'ctiCall']), recordId: z.string().min(1).max(128) });
/** Processing the renderer performs itself (print) that the access log must still see. */
export const NoteAccessArgs = z.object({
  action: z.enum(['print']),
  entity: z.enum(['call_log', 'conversation', 'stats']),
  recordId: z.string().max(128).nullable().default(null),
  rows: z.number().int().nonnegative().nullable().default(null),
  reason: z.string().trim().min(1, '사유를 입력하세요').max(200),
});

export const IncomingCall = z.object({ call: CtiCall, draftId: Uuid.nullable(), history: z.array(CallLog), conversations: z.array(Conversation) });
export type IncomingCall = z.infer<typeof IncomingCall>;

/** A service-level report over [from, to) (KST periods). */
export const ReportArgs = z.object({ from: Instant, to: Instant, groupBy: SlaGroupBy });
export type ReportArgs = z.infer<typeof ReportArgs>;

/**
 * 접속기록 조회 (admin): the filters of the access-log screen. `subject` is what the admin typed —
 * a phone number in any spelling or a citizen key — and the server matches it by its keyed hash.
 */
export const AccessLogArgs = z.object({
  subject: z.string().trim().min(1).max(128, '시민 전화번호나 식별키는 128자까지 입력할 수 있습니다').optional(),
  actor: Uuid.optional(),
  action: AccessAction.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().regex(/^\d+$/, '다음 쪽 표시가 올바르지 않습니다').optional(),
});
export type AccessLogArgs = z.infer<typeof AccessLogArgs>;

/** 계정 관리 (admin): a new account gets a temporary password to change at first sign-in. */
export const AccountCreateArgs = z.object({
  username: z.string().trim().min(1, '아이디를 입력하세요').max(64).regex(/^[a-z0-9._-]+$/, '아이디는 영문 소문자, 숫자, . _ - 만 쓸 수 있습니다'),
  displayName: z.string().trim().min(1, '이름을 입력하세요').max(64),
  role: Counsellor.shape.role,
  password: z.string().min(10, '임시 비밀번호는 10자 이상이어야 합니다').max(256),
});
export const AccountUpdateArgs = z.object({
  id: Uuid,
  displayName: z.string().trim().min(1).max(64).optional(),
  role: Counsellor.shape.role.optional(),
  active: z.boolean().optional(),
  password: z.string().min(10, '비밀번호는 10자 이상이어야 합니다').max(256).optional(),
});

/** 구독 소식 (issue 14): the desk's calls; each goes to the server at once (online only). */
const BroadcastRef = z.object({ id: Uuid });
export const BroadcastUpdateArgs = z.object({ id: Uuid, patch: BroadcastPatch, baseVersion: z.number().int().nullable().default(null) });
export const BroadcastRecipientsArgs = RecipientListQuery.extend({ id: Uuid });
export const BroadcastRecipientsPage = z.object({ items: z.array(BroadcastRecipient), nextCursor: z.string().nullable() });
export const SubscriberPage = z.object({ items: z.array(SubscriberListItem), nextCursor: z.string().nullable(), total: z.number().int() });
export type SubscriberPage = z.infer<typeof SubscriberPage>;
export const SaveSubscriberArgs = SubscriberPut.extend(CitizenKeyParams.shape);
export type SaveSubscriberArgs = z.infer<typeof SaveSubscriberArgs>;
/** The live audience of a draft: arrays as the form holds them (the server takes repeated query parameters). */
export const AudienceArgs = z.object({
  topics: z.array(TopicId).min(1, '주제를 하나 이상 고르세요').max(10),
  dongs: z.array(Dong).max(GEUMCHEON_DONGS.length).default([]),
  lifeStages: z.array(LifeStage).max(10).default([]),
});

/* ---------- the contract ---------- */

const ok = z.object({ ok: z.literal(true) });

export const deskMethods = {
  session: {
    getState: method(NoArg, SessionState),
    login: method(LoginArgs, SessionState),
    logout: method(NoArg, SessionState),
    /** Ctrl+Alt+L or the idle timer: hide everything behind the lock screen. */
    lock: method(NoArg, SessionState),
    /** Checked offline against the wrapped replica key; the 5th failure signs the counsellor out. */
    unlock: method(z.object({ password: z.string().min(1, '비밀번호를 입력하세요').max(256) }), SessionState),
  },
  inbox: {
    /** Every row of a view (tools, tests); the list on screen reads `page`. */
    list: method(z.object({ view: InboxView, q: z.string().max(100).default(''), sort: InboxSort.optional() }), z.array(ConversationListItem)),
    /** One window of a view and the view's total. */
    page: method(InboxPageArgs, InboxPage),
    /** The conversation with the newest page of its history. */
    get: method(GetConversationArgs, ConversationDetail),
    /** An older page of a conversation's history (scrolling up, 이전 메시지 더 보기). */
    messages: method(OlderMessagesArgs, MessagePage),
    /** Open (not 종료) chats per assignee, counted by SQL (배정/이관 shows them). */
    openChatCounts: method(NoArg, z.array(z.object({ assigneeId: Uuid, count: z.number().int().nonnegative() }))),
    send: method(
      z.object({
        conversationId: Uuid,
        direction: z.enum(['outbound', 'note']).default('outbound'),
        body: nonEmptyText(MESSAGE_MAX_LENGTH),
        programmeId: z.string().max(64).nullable().default(null),
      }),
      MessageView,
    ),
    retry: method(z.object({ messageId: Uuid }), ok),
    markRead: method(ConversationRef, ok),
    claim: method(ConversationRef, Conversation),
    assign: method(z.object({ conversationId: Uuid, assigneeId: Uuid, comment: z.string().max(500).default('') }), Conversation),
    /** 보류 until an instant (or the citizen's next message when null), with an optional reason recorded in the chat. */
    hold: method(z.object({ conversationId: Uuid, until: Instant.nullable(), reason: z.string().trim().max(200, '보류 사유는 200자까지 쓸 수 있습니다').default('') }), Conversation),
    /** 보류 해제: back to 열림 before the hold time. */
    unhold: method(ConversationRef, Conversation),
    close: method(
      z.object({ conversationId: Uuid, field: Field, summary: nonEmptyText(200) }),
      z.object({ conversation: Conversation, callLogId: Uuid }),
    ),
    reopen: method(ConversationRef, Conversation),
    /** A false alarm: clears the conversation's crisis signal; the reason is logged on the server. */
    dismissCrisis: method(z.object({ conversationId: Uuid, reason: nonEmptyText(500) }), Conversation),
    /** One click: a 상담 기록 of this chat marked 위기가구, with the signal's kind and words as 주호소. */
    recordCrisis: method(ConversationRef, z.object({ callLogId: Uuid })),
    switchToCall: method(
      z.object({ conversationId: Uuid, phone: z.string().max(32).nullable().default(null) }),
      /** notice: what the citizen was sent, CALL_NOTICE ('call') or, without a number, PHONE_QUESTION ('askPhone'). */
      z.object({ callLogId: Uuid, notice: z.enum(['call', 'askPhone']) }),
    ),
    getDraft: method(ConversationRef, z.object({ body: z.string() })),
    saveDraft: method(z.object({ conversationId: Uuid, body: z.string().max(MESSAGE_MAX_LENGTH * 2) }), ok),
    cannedReplies: method(NoArg, z.array(CannedReply)),
    /** Admin only, online only: create (id null) or update (id + baseVersion) a 상용구. */
    saveCannedReply: method(SaveCannedReplyArgs, CannedReply),
    /** Admin only, online only; baseVersion guards against deleting a newer edit. */
    deleteCannedReply: method(z.object({ id: Uuid, baseVersion: z.number().int() }), ok),
    counsellors: method(NoArg, z.array(Counsellor)),
  },
  programmes: {
    search: method(ProgrammeQuery, ProgrammeSearchResponse),
    get: method(z.object({ id: z.string().min(1).max(64) }), Programme.nullable()),
    favourites: method(NoArg, z.array(z.string())),
    toggleFavourite: method(z.object({ id: z.string().min(1).max(64) }), z.array(z.string())),
    recents: method(NoArg, z.array(z.string())),
    markUsed: method(z.object({ id: z.string().min(1).max(64) }), ok),
    update: method(z.object({ id: z.string().min(1).max(64), input: ProgrammeInput, baseVersion: z.number().int() }), Programme),
  },
  calls: {
    list: method(CallLogListQuery, z.array(CallLogView)),
    get: method(z.object({ id: Uuid }), z.object({ callLog: CallLogView, revisions: z.array(CallLogRevision) }).nullable()),
    save: method(z.object({ id: Uuid, input: CallLogInput, baseVersion: z.number().int().nullable() }), CallLogView),
    getDraft: method(z.object({ id: Uuid }), CallLogDraft.nullable()),
    listDrafts: method(NoArg, z.array(CallLogDraft)),
    saveDraft: method(CallLogDraft, ok),
    discardDraft: method(z.object({ id: Uuid }), ok),
    history: method(z.object({ phone: z.string().min(1).max(32) }), z.object({ callLogs: z.array(CallLog), conversations: z.array(Conversation) })),
    callbacks: method(NoArg, z.array(CallLog)),
    completeCallback: method(z.object({ id: Uuid, recordId: Uuid.nullable() }), CallLogView),
    missedCalls: method(NoArg, z.array(CtiCall)),
    stats: method(StatsQuery, StatsResult),
    export: method(ExportArgs, ExportResult),
  },
  sync: {
    getStatus: method(NoArg, SyncStatus),
    syncNow: method(NoArg, SyncStatus),
    conflicts: method(NoArg, z.array(SyncConflict)),
    resolveConflict: method(z.object({ id: z.string(), keep: z.enum(['mine', 'theirs']) }), ok),
  },
  window: {
    getState: method(NoArg, WindowState),
    setPinned: method(z.object({ pinned: z.boolean() }), WindowState),
    togglePinned: method(NoArg, WindowState),
  },
  settings: {
    get: method(NoArg, Settings),
    set: method(Settings.partial(), Settings),
    workstation: method(NoArg, WorkstationSettings),
    /** Admin only. */
    setWorkstation: method(SetWorkstationArgs, WorkstationSettings),
  },
  privacy: {
    /** The full phone number of one record, for this counsellor, logged as `reveal`. */
    reveal: method(RevealArgs, z.object({ phone: z.string().nullable() })),
    note: method(NoteAccessArgs, ok),
  },
  /** Team operations: presence, the supervisor's board, service levels, team settings, accounts (online only). */
  team: {
    /** 상담 가능 / 자리 비움 / 통화 중 / 오프라인; the lock screen passes source 'lock'. */
    setPresence: method(PresenceUpdate, Counsellor),
    settings: method(NoArg, TeamSettings),
    saveAssignment: method(AssignmentSettings, AssignmentSettings),
    saveServiceLevels: method(ServiceLevelTargets, ServiceLevelTargets),
    saveSatisfaction: method(SatisfactionSettings, SatisfactionSettings),
    /** Supervisor or admin. */
    board: method(NoArg, SupervisorBoard),
    report: method(ReportArgs, ServiceLevelReport),
    exportReport: method(ReportArgs, ExportResult),
    accounts: method(NoArg, z.array(Counsellor)),
    createAccount: method(AccountCreateArgs, Counsellor),
    updateAccount: method(AccountUpdateArgs, Counsellor),
    unlockAccount: method(z.object({ id: Uuid }), ok),
  },
  /** 접속기록 (admin, online only): the log, its chain verification, the monthly review, the 파기 대장. */
  audit: {
    log: method(AccessLogArgs, AccessLogPage),
    verify: method(NoArg, AccessLogVerifyResponse),
    reviews: method(NoArg, z.array(AccessLogReview)),
    signReview: method(AccessLogReviewInput, AccessLogReview),
    destructions: method(NoArg, z.array(Destruction)),
  },
  /** 구독 소식: topics and counsellor-assisted subscriptions for everyone; notices for supervisors and admins (the server decides). */
  broadcasts: {
    topics: method(NoArg, z.array(SubscriptionTopic)),
    consentStatement: method(NoArg, z.object({ version: z.string(), statement: z.string() })),
    audience: method(AudienceArgs, z.object({ count: z.number().int() })),
    list: method(BroadcastListQuery, z.array(Broadcast)),
    get: method(BroadcastRef, Broadcast),
    /** A new draft; the id is also the Idempotency-Key. */
    create: method(BroadcastCreate, Broadcast),
    update: method(BroadcastUpdateArgs, Broadcast),
    submit: method(BroadcastRef, Broadcast),
    /** By another supervisor or admin than the author: the server refuses the author (forbidden, with its reason). */
    approve: method(BroadcastRef, Broadcast),
    cancel: method(BroadcastRef, Broadcast),
    pause: method(BroadcastRef, Broadcast),
    resume: method(BroadcastRef, Broadcast),
    recipients: method(BroadcastRecipientsArgs, BroadcastRecipientsPage),
    report: method(BroadcastRef, BroadcastReport),
    subscribers: method(SubscriberListQuery, SubscriberPage),
    subscriber: method(CitizenKeyParams, Subscriber),
    saveSubscriber: method(SaveSubscriberArgs, Subscriber),
  },
} as const;

/** Events pushed from the main side; the API exposes each as `namespace.onX(cb) => unsubscribe`. */
export const deskEvents = {
  session: { onChange: SessionState },
  inbox: {
    /** Conversations or messages changed (sync, own writes); ids of the conversations touched. */
    onChange: z.object({ conversationIds: z.array(z.string()), entities: z.array(z.string()) }),
    /** Open this conversation (a notification was clicked). */
    onFocusRequest: ConversationRef,
  },
  programmes: { onChange: z.object({ ids: z.array(z.string()) }) },
  calls: {
    onChange: z.object({ ids: z.array(z.string()) }),
    onIncomingCall: IncomingCall,
    onCallbackDue: CallLog,
  },
  sync: { onSyncStatus: SyncStatus },
  window: { onStateChange: WindowState },
  settings: { onChange: Settings },
  team: {},
  audit: {},
  broadcasts: {},
  privacy: {},
} as const;

export type DeskMethods = typeof deskMethods;
export type DeskEvents = typeof deskEvents;
export type DeskNamespace = keyof DeskMethods;
export const DESK_NAMESPACES = Object.keys(deskMethods) as DeskNamespace[];
