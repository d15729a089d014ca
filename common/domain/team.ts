import { z } from 'zod';
import { Instant, Uuid } from './primitives.js';
import { Role } from './vocabulary.js';

/** 상담 가능 / 자리 비움 / 통화 중 / 오프라인. */
export const PRESENCES = ['available', 'away', 'on_call', 'offline'] as const;
export const Presence = z.enum(PRESENCES);
export type Presence = z.infer<typeof Presence>;
export const PRESENCE_LABELS: Record<Presence, string> = {
  available: '상담 가능', away: '자리 비움', on_call: '통화 중', offline: '오프라인',
};

/**
 * Body of PUT /me/presence. `source` says who set it: the counsellor (default) or the desk's lock
 * screen; a lock-screen 자리 비움 is the one the desk lifts again on unlock.
 */
export const PresenceUpdate = z
  .object({
    status: Presence,
    source: z.enum(['manual', 'lock']).default('manual'),
  })
  .strict();
export type PresenceUpdate = z.infer<typeof PresenceUpdate>;

/** Orders in which waiting chats are handed out; only the longest-waiting first so far. */
export const ASSIGNMENT_ORDERS = ['longest_waiting'] as const;

/** PUT /settings/assignment (admin): automatic assignment, off by default. */
export const AssignmentSettings = z
  .object({
    enabled: z.boolean(),
    maxOpenPerCounsellor: z.number().int().min(1, '상담원당 최대 상담 수는 1 이상이어야 합니다').max(50, '상담원당 최대 상담 수는 50 이하여야 합니다'),
    order: z.enum(ASSIGNMENT_ORDERS),
  })
  .strict();
export type AssignmentSettings = z.infer<typeof AssignmentSettings>;
export const DEFAULT_ASSIGNMENT_SETTINGS: AssignmentSettings = { enabled: false, maxOpenPerCounsellor: 5, order: 'longest_waiting' };

/** Service-level targets (KS: 20초 내 상담 개시율 80 %). */
export const ServiceLevelTargets = z
  .object({
    /** Share of chats whose first response comes within chatFirstResponseSeconds (business hours). */
    chatShare: z.number().min(0).max(1),
    chatFirstResponseSeconds: z.number().int().min(10).max(86_400),
    /** Share of calls answered within callAnswerSeconds. */
    callShare: z.number().min(0).max(1),
    callAnswerSeconds: z.number().int().min(5).max(600),
  })
  .strict();
export type ServiceLevelTargets = z.infer<typeof ServiceLevelTargets>;
export const DEFAULT_SERVICE_LEVEL_TARGETS: ServiceLevelTargets = {
  chatShare: 0.8, chatFirstResponseSeconds: 300, callShare: 0.8, callAnswerSeconds: 20,
};

/** Team settings an admin changes (GET /settings/team, PUT /settings/assignment, PUT /settings/service-levels, PUT /settings/satisfaction). */
export const SatisfactionSettings = z.object({ enabled: z.boolean() }).strict();
export type SatisfactionSettings = z.infer<typeof SatisfactionSettings>;
export const TeamSettings = z.object({
  assignment: AssignmentSettings,
  serviceLevels: ServiceLevelTargets,
  satisfaction: SatisfactionSettings,
});
export type TeamSettings = z.infer<typeof TeamSettings>;

/** Crisis flag of a conversation (set by the crisis detector; DESIGN.md §3). */
export const CrisisFlag = z.object({ kind: z.string(), phrase: z.string(), messageId: z.string(), at: Instant });
export type CrisisFlag = z.infer<typeof CrisisFlag>;

/** GET /supervisor/board: the 현황판. Citizen names are masked. */
export const BoardWaiting = z.object({
  conversationId: Uuid,
  citizenLabel: z.string(),
  status: z.string(),
  assigneeId: Uuid.nullable(),
  waitingSince: Instant,
  /** Business-hours seconds waited so far (what the service level counts). */
  waitSeconds: z.number().int().nonnegative(),
  breached: z.boolean(),
  crisis: CrisisFlag.nullable(),
});
export type BoardWaiting = z.infer<typeof BoardWaiting>;

export const BoardCounsellor = z.object({
  id: Uuid,
  displayName: z.string(),
  role: Role,
  presence: Presence,
  presenceSince: Instant.nullable(),
  openChats: z.number().int().nonnegative(),
  callsToday: z.number().int().nonnegative(),
  /** Average first response of today's first responses, business-hours seconds; null when none. */
  avgFirstResponseSecondsToday: z.number().nonnegative().nullable(),
  /** At or over the assignment capacity. */
  atCapacity: z.boolean(),
});
export type BoardCounsellor = z.infer<typeof BoardCounsellor>;

export const SupervisorBoard = z.object({
  generatedAt: Instant,
  waiting: z.array(BoardWaiting),
  longestWaitSeconds: z.number().int().nonnegative(),
  unassignedCount: z.number().int().nonnegative(),
  breachCount: z.number().int().nonnegative(),
  counsellors: z.array(BoardCounsellor),
  assignment: AssignmentSettings,
  targets: ServiceLevelTargets,
});
export type SupervisorBoard = z.infer<typeof SupervisorBoard>;
